package org.qtastudio.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Progress;
import org.qtastudio.retrieval.FusionRetriever;
import org.qtastudio.retrieval.Hit;
import org.qtastudio.retrieval.MtrbFixture;
import org.qtastudio.retrieval.Ranking;
import org.qtastudio.retrieval.Retriever;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;

/** The served search against the retriever it serves, on MTRB RestBench and a generated catalog of many MCP servers. */
class ToolSearchServiceTest {

    @TempDir
    static Path dir;
    static Workspace workspace;
    static List<String> queries;

    @BeforeAll
    static void importCatalogs() throws Exception {
        MtrbFixture.assumePresent();
        workspace = Workspace.open(dir.resolve("serve.qta"));
        MtrbFixture.importBoth(workspace);
        ServeFixtures.importMcpCatalog(workspace, dir);
        CatalogStore catalogs = new CatalogStore(workspace);
        queries = catalogs.queries(catalogs.require(MtrbFixture.RESTBENCH).id(), Split.TEST).stream().map(q -> q.text()).toList();
    }

    @AfterAll
    static void closeWorkspace() {
        if (workspace != null) {
            workspace.close();
        }
    }

    private static ToolSearchService open(ServeConfig config) {
        return ToolSearchService.open(workspace, config, Progress.NONE);
    }

    private static ToolSearchService withRewriter(ServeConfig config, QueryRewriter rewriter) {
        return new ToolSearchService(workspace, config, rewriter, Progress.NONE);
    }

    private static Retriever retriever(String catalog, RetrieverSpec spec) {
        Retrievers retrievers = new Retrievers(workspace);
        Catalog c = new CatalogStore(workspace).require(catalog);
        return retrievers.open(c, spec, Progress.NONE);
    }

    private static List<Hit> hits(ToolSearchResponse response) {
        return response.tools().stream().map(t -> new Hit(t.rank(), t.key(), t.score())).toList();
    }

    @Test
    void ranksAsTheRetrieverDoes() {
        for (RetrieverSpec spec : List.of(RetrieverSpec.Bm25.defaults(), RetrieverSpec.PaperBm25.defaults())) {
            try (ToolSearchService service = open(ServeConfig.retrieverOnly(MtrbFixture.RESTBENCH, spec));
                 Retriever retriever = retriever(MtrbFixture.RESTBENCH, spec)) {
                for (String q : queries) {
                    ToolSearchResponse response = service.search(new ToolSearchRequest(q, 10, null));
                    assertEquals(retriever.search(q, 10), hits(response), spec.describe() + ": " + q);
                    assertNull(response.rewrite());
                    assertNull(response.fallback());
                }
                assertEquals(queries.size(), service.stats().requests());
            }
        }
    }

    @Test
    void concurrentRequestsGetTheSequentialAnswers() throws Exception {
        // BM25 is searched by all threads at once, dense retrieval in turns: both must answer as one thread does
        for (RetrieverSpec spec : List.of(RetrieverSpec.Bm25.defaults(), RetrieverSpec.Dense.defaults())) {
            try (ToolSearchService service = open(ServeConfig.retrieverOnly(MtrbFixture.RESTBENCH, spec))) {
                List<List<Hit>> sequential = queries.stream().map(q -> hits(service.search(new ToolSearchRequest(q, 5, null)))).toList();
                ExecutorService pool = Executors.newFixedThreadPool(8);
                try {
                    List<Future<List<Hit>>> answers = new ArrayList<>();
                    for (int round = 0; round < 4; round++) {
                        for (String q : queries) {
                            answers.add(pool.submit(() -> hits(service.search(new ToolSearchRequest(q, 5, null)))));
                        }
                    }
                    for (int i = 0; i < answers.size(); i++) {
                        assertEquals(sequential.get(i % queries.size()), answers.get(i).get(), spec.describe() + ": " + queries.get(i % queries.size()));
                    }
                } finally {
                    pool.shutdownNow();
                }
                assertEquals(5L * queries.size(), service.stats().requests());
            }
        }
    }

