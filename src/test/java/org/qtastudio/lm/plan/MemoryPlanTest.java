package org.qtastudio.lm.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qtastudio.lm.model.Architecture;
import org.qtastudio.lm.model.ModelConfig;
import org.qtastudio.lm.model.RopeScaling;
import org.qtastudio.lm.model.WeightLayout;

class MemoryPlanTest {

    /** Qwen2.5-0.5B's shape. */
    static final ModelConfig QWEN05 = new ModelConfig(Architecture.QWEN2, 151936, 896, 4864, 24, 14, 2, 64, 1e-6, 1e6,
            RopeScaling.NONE, 32768, true, List.of(151645), null, 0);
    static final List<String> ALL = List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

    static Workload defaults() {
        return new Workload(4, Workload.promptTokens(3, Workload.QUERY_TOKENS), 4, 48, 4, 1, 8, ALL, false, 4);
    }

    @Test
    void weightsFollowTheShapeAndDtype() {
        MemoryPlan plan = new MemoryPlan(QWEN05, defaults());
        assertEquals(WeightLayout.parameterCount(QWEN05), plan.parameters());
        assertEquals(494_005_120L, plan.parameters() + 0); // Qwen2.5-0.5B without its q/k/v biases (494.03M with them)
        assertEquals(plan.parameters() * 4, plan.estimate(MemoryPlan.Phase.load).parts().get("weights"));
        MemoryPlan bf16 = new MemoryPlan(QWEN05, defaults().withWeightBytes(2));
        assertEquals(plan.parameters() * 2, bf16.estimate(MemoryPlan.Phase.load).parts().get("weights"));
        // LoRA r8 on all seven projections of Qwen2.5-0.5B: 4,399,104 trainable parameters (PEFT prints the same)
        assertEquals(4_399_104L, plan.loraParameters());
    }

    @Test
    void kvCacheIsTwoLayersTimesKvHeads() {
        MemoryPlan plan = new MemoryPlan(QWEN05, defaults());
        // 2 (K, V) x 24 layers x 4 samples x 642 positions x 2 kv heads x 64 x 4 bytes
        assertEquals(2L * 24 * 4 * 642 * 2 * 64 * 4, plan.kvCache(4, 642));
    }

    @Test
    void checkpointingAndSmallerBatchesShrinkTraining() {
        MemoryPlan full = new MemoryPlan(QWEN05, defaults());
        MemoryPlan ckpt = new MemoryPlan(QWEN05, defaults().withCheckpointing(true));
        MemoryPlan half = new MemoryPlan(QWEN05, defaults().withBatch(2, 2));
        long t = full.estimate(MemoryPlan.Phase.training).total();
        assertTrue(ckpt.estimate(MemoryPlan.Phase.training).total() < t / 3, "checkpointing keeps one layer's activations");
        assertTrue(half.estimate(MemoryPlan.Phase.training).total() < t);
        assertEquals(MemoryPlan.Phase.training, full.peak().phase());
        // inference phases do not depend on checkpointing
        assertEquals(full.estimate(MemoryPlan.Phase.sampling).total(), ckpt.estimate(MemoryPlan.Phase.sampling).total());
    }

    @Test
    void fitKeepsTheEffectiveBatchAndNamesTheSettings() {
        long usable = 6L << 30;
        MemoryFit f = MemoryFit.find(QWEN05, defaults(), 3, usable, new MemoryFit.Allowed(false, false));
        assertTrue(f.fits(), f.changes().toString());
        assertEquals(4, f.workload().batchPairs() * f.workload().gradientAccumulation());
        assertTrue(f.workload().batchPairs() < 4);
        assertTrue(f.changes().stream().anyMatch(c -> c.startsWith("--batch-size")), f.changes().toString());
        assertTrue(f.plan().peak().total() <= usable);

        MemoryFit withCkpt = MemoryFit.find(QWEN05, defaults(), 3, usable, new MemoryFit.Allowed(true, true));
        assertTrue(withCkpt.fits());
        assertEquals(List.of("activation checkpointing on"), withCkpt.changes());

        MemoryFit hopeless = MemoryFit.find(QWEN05, defaults(), 3, 1L << 30, new MemoryFit.Allowed(true, true));
        assertFalse(hopeless.fits());
    }

    @Test
    void sizesParse() {
        assertEquals(8L << 30, MemoryBudget.parseSize("8G"));
        assertEquals(512L << 20, MemoryBudget.parseSize("512MiB"));
        assertEquals((long) (2.5 * (1L << 30)), MemoryBudget.parseSize("2.5GB"));
        assertTrue(MemoryBudget.host() == null || MemoryBudget.host().freeBytes() > 0);
    }
}
