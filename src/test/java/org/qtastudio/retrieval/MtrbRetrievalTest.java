package org.qtastudio.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.common.Progress;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.eval.EvalService;
import org.qtastudio.eval.QueryRecord;
import org.qtastudio.retrieval.bm25.LuceneBm25Retriever;
import org.qtastudio.retrieval.dense.DenseRetriever;
import org.qtastudio.store.Workspace;

/** Retrieval over the real MTRB files, against numbers measured independently (see docs/mtrb.md). */
class MtrbRetrievalTest {

    @TempDir
    static Path dir;
    static Workspace workspace;
    static Retrievers retrievers;
    static EvalService service;

    @BeforeAll
    static void importMtrb() {
        MtrbFixture.assumePresent();
        workspace = Workspace.open(dir.resolve("mtrb.qta"));
        MtrbFixture.importBoth(workspace);
        retrievers = new Retrievers(workspace);
        service = new EvalService(workspace, retrievers);
    }

    @AfterAll
    static void close() {
        if (workspace != null) {
            retrievers.close();
            workspace.close();
        }
    }

    private static Map<String, Double> metrics(String catalog, RetrieverSpec spec) {
        return service.evaluate(catalog, Split.TEST, spec, List.of(5, 10), Progress.NONE).run().metrics();
    }

    @Test
    void miniLmOnDescriptionsReproducesThePapersSufficiency() {
        RetrieverSpec spec = new RetrieverSpec.Dense("all-MiniLM-L6-v2", List.of(TextField.DESCRIPTION));
        Map<String, Double> rest = metrics(MtrbFixture.RESTBENCH, spec);
        assertEquals(15.56, rest.get("S@5"), 0.005);
        assertEquals(34.44, rest.get("S@10"), 0.005);
        Map<String, Double> meta = metrics(MtrbFixture.METATOOL, spec);
        assertEquals(81.11, meta.get("S@5"), 0.005);
        assertEquals(84.44, meta.get("S@10"), 0.005);
    }

    @Test
    void paperBm25MatchesThePapersRowUpToTies() {
        Map<String, Double> rest = metrics(MtrbFixture.RESTBENCH, RetrieverSpec.PaperBm25.defaults());
        assertEquals(6.67, rest.get("S@5"), 0.005);
        Map<String, Double> meta = metrics(MtrbFixture.METATOOL, RetrieverSpec.PaperBm25.defaults());
        assertEquals(47.78, meta.get("S@10"), 0.005);
    }

    @Test
    void luceneEnglishBm25OnMethodPathDescription() {
        assertEquals(25.56, metrics(MtrbFixture.RESTBENCH, RetrieverSpec.Bm25.defaults()).get("S@5"), 0.005);
        assertEquals(57.78, metrics(MtrbFixture.METATOOL, RetrieverSpec.Bm25.defaults()).get("S@5"), 0.005);
    }

    @Test
    void runsAreStoredWithGoldRanksAndIndexesAndEmbeddingsAreReused() {
        var catalog = new CatalogStore(workspace).require(MtrbFixture.RESTBENCH);
        try (Retriever r = retrievers.open(catalog, RetrieverSpec.Dense.defaults(), Progress.NONE)) {
            r.rank("warm the cache");
        }
        try (Retriever again = retrievers.open(catalog, RetrieverSpec.Dense.defaults(), Progress.NONE)) {
            assertEquals(0, ((DenseRetriever) again).embeddedTools());
        }
        try (Retriever bm25 = retrievers.open(catalog, RetrieverSpec.Bm25.defaults(), Progress.NONE)) {
            bm25.rank("x");
        }
        try (Retriever bm25 = retrievers.open(catalog, RetrieverSpec.Bm25.defaults(), Progress.NONE)) {
            assertFalse(((LuceneBm25Retriever) bm25).built());
        }

        RetrieverSpec hybrid = new RetrieverSpec.Hybrid(RetrieverSpec.Bm25.defaults(), RetrieverSpec.Dense.defaults(), 60);
        EvalRun run = service.evaluate(MtrbFixture.RESTBENCH, Split.TEST, hybrid, List.of(5, 10), Progress.NONE).run();
        EvalRun stored = service.runs().require(run.id());
        assertEquals(hybrid, stored.spec());
        assertEquals(run.metrics(), stored.metrics());
        assertEquals(90, stored.queryCount());
        assertEquals(54, stored.toolCount());
        List<QueryRecord> records = service.runs().records(run.id());
        assertEquals(90, records.size());
        QueryRecord first = records.getFirst();
        assertEquals(first.gold().size(), first.goldRanks().length);
        assertEquals(54, first.top().size(), "top is capped by the catalog size");
        for (int i = 0; i < first.gold().size(); i++) {
            assertEquals(first.gold().get(i), first.top().get(first.goldRanks()[i] - 1).key());
        }
        assertTrue(service.runs().list().stream().anyMatch(x -> x.id() == run.id()));
        assertThrows(IllegalArgumentException.class, () -> service.runs().require(99_999));
    }
}