    @Test
    void namespaceLimitsTheAnswerToItsToolsInTheirOrder() {
        RetrieverSpec spec = RetrieverSpec.Bm25.defaults();
        try (ToolSearchService service = open(ServeConfig.retrieverOnly(ServeFixtures.CATALOG, spec));
             Retriever retriever = retriever(ServeFixtures.CATALOG, spec)) {
            assertEquals(ServeFixtures.SERVERS, service.namespaces().size());
            String query = "search the web and send an email";
            Ranking all = retriever.rank(query);
            for (String namespace : List.of("server03", "server17", ServeFixtures.QUIET)) {
                for (int k : List.of(1, 5, ServeFixtures.TOOLS_PER_SERVER, ToolSearchRequest.MAX_K)) {
                    List<String> expected = IntStream.range(0, all.size()).mapToObj(all::hit).map(Hit::key)
                            .filter(key -> key.startsWith(namespace + "/")).limit(k).toList();
                    ToolSearchResponse response = service.search(new ToolSearchRequest(query, k, namespace));
                    assertEquals(expected, response.tools().stream().map(ServedTool::key).toList(), namespace + ", k=" + k);
                    assertEquals(IntStream.rangeClosed(1, expected.size()).boxed().toList(),
                            response.tools().stream().map(ServedTool::rank).toList());
                    assertTrue(response.tools().stream().allMatch(t -> namespace.equals(t.namespace())));
                }
            }
        }
    }

