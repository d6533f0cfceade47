package org.qtastudio.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.cli.CliRun;
import org.qtastudio.lm.plan.MemoryBudget;
import org.qtastudio.lm.plan.MemoryPlan;

/** The memory check before align and rewrite: refusal naming the settings that fit, and --fit-memory using them. */
class AlignMemoryTest {

    @TempDir
    Path dir;

    /** A folder with only the config.json of Qwen2.5-0.5B: the check must decide without weights. */
    private Path qwen05() throws Exception {
        Path m = dir.resolve("qwen05");
        Files.createDirectories(m);
        Files.writeString(m.resolve("config.json"), """
                {"architectures":["Qwen2ForCausalLM"],"vocab_size":151936,"hidden_size":896,"intermediate_size":4864,
                 "num_hidden_layers":24,"num_attention_heads":14,"num_key_value_heads":2,"rope_theta":1000000.0,
                 "rms_norm_eps":1e-6,"tie_word_embeddings":true,"hidden_act":"silu","eos_token_id":151645}""");
        return m;
    }

    @Test
    void refusesWithTheSettingsThatFitAndFitsWhenAllowed() throws Exception {
        Path m = qwen05();
        AlignSettings d = AlignSettings.defaults();
        MemoryBudget budget = MemoryBudget.limit(5L << 30);
        AlignMemory.InsufficientMemoryException e = assertThrows(AlignMemory.InsufficientMemoryException.class,
                () -> AlignMemory.checkAlign(m, d, "cpu", "float32", budget, false));
        assertTrue(e.getMessage().contains("--batch-size") && e.getMessage().contains("--fit-memory")
                && e.getMessage().contains("training"), e.getMessage());

        AlignMemory.Checked fitted = AlignMemory.checkAlign(m, d, "cpu", "float32", budget, true);
        assertTrue(fitted.settings().batchSize() < d.batchSize());
        assertEquals(d.batchSize() * d.gradientAccumulation(), fitted.settings().batchSize() * fitted.settings().gradientAccumulation());
        assertTrue(fitted.plan().peak().total() <= budget.usableBytes());

        AlignMemory.InsufficientMemoryException none = assertThrows(AlignMemory.InsufficientMemoryException.class,
                () -> AlignMemory.checkAlign(m, d, "cpu", "float32", MemoryBudget.limit(1L << 30), true));
        assertTrue(none.getMessage().contains("No smaller setting fits"), none.getMessage());

        // plenty of memory: the user's settings, untouched
        assertEquals(d, AlignMemory.checkAlign(m, d, "cpu", "float32", MemoryBudget.limit(64L << 30), false).settings());
    }

    @Test
    void rewriteCheckPlansTheBatchAndShrinksItFirst() throws Exception {
        Path m = qwen05();
        AlignMemory.Checked big = AlignMemory.checkRewrite(m, 3, 48, 1, 16, "cpu", "float32", MemoryBudget.limit(64L << 30), false);
        assertEquals(16, big.plan().workload().rewriteBatch());
        long need16 = big.plan().estimate(org.qtastudio.lm.plan.MemoryPlan.Phase.rewriting).total();
        long need4 = AlignMemory.checkRewrite(m, 3, 48, 1, 4, "cpu", "float32", null, false).plan()
                .estimate(org.qtastudio.lm.plan.MemoryPlan.Phase.rewriting).total();
        assertTrue(need16 > need4, need16 + " vs " + need4);
        // a budget where 16 test queries per batch do not fit but fewer do
        MemoryBudget tight = MemoryBudget.limit((long) (need16 * 0.95 / MemoryPlan.USABLE_FRACTION));
        AlignMemory.InsufficientMemoryException e = assertThrows(AlignMemory.InsufficientMemoryException.class,
                () -> AlignMemory.checkRewrite(m, 3, 48, 1, 16, "cpu", "float32", tight, false));
        assertTrue(e.getMessage().contains("--batch-size 8"), e.getMessage());
        AlignMemory.Checked fitted = AlignMemory.checkRewrite(m, 3, 48, 1, 16, "cpu", "float32", tight, true);
        assertEquals(8, fitted.plan().workload().rewriteBatch());
        assertEquals("--batch-size 8", fitted.changes().getFirst());
        assertEquals(3, fitted.settings().toolDocuments());
    }

