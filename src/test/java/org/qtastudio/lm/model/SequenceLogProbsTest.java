package org.qtastudio.lm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
    private static final List<int[]> REJECTED = List.of(new int[] {45, 46, 2}, new int[] {70, 71, 72, 73, 2});

    /** Checkpointed, the backward pass also reads the bias, rotary factors and gather indices of the first pass. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void gradientsDoNotDependOnMemoryTheJvmHasFreedBeforeBackward(boolean checkpointed) throws Exception {
        try (CausalLm model = CausalLm.load(LmFixtures.lmModel("llama-tiny"), LmRuntime.cpu());
                LoraAdapter adapter = LoraAdapter.attach(model, new LoraConfig(2, 4, 0, List.of("q_proj", "down_proj")), 3)) {
            adapter.setTraining(true);
            model.setActivationCheckpointing(checkpointed);
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
            SequenceLogProbs.Result pairs = model.activationCheckpointing()
                    ? SequenceLogProbs.pairs(model, step, PROMPTS, COMPLETIONS, REJECTED) : null;
            NDArray logp = pairs != null ? pairs.values() : SequenceLogProbs.compute(model, step, PROMPTS, COMPLETIONS);
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
            if (pairs != null) {
                pairs.backward(gc, logp.sum());
            } else {
                gc.backward(logp.sum());
            }
            adapter.parameters().forEach((name, p) -> {
                NDArray g = p.getGradient();
                out.put(name, g.toFloatArray());
                g.subi(g);
            });
        }
        return out;
    }

    @Test
    void chunkedHeadEqualsOneChunk() throws Exception {
        try (CausalLm model = CausalLm.load(LmFixtures.lmModel("llama-tiny"), LmRuntime.cpu());
                NDManager m = model.manager().newSubManager()) {
            float[] oneAtATime = SequenceLogProbs.pairs(model, m, PROMPTS, COMPLETIONS, REJECTED, 1).values().toFloatArray();
            float[] all = SequenceLogProbs.pairs(model, m, PROMPTS, COMPLETIONS, REJECTED, 1000).values().toFloatArray();
            assertArrayEquals(all, oneAtATime, 1e-5f);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama-tiny", "qwen3-tiny"})
    void sharedPromptEqualsSeparateRows(String fixture) throws Exception {
        try (CausalLm model = CausalLm.load(LmFixtures.lmModel(fixture), LmRuntime.cpu())) {
            List<int[]> prompts = new ArrayList<>(PROMPTS);
            prompts.addAll(PROMPTS);
            List<int[]> completions = new ArrayList<>(COMPLETIONS);
            completions.addAll(REJECTED);
            double[] separate = SequenceLogProbs.score(model, prompts, completions);
            double[][] shared = SequenceLogProbs.scorePairs(model, PROMPTS, COMPLETIONS, REJECTED);
            for (int i = 0; i < PROMPTS.size(); i++) {
                assertEquals(separate[i], shared[i][0], 1e-4, "chosen " + i);
                assertEquals(separate[PROMPTS.size() + i], shared[i][1], 1e-4, "rejected " + i);
            }
        }
    }

    @Test
    void checkpointedGradientsEqualPlainOnes() throws Exception {
        try (CausalLm model = CausalLm.load(LmFixtures.lmModel("llama-tiny"), LmRuntime.cpu());
                LoraAdapter adapter = LoraAdapter.attach(model, new LoraConfig(2, 4, 0.2,
                        List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")), 3)) {
            assertFalse(model.activationCheckpointing(), "off by default for a tiny model");
            adapter.setTraining(true);
            // B starts at zero, so that A gets no gradient; one step makes both non-zero
            try (NDManager m = model.manager().newSubManager()) {
                adapter.parameters().values().forEach(p -> p.stopGradient().addi(m.randomNormal(p.getShape()).mul(0.1f)));
            }
            model.setActivationCheckpointing(false);
            Map<String, float[]> plain = pairGradients(model, adapter);
            model.setActivationCheckpointing(true);
            Map<String, float[]> checkpointed = pairGradients(model, adapter);
            assertTrue(plain.get("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight").length > 0);
            for (String name : plain.keySet()) {
                assertTrue(Arrays.stream(box(plain.get(name))).anyMatch(v -> v != 0), name + " has a gradient");
                assertArrayEquals(plain.get(name), checkpointed.get(name), 1e-5f, name);
            }
        }
    }

    /** One shared-prompt forward and backward with a fixed dropout seed (dropout masks then agree). */
    private static Map<String, float[]> pairGradients(CausalLm model, LoraAdapter adapter) {
        Map<String, float[]> out = new TreeMap<>();
        model.setDropoutSeed(11);
        try (NDManager step = model.manager().newSubManager();
                GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            SequenceLogProbs.Result r = SequenceLogProbs.pairs(model, step, PROMPTS, COMPLETIONS, REJECTED);
            NDArray v = r.values();
            r.backward(gc, v.get("0:2").sub(v.get("2:")).sum());
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