    @Test
    void anUnknownNamespaceIsRefusedWithTheKnownOnes() {
        try (ToolSearchService service = open(ServeConfig.retrieverOnly(ServeFixtures.CATALOG, RetrieverSpec.Bm25.defaults()))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> service.search(new ToolSearchRequest("send an email", 5, "no-such-server")));
            assertTrue(e.getMessage().startsWith("unknown namespace 'no-such-server'; the namespaces of catalog 'mcp-many' are: "
                    + "quiet, server00, server01,"), e.getMessage());
            assertTrue(e.getMessage().endsWith("server18 and 5 more"), e.getMessage());
            assertEquals(1, service.stats().errors());
        }
        try (ToolSearchService service = open(ServeConfig.retrieverOnly(MtrbFixture.METATOOL, RetrieverSpec.Bm25.defaults()))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> service.search(new ToolSearchRequest("weather", 5, "TMDB")));
            assertEquals("unknown namespace 'TMDB'; the namespaces of catalog 'mtrb-metatool' are: MetaTool", e.getMessage());
        }
    }

    @Test
    void servedToolsCarryTheirCallNameAndInputSchema() {
        try (ToolSearchService service = open(ServeConfig.retrieverOnly(ServeFixtures.CATALOG, RetrieverSpec.Bm25.defaults()))) {
            ServedTool top = service.search(new ToolSearchRequest("send an email", 3, "server05")).tools().getFirst();
            String tool = top.key().substring(top.key().indexOf('/') + 1);
            assertEquals(tool, top.name(), "the MCP name an agent calls, not the tool's title");
            String arg = "arg" + tool.substring("tool".length());
            assertEquals("{\"type\":\"object\",\"properties\":{\"" + arg + "\":{\"type\":\"string\",\"description\":\"argument "
                    + arg.substring(3) + "\"}},\"required\":[\"" + arg + "\"]}", top.inputSchema().toString());
        }
    }

    @Test
    void queryAndKAreCheckedOnceForEveryFrontEnd() {
        assertEquals("the query is empty; type what the tool should do",
                assertThrows(IllegalArgumentException.class, () -> new ToolSearchRequest("  \n", 5, null)).getMessage());
        assertEquals("k must be between 1 and 50, got 0",
                assertThrows(IllegalArgumentException.class, () -> new ToolSearchRequest("q", 0, null)).getMessage());
        assertEquals("k must be between 1 and 50, got 51",
                assertThrows(IllegalArgumentException.class, () -> new ToolSearchRequest("q", 51, null)).getMessage());
        assertNull(new ToolSearchRequest("q", 5, " ").namespace());
    }

    /** A rewriter that answers {@code answer} and records the documents it was prompted with. */
    private static class FixedRewriter implements QueryRewriter {
        final String answer;
        final List<List<String>> prompted = new ArrayList<>();

        FixedRewriter(String answer) {
            this.answer = answer;
        }

        @Override
        public int toolDocuments() {
            return 3;
        }

        @Override
        public String rewrite(String query, List<Tool> documents, Progress progress) {
            prompted.add(documents.stream().map(Tool::key).toList());
            return answer;
        }

        @Override
        public String describe() {
            return "fixed rewriter";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theRewriteRanksAloneOrFusedWithTheQuery() {
        RetrieverSpec spec = RetrieverSpec.Bm25.defaults();
        String query = queries.getFirst();
        String rewrite = "GET /movie/{movie_id}/credits cast and crew of a movie";
        try (Retriever retriever = retriever(MtrbFixture.RESTBENCH, spec)) {
            FixedRewriter fixed = new FixedRewriter(rewrite);
            ServeConfig config = new ServeConfig(MtrbFixture.RESTBENCH, spec, null, ServeConfig.RewriteUse.rewrite, null, false);
            try (ToolSearchService service = withRewriter(config, fixed)) {
                ToolSearchResponse response = service.search(new ToolSearchRequest(query, 5, null));
                assertEquals(rewrite, response.rewrite());
                assertNull(response.fallback());
                assertEquals(retriever.search(rewrite, 5), hits(response));
                assertEquals(List.of(retriever.search(query, 3).stream().map(Hit::key).toList()), fixed.prompted,
                        "the prompt shows the retriever's top tools for the query, as the rewrite evaluation's does");
                assertTrue(service.describe().endsWith("on rewrites by fixed rewriter"), service.describe());
            }
            ServeConfig fusion = new ServeConfig(MtrbFixture.RESTBENCH, spec, null, ServeConfig.RewriteUse.fusion, null, false);
            try (ToolSearchService service = withRewriter(fusion, new FixedRewriter(rewrite))) {
                ToolSearchResponse response = service.search(new ToolSearchRequest(query, 5, null));
                Ranking fused = FusionRetriever.fuse(retriever.rank(query), retriever.rank(rewrite), RetrieverSpec.Hybrid.DEFAULT_K);
                assertEquals(fused.top(5), hits(response));
                assertEquals(rewrite, response.rewrite());
            }
        }
    }

    @Test
    void anEmptyOrFailingRewriteFallsBackToTheRetriever() {
        RetrieverSpec spec = RetrieverSpec.Bm25.defaults();
        String query = queries.get(1);
        QueryRewriter failing = new FixedRewriter("") {
            @Override
            public String rewrite(String q, List<Tool> documents, Progress progress) {
                throw new IllegalStateException("the model ran out of memory");
            }
        };
        try (Retriever retriever = retriever(MtrbFixture.RESTBENCH, spec)) {
            ServeConfig config = new ServeConfig(MtrbFixture.RESTBENCH, spec, null, ServeConfig.RewriteUse.rewrite, null, false);
            for (QueryRewriter rewriter : List.of(new FixedRewriter("   "), failing)) {
                try (ToolSearchService service = withRewriter(config, rewriter)) {
                    ToolSearchResponse response = service.search(new ToolSearchRequest(query, 5, null));
                    assertNull(response.rewrite());
                    assertEquals(rewriter == failing ? "the rewriter failed: the model ran out of memory" : "the rewriter gave no rewrite",
                            response.fallback());
                    assertEquals(retriever.search(query, 5), hits(response));
                    assertEquals(1, service.stats().fallbacks());
                }
            }
        }
    }

    @Test
    void aRewriterOverTheBudgetIsAnsweredWithoutAndStopped() throws Exception {
        RetrieverSpec spec = RetrieverSpec.Bm25.defaults();
        String query = queries.get(2);
        CountDownLatch stopped = new CountDownLatch(1);
        // never answers by itself: only the request giving up on it ends it
        QueryRewriter stuck = new FixedRewriter("never") {
            @Override
            public String rewrite(String q, List<Tool> documents, Progress progress) {
                while (!progress.isCancelled()) {
                    Thread.onSpinWait();
                }
                stopped.countDown();
                return "too late";
            }
        };
        ServeConfig config = new ServeConfig(MtrbFixture.RESTBENCH, spec, null, ServeConfig.RewriteUse.rewrite, Duration.ofMillis(20), false);
        try (Retriever retriever = retriever(MtrbFixture.RESTBENCH, spec);
             ToolSearchService service = withRewriter(config, stuck)) {
            ToolSearchResponse response = service.search(new ToolSearchRequest(query, 5, null));
            assertEquals("rewriter over the 20 ms budget", response.fallback());
            assertNull(response.rewrite());
            assertEquals(retriever.search(query, 5), hits(response));
            assertTrue(stopped.await(30, TimeUnit.SECONDS), "the abandoned rewrite was cancelled");
            assertTrue(service.describe().endsWith("latency budget 20 ms"), service.describe());
        }
    }

    @Test
    void aClosedServiceRefusesSearches() {
        ToolSearchService service = open(ServeConfig.retrieverOnly(MtrbFixture.RESTBENCH, RetrieverSpec.Bm25.defaults()));
        service.close();
        service.close();
        assertThrows(IllegalStateException.class, () -> service.search(new ToolSearchRequest("movies", 5, null)));
    }

    @Test
    void anUnknownCatalogOrRunIsRefusedBeforeAnythingLoads() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> open(ServeConfig.retrieverOnly("nope", RetrieverSpec.Bm25.defaults())));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        ServeConfig run = new ServeConfig(MtrbFixture.RESTBENCH, RetrieverSpec.Bm25.defaults(), 99L, null, null, false);
        assertEquals("no alignment run 99 in " + workspace.file(), assertThrows(IllegalArgumentException.class, () -> open(run)).getMessage());
    }
}
