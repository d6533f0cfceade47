package org.qtastudio.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.common.Progress;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.dense.EmbeddingStore;
import org.qtastudio.retrieval.dense.OnnxEmbeddingModel;
import org.qtastudio.store.Workspace;

/** The query log: off unless asked for; on, each served query becomes an unlabelled query and each request a row. */
class QueryLogTest {

    @TempDir
    Path dir;

    private Workspace workspace() throws Exception {
        Workspace w = Workspace.open(dir.resolve("log.qta"));
        if (new CatalogStore(w).find(ServeFixtures.CATALOG).isEmpty()) {
            ServeFixtures.importMcpCatalog(w, dir);
        }
        return w;
    }

    private static ServeConfig logged() {
        return new ServeConfig(ServeFixtures.CATALOG, RetrieverSpec.Bm25.defaults(), null, null, null, true);
    }

    @Test
    void offByDefaultNothingIsStored() throws Exception {
        try (Workspace w = workspace()) {
            Catalog c = new CatalogStore(w).require(ServeFixtures.CATALOG);
            for (RetrieverSpec spec : List.of(RetrieverSpec.Bm25.defaults(), RetrieverSpec.Dense.defaults())) {
                ServeConfig byDefault = ServeConfig.retrieverOnly(ServeFixtures.CATALOG, spec);
                assertFalse(byDefault.logQueries());
                try (ToolSearchService service = ToolSearchService.open(w, byDefault, Progress.NONE)) {
                    assertFalse(service.logsQueries());
                    service.search(new ToolSearchRequest("send an email to the team"));
                    service.search(new ToolSearchRequest("upload an image", 3, "server02"));
                }
            }
            assertEquals(List.of(), new CatalogStore(w).queries(c.id(), null));
            assertEquals(0, new QueryLogStore(w).count(c.id()));
            assertEquals(ServeFixtures.SERVERS * ServeFixtures.TOOLS_PER_SERVER,
                    new EmbeddingStore(w).count(OnnxEmbeddingModel.miniLm().id()), "the tools' embeddings are cached, the queries' are not");
        }
    }

    @Test
    void onEachQueryIsAnUnlabelledQueryAndEachRequestARowThatSurvivesClosing() throws Exception {
        long catalogId;
        List<ToolSearchResponse> answers;
        try (Workspace w = workspace()) {
            CatalogStore catalogs = new CatalogStore(w);
            catalogId = catalogs.require(ServeFixtures.CATALOG).id();
            // a query someone already annotated keeps its split and gold when an agent sends the same text
            catalogs.addQuery(catalogId, "read a note", Split.TRAIN, List.of("server01/tool1"));
            try (ToolSearchService service = ToolSearchService.open(w, logged(), Progress.NONE)) {
                assertTrue(service.logsQueries());
                answers = List.of(
                        service.search(new ToolSearchRequest("send an email to the team")),
                        service.search(new ToolSearchRequest("  send an email to the team ", 2, null)),
                        service.search(new ToolSearchRequest("upload an image", 3, "server02")),
                        service.search(new ToolSearchRequest("read a note", 1, null)));
                assertThrows(IllegalArgumentException.class, () -> service.search(new ToolSearchRequest("refused", 5, "nope")));
            }
        }
        try (Workspace w = Workspace.openExisting(dir.resolve("log.qta"))) {
            Map<String, UserQuery> byText = new java.util.HashMap<>();
            new CatalogStore(w).queries(catalogId, null).forEach(q -> byText.put(q.text(), q));
            assertEquals(3, byText.size(), "the same text served twice is one query; a refused request is not logged: " + byText.keySet());
            assertEquals(Split.UNLABELLED, byText.get("send an email to the team").split());
            assertEquals(List.of(), byText.get("send an email to the team").gold());
            assertEquals(Split.UNLABELLED, byText.get("upload an image").split());
            assertEquals(Split.TRAIN, byText.get("read a note").split());
            assertEquals(List.of("server01/tool1"), byText.get("read a note").gold());

            List<LoggedRequest> logged = new QueryLogStore(w).recent(catalogId, 10);
            assertEquals(4, logged.size());
            for (int i = 0; i < 4; i++) {
                LoggedRequest row = logged.get(3 - i); // newest first
                ToolSearchResponse answer = answers.get(i);
                assertEquals(answer.query(), row.query());
                assertEquals(answer.tools().stream().map(ServedTool::key).toList(), row.toolKeys());
                assertEquals(answer.micros(), row.micros());
                assertNull(row.rewrite());
                assertNull(row.fallback());
                assertTrue(row.configuration().startsWith("catalog 'mcp-many' (300 tools), BM25"), row.configuration());
            }
            assertEquals(List.of(5, 2, 3, 1), logged.reversed().stream().map(LoggedRequest::k).toList());
            assertEquals("server02", logged.get(1).namespace());
            assertTrue(!logged.getLast().servedAt().isAfter(logged.getFirst().servedAt()));
        }
    }

    @Test
    void aBatchIsStoredWholeOrNotAtAll() throws Exception {
        try (Workspace w = workspace()) {
            long catalogId = new CatalogStore(w).require(ServeFixtures.CATALOG).id();
            QueryLogStore store = new QueryLogStore(w);
            LoggedRequest good = new LoggedRequest(Instant.now(), "list my events", "test", 5, null, null, null, 120, List.of("server00/tool0"));
            LoggedRequest bad = new LoggedRequest(Instant.now(), " ", "test", 5, null, null, null, 80, List.of());
            assertThrows(IllegalArgumentException.class, () -> store.append(catalogId, List.of(good, bad)));
            assertEquals(0, store.count(catalogId));
            assertEquals(List.of(), new CatalogStore(w).queries(catalogId, null), "the first entry's query was rolled back with the batch");
            store.append(catalogId, List.of(good, good));
            assertEquals(2, store.count(catalogId));
            assertEquals(1, new CatalogStore(w).queries(catalogId, null).size());
        }
    }

    @Test
    void deletingALoggedQueryDeletesItsRequests() throws Exception {
        try (Workspace w = workspace()) {
            CatalogStore catalogs = new CatalogStore(w);
            Catalog c = catalogs.require(ServeFixtures.CATALOG);
            try (ToolSearchService service = ToolSearchService.open(w, logged(), Progress.NONE)) {
                service.search(new ToolSearchRequest("delete a task"));
                service.search(new ToolSearchRequest("create a calendar event"));
            }
            UserQuery logged = catalogs.queries(c.id(), Split.UNLABELLED).getFirst();
            catalogs.deleteQueries(c, List.of(logged.key()), false);
            List<LoggedRequest> left = new QueryLogStore(w).recent(c.id(), 10);
            assertEquals(1, left.size());
            assertFalse(left.getFirst().query().equals(logged.text()));
        }
    }
}
