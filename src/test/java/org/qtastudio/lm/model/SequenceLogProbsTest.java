package org.qtastudio.lm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.qtastudio.lm.LmFixtures;
import org.qtastudio.lm.lora.LoraAdapter;
import org.qtastudio.lm.lora.LoraConfig;

/**
 * The backward pass runs after {@link SequenceLogProbs#compute} has returned, and reads arrays DJL made from Java
 * memory: the gather index, the completion weights, the LoRA and attention scale factors. A garbage collection in
 * between used to free them: training failed at random with "index … is out of bounds for dimension 2", and the
 * LoRA gradients came out zero.
 */
class SequenceLogProbsTest {

    private static final List<int[]> PROMPTS = List.of(new int[] {1, 30, 31, 32, 33}, new int[] {1, 50, 51});
    private static final List<int[]> COMPLETIONS = List.of(new int[] {40, 41, 42, 2}, new int[] {60, 61, 2});

    @Test
    void gradientsDoNotDependOnMemoryTheJvmHasFreedBeforeBackward() throws Exception {
        try (CausalLm model = CausalLm.load(LmFixtures.lmModel("llama-tiny"), LmRuntime.cpu());
                LoraAdapter adapter = LoraAdapter.attach(model, new LoraConfig(2, 4, 0, List.of("q_proj", "down_proj")), 3)) {
            adapter.setTraining(true);
            Map<String, float[]> undisturbed = gradients(model, adapter, false);
            Map<String, float[]> afterGc = gradients(model, adapter, true);
            assertTrue(undisturbed.values().stream().anyMatch(g -> Arrays.stream(box(g)).anyMatch(v -> v != 0)), "gradients flow");
            for (String name : undisturbed.keySet()) {
                assertArrayEquals(undisturbed.get(name), afterGc.get(name), 1e-6f, name);
            }
        }
    }

    /** One forward and backward pass; with {@code churn}, garbage is collected and fresh memory scribbled on between them. */
    private static Map<String, float[]> gradients(CausalLm model, LoraAdapter adapter, boolean churn) throws Exception {
        Map<String, float[]> out = new TreeMap<>();
        try (NDManager step = model.manager().newSubManager();
                GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray logp = SequenceLogProbs.compute(model, step, PROMPTS, COMPLETIONS);
            if (churn) {
                List<ByteBuffer> scribbles = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    System.gc();
                    Thread.sleep(50); // lets the cleaner free the direct memory of collected buffers
                    for (int i = 0; i < 64; i++) {
                        ByteBuffer b = ByteBuffer.allocateDirect(64 << i % 6);
                        while (b.hasRemaining()) {
                            b.put((byte) 0x7f);
                        }
                        scribbles.add(b);
                    }
                }
            }
            gc.backward(logp.sum());
            adapter.parameters().forEach((name, p) -> {
                NDArray g = p.getGradient();
                out.put(name, g.toFloatArray());
                g.subi(g);
            });
        }
        return out;
    }

    private static double[] box(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