    @Test
    void lmPlanPrintsEveryPhaseAndTheSettingsThatFit() throws Exception {
        String out = run(0, "lm", "plan", "--model", qwen05().toString(), "--memory-limit", "5G");
        for (String phase : java.util.List.of("load", "sampling", "reference", "training", "rewriting")) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(phase + " (")), phase + " in\n" + out);
        }
        assertTrue(out.contains("494,005,120 parameters") && out.contains("NO") && out.contains("settings that fit"), out);
    }

    @Test
    void alignCommandRefusesBeforeLoadingTheModel() throws Exception {
        Path shared = Path.of("..", "shared");
        Assumptions.assumeTrue(Files.isDirectory(shared.resolve("datasets/mtrb/restbench")), "../shared absent");
        String ws = dir.resolve("w.qta").toString();
        run(0, "import", "-w", ws, shared.resolve("datasets/mtrb/restbench").toString());
        run(0, "import", "-w", ws, "-c", "mtrb-restbench", shared.resolve("datasets/restbench/tmdb.json").toString());
        // the model folder holds no weights: reaching the model would fail differently
        String err = run(-1, "align", "-w", ws, "-c", "mtrb-restbench", "--model", qwen05().toString(), "--memory-limit", "5G");
        assertTrue(err.contains("not enough memory") && err.contains("--fit-memory"), err);
    }

    private static String run(int expected, String... args) {
        CliRun.Result r = CliRun.run(args);
        if (expected == 0) {
            assertEquals(0, r.code(), r.all());
        } else {
            assertNotEquals(0, r.code(), r.all());
        }
        return r.all();
    }

    @Test
    void trainingTrimsTheHeapAboveTheCeilingOrTheBudget() throws Exception {
        MemoryPlan plan = AlignMemory.checkAlign(qwen05(), AlignSettings.defaults(), "cpu", "float32", null, false).plan();
        MemoryPlan.Estimate estimate = plan.estimate(MemoryPlan.Phase.training);
        long ceiling = estimate.expected();
        long reused = estimate.parts().get(MemoryPlan.REUSED_BLOCKS);
        long training = estimate.total();
        assertEquals(ceiling - reused, training, "what training needs leaves the room out");
        assertEquals(MemoryPlan.REUSED_BLOCKS_SHARE * training, reused, training * 1e-9, "room for reused blocks");
        long layer = estimate.part(MemoryPlan.RECOMPUTED_LAYER) + estimate.part(MemoryPlan.LAYER_GRADIENTS);
        assertTrue(layer > 0, "the 0.5B shape checkpoints, so one layer is recomputed at a time");
        assertEquals(ceiling - layer, AlignMemory.heapCeiling(plan, null), "no budget known: the estimate less one layer");
        assertEquals(ceiling - layer, AlignMemory.heapCeiling(plan, usable(4 * ceiling)), "memory to spare: still the same");
        long tight = training + (training >> 3);
        assertTrue(Math.abs(AlignMemory.heapCeiling(plan, usable(tight)) - (tight - layer)) < (1 << 20),
                "a tight budget lowers it: the layer's recompute then peaks at the budget");
    }

    /** A budget whose usable part is about {@code bytes}. */
    private static MemoryBudget usable(long bytes) {
        MemoryBudget b = MemoryBudget.limit((long) (bytes / MemoryPlan.USABLE_FRACTION) + 1);
        assertTrue(Math.abs(b.usableBytes() - bytes) < (1 << 20), "usable " + b.usableBytes() + " for " + bytes);
        return b;
    }
}
