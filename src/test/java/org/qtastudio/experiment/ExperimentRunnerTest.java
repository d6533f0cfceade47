package org.qtastudio.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.align.AlignFixtures;
import org.qtastudio.align.AlignSettings;
import org.qtastudio.align.AlignStore;
import org.qtastudio.align.RewriteEvaluationStore;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.cli.CliRun;
import org.qtastudio.common.CancelledException;
import org.qtastudio.common.Json;
import org.qtastudio.common.Progress;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.eval.EvalRunStore;
import org.qtastudio.eval.PairedRandomizationTest;
import org.qtastudio.eval.QueryRecord;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;

/**
 * Experiments end to end on CPU with a tiny random Qwen3 model on MTRB RestBench (10 train queries; the test split cut
 * to 4 queries to keep the run short): a 2 × 2 data-efficiency grid is created from the command line, cancelled in
 * the middle of its third cell's sampling, refused by {@code run}, continued by {@code resume} without rerunning the
 * finished cells, and every stored number is recomputed from the stored per-query ranks.
 */
class ExperimentRunnerTest {

    private static final int TEST_QUERIES = 4;

    @TempDir
    static Path dir;
    static Path model;
    static Path workspace;

    @BeforeAll
    static void tinyModelAndWorkspace() throws Exception {
        AlignFixtures.assumeShared();
        model = AlignFixtures.tinyQwen3(dir.resolve("tiny-qwen3"));
        workspace = workspace("w.qta", "rb-copy");
    }

    /** RestBench with its train queries, and copies of it, each with only its first few test queries (the rest unlabelled). */
    private static Path workspace(String name, String... extraCopies) throws Exception {
        Path file = dir.resolve(name);
        try (Workspace w = AlignFixtures.restBenchWithTrainingQueries(file)) {
            for (String copy : extraCopies) {
                AlignFixtures.addRestBench(w, copy);
            }
            AlignFixtures.keepTestQueries(w, TEST_QUERIES);
        }
        return file;
    }

    private static String[] small() {
        return new String[] {"--samples", "2", "--epochs", "1", "--batch-size", "2", "--max-new-tokens", "3", "--tool-docs", "1",
                "--lr", "1e-2"};
    }

