package org.qtastudio.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.align.RewriteEvaluator;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.TestData;
import org.qtastudio.catalog.importers.MtrbSubset;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.store.Workspace;

class BesideThePaperTest {

    @TempDir
    Path dir;

    @Test
    void thePaperStandsBesideOnlyThePointsEvaluatedOnAWholeMtrbTestSet() throws Exception {
        try (Workspace w = Workspace.open(dir.resolve("w.qta"))) {
            TestData.importInto(w, TestData.dataset("mtrb", "restbench"), null, "rest");
            TestData.importInto(w, TestData.dataset("mtrb", "metatool"), null, "meta");
            List<ExperimentStore.Cell> cells = List.of(cell("on rest", "rest", Split.TEST), cell("on meta train", "meta", Split.TRAIN));
            List<ExperimentResults.Point> points = List.of(point("on rest", 10), point("on meta train", 20));

            List<BesideThePaper.Section> sections = BesideThePaper.of(w, cells, points);

            assertEquals(1, sections.size(), "MetaTool's train split is not its test set");
            assertEquals(MtrbSubset.RESTBENCH, sections.get(0).subset());
            List<List<String>> rows = sections.get(0).table().rows();
            assertEquals(List.of("*paper: QTA (paper)*", "", "32.22", "55.56", "62.98"), rows.get(3));
            assertEquals(List.of("*paper: BM25*", "", "6.67", "17.78", "38.32"), rows.get(0));
            assertEquals(4 + 3, rows.size(), "four paper rows, then original, rewrite and fusion of the one point");
            assertEquals(List.of("on rest, rewrite", RetrieverSpec.Bm25.defaults().describe(), "11.00", "12.00", "13.00"), rows.get(5));

            // one test query fewer, and the split is no longer the paper's test set
            CatalogStore catalogs = new CatalogStore(w);
            long rest = catalogs.require("rest").id();
            catalogs.setSplits(rest, Map.of(catalogs.queries(rest, Split.TEST).get(0).key(), Split.UNLABELLED));
            assertTrue(BesideThePaper.of(w, cells, points).isEmpty());
        }
    }

    private static ExperimentStore.Cell cell(String point, String catalog, Split split) {
        RewriteEvaluator.Request evaluate = new RewriteEvaluator.Request(catalog, split, "model", null, "cpu", "float32",
                RetrieverSpec.Bm25.defaults(), "instruction", 3, 48, RewriteEvaluator.Mode.greedy, 1, 1, List.of(5, 10), null,
                RewriteEvaluator.Request.DEFAULT_BATCH_SIZE);
        return new ExperimentStore.Cell(1, 0, point, 1, new CellPlan(point, 1, null, evaluate), ExperimentStore.Status.done,
                null, null, 1L, null, Instant.EPOCH);
    }

    /** A point whose original, rewrite and fusion means are {@code base}, {@code base + 1}, {@code base + 2} (+ 0, 1, 2 by metric). */
    private static ExperimentResults.Point point(String name, int base) {
        Map<String, Map<String, ExperimentResults.Stat>> stats = new LinkedHashMap<>();
        for (int s = 0; s < CellResult.SYSTEMS.size(); s++) {
            Map<String, ExperimentResults.Stat> m = new LinkedHashMap<>();
            int i = 0;
            for (var metric : CellResult.METRICS) {
                double mean = base + s + i++;
                m.put(metric.label(), new ExperimentResults.Stat(mean, mean - 1, mean + 1, Double.NaN));
            }
            stats.put(CellResult.SYSTEMS.get(s), m);
        }
        return new ExperimentResults.Point(name, 1, 90, 0, stats);
    }
}