    private static CliRun.Result cli(String... args) {
        return CliRun.run(args);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aDataEfficiencyGridRunsIsCancelledResumesWithoutRerunningAndEveryNumberIsRecomputable() throws Exception {
        String ws = workspace.toString();
        CliRun.Result created = cli(concat(new String[] {"experiment", "create", "-w", ws, "de", "--kind", "data-efficiency",
                "-c", "mtrb-restbench", "--model", model.toString(), "--sizes", "1,2", "--seeds", "1,2"}, small()));
        assertEquals(0, created.code(), created.all());
        assertTrue(created.out().contains("'de' (data-efficiency): 4 cells"), created.out());
        assertTrue(created.out().contains("ROUGH estimate"), "no run of this model measured yet: " + created.out());

        // cancel while the third cell samples rewrites of its training queries: cells 1 and 2 are done, cell 3's
        // alignment run exists and is linked to it
        try (Workspace w = Workspace.openExisting(Path.of(ws)); Retrievers retrievers = new Retrievers(w)) {
            ExperimentRunner runner = new ExperimentRunner(w, retrievers);
            AtomicBoolean inThird = new AtomicBoolean();
            AtomicBoolean cancel = new AtomicBoolean();
            Progress progress = new Progress() {
                @Override
                public void update(String message, long done, long total) {
                    if (inThird.get() && message.startsWith("Sampling rewrites")) {
                        cancel.set(true);
                    }
                }

                @Override
                public boolean isCancelled() {
                    return cancel.get();
                }
            };
            assertThrows(CancelledException.class, () -> runner.run("de", false, progress, new ExperimentRunner.Listener() {
                @Override
                public void started(ExperimentStore.Cell cell, int position, int total) {
                    inThird.set(position == 3);
                }

                @Override
                public void finished(ExperimentStore.Cell cell, int position, int total) {
                    assertEquals(ExperimentStore.Status.done, cell.status());
                }
            }));
        }
        List<ExperimentStore.Cell> before;
        try (Workspace w = Workspace.openExisting(Path.of(ws))) {
            ExperimentStore store = new ExperimentStore(w);
            before = store.cells(store.require("de").id());
            assertEquals(List.of(ExperimentStore.Status.done, ExperimentStore.Status.done, ExperimentStore.Status.cancelled,
                    ExperimentStore.Status.pending), before.stream().map(ExperimentStore.Cell::status).toList());
            assertEquals(AlignStore.Status.cancelled, new AlignStore(w).run(before.get(2).alignRunId()).status());
            assertEquals(2, new RewriteEvaluationStore(w).list().size());
        }

        CliRun.Result refused = cli("experiment", "run", "-w", ws, "de");
        assertNotEquals(0, refused.code());
        assertTrue(refused.err().contains("has started; continue it with 'qta-studio experiment resume de'"), refused.all());

        CliRun.Result resumed = cli("experiment", "resume", "-w", ws, "de");
        assertEquals(0, resumed.code(), resumed.all());
        assertTrue(resumed.out().contains("ran 2 cells, 2 were already done, 4 in all"), resumed.out());
        assertTrue(resumed.out().contains("measured over"), "the finished cells measured the model: " + resumed.out());

        try (Workspace w = Workspace.openExisting(Path.of(ws))) {
            ExperimentStore store = new ExperimentStore(w);
            List<ExperimentStore.Cell> cells = store.cells(store.require("de").id());
            assertTrue(cells.stream().allMatch(c -> c.status() == ExperimentStore.Status.done), cells.toString());
            for (int i = 0; i < 2; i++) {
                assertEquals(before.get(i).rewriteEvalId(), cells.get(i).rewriteEvalId(), "finished cell " + (i + 1) + " not rerun");
                assertEquals(before.get(i).updatedAt(), cells.get(i).updatedAt());
            }
            assertEquals(before.get(2).alignRunId(), cells.get(2).alignRunId(), "the cancelled cell continued its alignment run");
            AlignStore aligns = new AlignStore(w);
            assertEquals(AlignStore.Status.completed, aligns.run(cells.get(2).alignRunId()).status());
            assertEquals(4, aligns.runs(new CatalogStore(w).require("mtrb-restbench").id()).size(), "one alignment run per cell");
            assertEquals(4, new RewriteEvaluationStore(w).list().size(), "one rewrite evaluation per cell, none repeated");

            // each cell trained on its own draw: sizes 1 and 2, seeds 1 and 2, the size-1 draw a prefix of the size-2 draw
            List<List<String>> drawn = cells.stream().map(c -> c.plan().align().trainQueries()).toList();
            assertEquals(List.of(1, 1, 2, 2), drawn.stream().map(List::size).toList());
            assertEquals(drawn.get(0).get(0), drawn.get(2).get(0));
            assertEquals(drawn.get(1).get(0), drawn.get(3).get(0));
            assertEquals(List.of(1L, 2L, 1L, 2L), cells.stream().map(c -> c.plan().align().settings().seed()).toList());
            for (ExperimentStore.Cell c : cells) {
                assertEquals(c.plan().align().trainQueries().size(),
                        Json.MAPPER.readTree(aligns.run(c.alignRunId()).summaryJson()).get("trainingQueries").asInt());
            }

            checkStoredNumbers(w, cells);
        }

        CliRun.Result json = cli("experiment", "show", "-w", ws, "de", "--format", "json");
        assertEquals(0, json.code(), json.all());
        checkShownPoints(Json.MAPPER.readTree(json.out()), ws);

        CliRun.Result markdown = cli("experiment", "show", "-w", ws, "de", "--format", "markdown");
        assertTrue(markdown.out().startsWith("| point | system | seeds | queries | S@5 |"), markdown.out());
        assertEquals(2 + 2 * 3, markdown.out().lines().count(), "two points x three systems: " + markdown.out());

        Path csv = dir.resolve("cells.csv");
        CliRun.Result export = cli("experiment", "export", "-w", ws, "de", "--format", "csv", "--out", csv.toString());
        assertEquals(0, export.code(), export.all());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(5, lines.size());
        assertTrue(lines.get(0).startsWith("cell,point,seed,status,align run,rewrite eval,queries,fallbacks"), lines.get(0));
        CliRun.Result again = cli("experiment", "export", "-w", ws, "de", "--out", csv.toString());
        assertNotEquals(0, again.code(), "an existing file is not overwritten without --force");

        CliRun.Result list = cli("experiment", "list", "-w", ws, "--format", "json");
        JsonNode de = null;
        for (JsonNode e : Json.MAPPER.readTree(list.out())) {
            de = e.get("name").asText().equals("de") ? e : de;
        }
        assertEquals(4, de.get("done").asInt(), list.out());
    }

    /** Every stored cell number against a recomputation from the gold ranks stored with its linked runs. */
    private static void checkStoredNumbers(Workspace w, List<ExperimentStore.Cell> cells) {
        EvalRunStore runs = new EvalRunStore(w);
        for (ExperimentStore.Cell c : cells) {
            RewriteEvaluationStore.Link link = linkOf(w, c.rewriteEvalId());
            long[] ids = {link.originalRunId(), link.rewriteRunId(), link.fusionRunId()};
            CellResult r = c.result();
            assertEquals(TEST_QUERIES, r.queries());
            for (int s = 0; s < 3; s++) {
                List<QueryRecord> records = runs.records(ids[s]);
                Map<String, Double> stored = r.metrics().get(CellResult.SYSTEMS.get(s));
                assertEquals(List.of("S@5", "S@10", "NDCG@10", "R@10", "MRR"), new ArrayList<>(stored.keySet()));
                Map<String, Double> recomputed = recompute(records);
                for (String label : stored.keySet()) {
                    assertEquals(recomputed.get(label), stored.get(label), 1e-9, c.point() + " seed " + c.seed() + " " + label);
                }
                // and the evaluation run's own stored metrics agree
                EvalRun run = runs.require(ids[s]);
                for (String label : stored.keySet()) {
                    assertEquals(run.metrics().get(label), stored.get(label), 1e-9, label);
                }
            }
            List<QueryRecord> original = runs.records(ids[0]);
            List<QueryRecord> rewrite = runs.records(ids[1]);
            int fallbacks = 0;
            for (int q = 0; q < original.size(); q++) {
                fallbacks += original.get(q).text().equals(rewrite.get(q).text()) ? 1 : 0;
            }
            assertEquals(fallbacks, r.fallbacks());
        }
    }

    /** S@5, S@10, NDCG@10, R@10, MRR in percent, written out here from the gold ranks rather than through eval.Metric. */
    private static Map<String, Double> recompute(List<QueryRecord> records) {
        double s5 = 0;
        double s10 = 0;
        double ndcg = 0;
        double r10 = 0;
        double mrr = 0;
        for (QueryRecord q : records) {
            int[] ranks = q.goldRanks();
            int max = java.util.Arrays.stream(ranks).max().orElseThrow();
            int min = java.util.Arrays.stream(ranks).min().orElseThrow();
            s5 += max <= 5 ? 1 : 0;
            s10 += max <= 10 ? 1 : 0;
            long in = java.util.Arrays.stream(ranks).filter(x -> x <= 10).count();
            r10 += (double) in / ranks.length;
            double dcg = java.util.Arrays.stream(ranks).filter(x -> x <= 10).mapToDouble(x -> Math.log(2) / Math.log(x + 1)).sum();
            double ideal = 0;
            for (int i = 1; i <= Math.min(10, ranks.length); i++) {
                ideal += Math.log(2) / Math.log(i + 1);
            }
            ndcg += dcg / ideal;
            mrr += 1.0 / min;
        }
        int n = records.size();
        return Map.of("S@5", 100 * s5 / n, "S@10", 100 * s10 / n, "NDCG@10", 100 * ndcg / n, "R@10", 100 * r10 / n, "MRR", 100 * mrr / n);
    }

    /** The shown point means are the means of the cells' stored numbers, and the p-values the paired test on pooled pairs. */
    private static void checkShownPoints(JsonNode shown, String ws) {
        JsonNode points = shown.get("points");
        assertEquals(2, points.size());
        try (Workspace w = Workspace.openExisting(Path.of(ws))) {
            ExperimentStore store = new ExperimentStore(w);
            List<ExperimentStore.Cell> cells = store.cells(store.require("de").id());
            EvalRunStore runs = new EvalRunStore(w);
            for (JsonNode p : points) {
                List<ExperimentStore.Cell> mine = cells.stream().filter(c -> c.point().equals(p.get("point").asText())).toList();
                assertEquals(2, mine.size());
                assertEquals(2, p.get("seeds").asInt());
                for (String system : CellResult.SYSTEMS) {
                    for (String label : List.of("S@5", "S@10", "NDCG@10", "R@10", "MRR")) {
                        JsonNode stat = p.get("stats").get(system).get(label);
                        double mean = mine.stream().mapToDouble(c -> c.result().metrics().get(system).get(label)).average().orElseThrow();
                        assertEquals(mean, stat.get("mean").asDouble(), 1e-9, p + " " + system + " " + label);
                        assertTrue(stat.get("low").asDouble() <= mean + 1e-9 && mean <= stat.get("high").asDouble() + 1e-9);
                    }
                }
                // the paired test of the rewrites' S@5 against the original queries over all seed x query pairs
                List<Double> a = new ArrayList<>();
                List<Double> b = new ArrayList<>();
                for (ExperimentStore.Cell c : mine) {
                    RewriteEvaluationStore.Link link = linkOf(w, c.rewriteEvalId());
                    runs.records(link.rewriteRunId()).forEach(q -> a.add(q.sufficientDepth() <= 5 ? 1.0 : 0.0));
                    runs.records(link.originalRunId()).forEach(q -> b.add(q.sufficientDepth() <= 5 ? 1.0 : 0.0));
                }
                double expected = PairedRandomizationTest.pValue(a.stream().mapToDouble(Double::doubleValue).toArray(),
                        b.stream().mapToDouble(Double::doubleValue).toArray(), PairedRandomizationTest.DEFAULT_ITERATIONS,
                        PairedRandomizationTest.DEFAULT_SEED);
                assertEquals(expected, p.get("stats").get("rewrite").get("S@5").get("pValue").asDouble(), 1e-12);
            }
        }
    }

    @Test
    void aTransferExperimentTestsOneAlignmentRunOnEveryCatalog() throws Exception {
        CliRun.Result created = cli(concat(new String[] {"experiment", "create", "-w", workspace.toString(), "tr", "--kind", "transfer",
                "-c", "mtrb-restbench,rb-copy", "--model", model.toString(), "--seeds", "3"}, small()));
        assertEquals(0, created.code(), created.all());
        assertTrue(created.out().contains("'tr' (transfer): 6 cells"), created.out());
        // run the two base-model cells, mtrb-restbench's own rewriter, and stop once its rewriter is tested on rb-copy
        try (Workspace w = Workspace.openExisting(workspace); Retrievers retrievers = new Retrievers(w)) {
            AtomicBoolean inFourth = new AtomicBoolean();
            AtomicBoolean cancel = new AtomicBoolean();
            Progress progress = new Progress() {
                @Override
                public void update(String message, long done, long total) {
                    cancel.compareAndSet(false, inFourth.get() && message.startsWith("Rewriting and ranking"));
                }

                @Override
                public boolean isCancelled() {
                    return cancel.get();
                }
            };
            assertThrows(CancelledException.class, () -> new ExperimentRunner(w, retrievers).run("tr", false, progress,
                    new ExperimentRunner.Listener() {
                        @Override
                        public void started(ExperimentStore.Cell cell, int position, int total) {
                            inFourth.set(position == 4);
                        }

                        @Override
                        public void finished(ExperimentStore.Cell cell, int position, int total) {
                        }
                    }));
            ExperimentStore store = new ExperimentStore(w);
            List<ExperimentStore.Cell> cells = store.cells(store.require("tr").id());
            assertEquals(List.of("train=none test=mtrb-restbench", "train=none test=rb-copy", "train=mtrb-restbench test=mtrb-restbench",
                    "train=mtrb-restbench test=rb-copy"), cells.subList(0, 4).stream().map(ExperimentStore.Cell::point).toList());
            assertEquals(List.of(ExperimentStore.Status.done, ExperimentStore.Status.done, ExperimentStore.Status.done,
                    ExperimentStore.Status.cancelled), cells.subList(0, 4).stream().map(ExperimentStore.Cell::status).toList());
            assertNull(cells.get(0).alignRunId(), "the base model is not aligned");
            assertEquals(cells.get(2).alignRunId(), cells.get(3).alignRunId(), "the rewriter trained on mtrb-restbench is reused for rb-copy");
            assertEquals(1, new AlignStore(w).runs(new CatalogStore(w).require("mtrb-restbench").id()).stream()
                    .filter(r -> r.id() == cells.get(2).alignRunId()).count());
            EvalRun base = new EvalRunStore(w).require(linkOf(w, cells.get(1).rewriteEvalId()).originalRunId());
            assertEquals("rb-copy", base.catalogName(), "the base cell of rb-copy evaluated rb-copy's test split");
        }
    }

    private static RewriteEvaluationStore.Link linkOf(Workspace w, long id) {
        return new RewriteEvaluationStore(w).list().stream().filter(l -> l.id() == id).findFirst().orElseThrow();
    }

    @Test
    void anUnmeasuredModelGetsARoughEstimateThatCountsASharedAlignmentOnce() throws Exception {
        Path unmeasured = Files.createDirectories(dir.resolve("unmeasured"));
        Files.copy(model.resolve("config.json"), unmeasured.resolve("config.json"));
        try (Workspace w = Workspace.openExisting(workspace)) {
            AlignSettings d = AlignSettings.defaults();
            ExperimentSpec spec = new ExperimentSpec(ExperimentSpec.Kind.transfer, List.of("mtrb-restbench", "rb-copy"),
                    List.of(unmeasured.toString()), "cpu", "float32", List.of(RetrieverSpec.Bm25.defaults()), d, null, List.of(1L),
                    null, null, 4);
            ExperimentStore store = new ExperimentStore(w);
            ExperimentStore.Experiment e = store.create("estimate", spec, ExperimentPlan.cells(spec, new CatalogStore(w)));
            WallTimeEstimate estimate = WallTimeEstimate.of(w, store.cells(e.id()));
            assertFalse(estimate.measured());
            assertTrue(estimate.describe().startsWith("ROUGH estimate") && estimate.describe().contains("not measured yet"),
                    estimate.describe());
            // 6 evaluations of 4 test queries; 2 alignments (one per train catalog, each tested twice) of 10 training queries
            double perToken = 2.0 * org.qtastudio.lm.model.WeightLayout.parameterCount(
                    org.qtastudio.lm.model.ModelConfig.read(unmeasured)) / WallTimeEstimate.CPU_FLOPS;
            double expected = perToken * (6 * TEST_QUERIES * WallTimeEstimate.rewriteTokens(d.toolDocuments(), d.maxNewTokens())
                    + 2 * 10 * WallTimeEstimate.alignTokens(d));
            assertEquals(expected, estimate.seconds(), 1e-9 * expected);
        }
    }

    @Test
    void plansBaseModelCellsTransferCrossesAndSettingGridsAndRefusesBadGrids() throws Exception {
        try (Workspace w = Workspace.openExisting(workspace)) {
            CatalogStore catalogs = new CatalogStore(w);
            AlignSettings d = AlignSettings.defaults();
            List<RetrieverSpec> bm25 = List.of(RetrieverSpec.Bm25.defaults());
            String m = model.toString();

            List<CellPlan> de = ExperimentPlan.cells(new ExperimentSpec(ExperimentSpec.Kind.data_efficiency, List.of("mtrb-restbench"),
                    List.of(m), "cpu", "float32", bm25, d, List.of(0, 3), List.of(5L, 6L), null, null, 4), catalogs);
            assertEquals(List.of("size=0", "size=3", "size=3"), de.stream().map(CellPlan::point).toList(),
                    "size 0 is one base-model cell whatever the seeds");
            assertNull(de.get(0).align());
            assertNull(de.get(0).evaluate().adapter());
            assertNotEquals(de.get(1).align().trainQueries(), de.get(2).align().trainQueries(), "each seed draws its own queries");

            List<CellPlan> transfer = ExperimentPlan.cells(new ExperimentSpec(ExperimentSpec.Kind.transfer,
                    List.of("mtrb-restbench", "rb-copy"), List.of(m), "cpu", "float32", bm25, d, null, List.of(1L), null, null, 4), catalogs);
            assertEquals(List.of("train=none test=mtrb-restbench", "train=none test=rb-copy",
                    "train=mtrb-restbench test=mtrb-restbench", "train=mtrb-restbench test=rb-copy",
                    "train=rb-copy test=mtrb-restbench", "train=rb-copy test=rb-copy"), transfer.stream().map(CellPlan::point).toList());
            assertEquals(transfer.get(2).align(), transfer.get(3).align(), "one rewriter per train catalog, tested on both");
            assertEquals("rb-copy", transfer.get(3).evaluate().catalog());

            List<CellPlan> beta = ExperimentPlan.cells(new ExperimentSpec(ExperimentSpec.Kind.settings, List.of("mtrb-restbench"),
                    List.of(m), "cpu", "float32", bm25, d, null, List.of(1L), "beta", List.of("0.1", "0.5"), 4), catalogs);
            assertEquals(List.of(0.1, 0.5), beta.stream().map(c -> c.align().settings().beta()).toList());

            IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> ExperimentPlan.cells(
                    new ExperimentSpec(ExperimentSpec.Kind.data_efficiency, List.of("mtrb-restbench"), List.of(m), "cpu", "float32",
                            bm25, d, List.of(11), List.of(1L), null, null, 4), catalogs));
            assertTrue(tooMany.getMessage().contains("has 10 train queries with gold tools, fewer than the size 11"), tooMany.getMessage());
        }
        CliRun.Result badValue = cli("experiment", "create", "-w", workspace.toString(), "x", "--kind", "settings",
                "-c", "mtrb-restbench", "--model", model.toString(), "--setting", "beta", "--values", "0.1,-1");
        assertEquals(1, badValue.code());
        assertTrue(badValue.err().contains("beta must be above 0"), badValue.err());
        CliRun.Result badSetting = cli("experiment", "create", "-w", workspace.toString(), "x", "--kind", "settings",
                "-c", "mtrb-restbench", "--model", model.toString(), "--setting", "colour", "--values", "red,blue");
        assertTrue(badSetting.err().contains("unknown setting 'colour'"), badSetting.err());
        CliRun.Result oneCatalog = cli("experiment", "create", "-w", workspace.toString(), "x", "--kind", "transfer",
                "-c", "mtrb-restbench", "--model", model.toString());
        assertTrue(oneCatalog.err().contains("a transfer experiment needs two or more different catalogs"), oneCatalog.err());
        CliRun.Result retrieverGrid = cli("experiment", "create", "-w", workspace.toString(), "rg", "--kind", "settings",
                "-c", "mtrb-restbench", "--model", model.toString(), "--setting", "retriever", "--values", "bm25,bm25-paper",
                "--seeds", "1");
        assertEquals(0, retrieverGrid.code(), retrieverGrid.all());
        try (Workspace w = Workspace.openExisting(workspace)) {
            ExperimentStore store = new ExperimentStore(w);
            List<RetrieverSpec> frozen = store.cells(store.require("rg").id()).stream().map(c -> c.plan().align().retriever()).toList();
            assertEquals(2, frozen.size());
            assertTrue(frozen.get(0) instanceof RetrieverSpec.Bm25 && frozen.get(1) instanceof RetrieverSpec.PaperBm25, frozen.toString());
        }
        CliRun.Result listed = cli("experiment", "list", "-w", workspace.toString(), "--format", "json");
        assertFalse(listed.out().contains("\"x\""), "refused experiments store nothing: " + listed.out());
    }
}
