package org.qtastudio.lm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qtastudio.lm.LmFixtures.ints;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.qtastudio.lm.lora.LoraAdapter;
import org.qtastudio.lm.lora.LoraConfig;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qtastudio.lm.LmFixtures;

/**
 * The decoder in bfloat16 on the CPU against the F32 golden numbers, with looser tolerances: {@value #LOGIT_TOLERANCE}
 * absolute on logits and {@value #LOGPROB_TOLERANCE} on summed log-probs. bfloat16 keeps 8 bits of mantissa
 * (relative step 2^-8, about 0.4%), and each weight, activation and matmul result is rounded to it; on these
 * fixtures, whose largest logits are about 10, the worst logit error measured 0.27 and the worst log-prob error
 * 0.16. Greedy continuations are not compared: near ties may flip. Runs only where the CPU has bfloat16
 * instructions, as {@code --dtype bfloat16} on the CPU requires.
 */
class GoldenFixturesBf16Test {

    static final double LOGIT_TOLERANCE = 0.5;
    static final double LOGPROB_TOLERANCE = 0.5;
    static final double GRADIENT_TOLERANCE = 0.15;

    private static void assumeBf16Cpu() throws java.io.IOException {
        Assumptions.assumeTrue(LmRuntime.cpuHasBf16(Files.readString(Path.of("/proc/cpuinfo"))),
                "this CPU has no bfloat16 instructions");
    }

    @Test
    void anF32AdapterServesABf16Model() throws Exception {
        assumeBf16Cpu();
        int[][] ids = {{1, 30, 31, 32, 33}};
        int[][] mask = {{1, 1, 1, 1, 1}};
        try (CausalLm model = CausalLm.load(LmFixtures.lmModel("qwen2-tiny-bf16"), LmRuntime.parse("cpu", "bf16"));
                NDManager m = model.manager().newSubManager()) {
            float[] base = model.forward(m, ids, mask, null, 0).toFloatArray();
            LoraAdapter adapter = LoraAdapter.attach(model, new LoraConfig(4, 8, 0.0, List.of("q_proj", "down_proj")), 7);
            adapter.parameters().values().forEach(p -> assertEquals(DataType.FLOAT32, p.getDataType()));
            assertArrayEquals(base, model.forward(m, ids, mask, null, 0).toFloatArray(), "B = 0 changes nothing");
        }
    }

    /**
     * LoRA trains through a bfloat16 model: its F32 gradients of a DPO-shaped objective (shared-prompt pairs, all
     * seven projections) agree with the same adapter's gradients through the F32 model within
     * {@value #GRADIENT_TOLERANCE} relative error (norm of the difference over the norm; the worst of the 56
     * tensors measured 0.074, the typical 0.03: each matmul's input, output and gradient is rounded to 8 bits of
     * mantissa), and checkpointing the bfloat16 pass changes nothing.
     */
    @ParameterizedTest
    @ValueSource(strings = {"qwen2-tiny-bf16", "qwen3-tiny"})
    void loraGradientsThroughBf16AgreeWithF32(String fixture) throws Exception {
        assumeBf16Cpu();
        Path dir = LmFixtures.lmModel(fixture);
        Map<String, float[]> f32 = gradients(dir, "float32", false);
        Map<String, float[]> bf16 = gradients(dir, "bfloat16", false);
        Map<String, float[]> checkpointed = gradients(dir, "bfloat16", true);
        assertEquals(f32.keySet(), bf16.keySet());
        for (String name : f32.keySet()) {
            double norm = norm(f32.get(name), null);
            assertTrue(norm > 0, name + " has a gradient");
            double relative = norm(f32.get(name), bf16.get(name)) / norm;
            assertTrue(relative <= GRADIENT_TOLERANCE, fixture + " " + name + ": relative gradient error " + relative);
            assertArrayEquals(bf16.get(name), checkpointed.get(name), 1e-6f, "checkpointed " + name);
        }
    }

    private static Map<String, float[]> gradients(Path dir, String dtype, boolean checkpointed) throws Exception {
        List<int[]> prompts = List.of(new int[] {1, 30, 31, 32, 33}, new int[] {1, 50, 51});
        List<int[]> chosen = List.of(new int[] {40, 41, 42, 2}, new int[] {60, 61, 2});
        List<int[]> rejected = List.of(new int[] {45, 46, 2}, new int[] {70, 71, 72, 73, 2});
        Map<String, float[]> out = new TreeMap<>();
        try (CausalLm model = CausalLm.load(dir, LmRuntime.parse("cpu", dtype));
                LoraAdapter adapter = LoraAdapter.attach(model, new LoraConfig(2, 4, 0.0,
                        List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")), 3)) {
            model.setActivationCheckpointing(checkpointed);
            adapter.setTraining(true);
            Random random = new Random(5); // the same B for both models (B starts at zero: A would get no gradient)
            try (NDManager m = model.manager().newSubManager()) {
                for (NDArray p : adapter.parameters().values()) {
                    float[] noise = new float[(int) p.size()];
                    for (int i = 0; i < noise.length; i++) {
                        noise[i] = (float) (random.nextGaussian() * 0.1);
                    }
                    p.stopGradient().addi(m.create(noise, p.getShape()));
                }
            }
            try (NDManager step = model.manager().newSubManager();
                    GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                SequenceLogProbs.Result r = SequenceLogProbs.pairs(model, step, prompts, chosen, rejected);
                NDArray v = r.values();
                r.backward(gc, v.get("0:2").sub(v.get("2:")).sum());
                adapter.parameters().forEach((name, p) -> out.put(name, p.getGradient().toFloatArray()));
            }
        }
        return out;
    }

    /** Euclidean norm of {@code a}, or of {@code a - b}. */
    private static double norm(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - (b == null ? 0 : b[i]);
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama-tiny", "qwen2-tiny-bf16", "llama3-rope-tiny", "qwen3-tiny"})
    void matchesGoldenWithinBf16Tolerance(String fixture) throws Exception {
        assumeBf16Cpu();
        Path dir = LmFixtures.lmModel(fixture);
        JsonNode g = LmFixtures.golden(dir, "golden.json");
        try (CausalLm model = CausalLm.load(dir, LmRuntime.parse("cpu", "bfloat16"));
                NDManager m = model.manager().newSubManager()) {
            // DJL reports PyTorch's bfloat16 as UNKNOWN; what matters is that the F32 copy is gone
            assertEquals(DataType.UNKNOWN, model.weights().get(WeightLayout.EMBED).getDataType());
            int[] ids = ints(g.get("input_ids"));
            int[] ones = new int[ids.length];
            Arrays.fill(ones, 1);
            float[] logits = model.forward(m, new int[][] {ids}, new int[][] {ones}, null, 0).toFloatArray();
            int vocab = model.config().vocabSize();
            double worst = 0;
            for (int t = 0; t < ids.length; t++) {
                for (int v = 0; v < vocab; v++) {
                    worst = Math.max(worst, Math.abs(logits[t * vocab + v] - g.get("logits").get(t).get(v).asDouble()));
                }
            }
            assertEquals(0, worst, LOGIT_TOLERANCE, fixture + ": max |logit - golden| in bfloat16");
            JsonNode lp = g.get("sequence_logprob");
            int[] prompt = ints(lp.get("prompt"));
            double[] got = SequenceLogProbs.score(model, List.of(prompt, prompt),
                    List.of(ints(lp.get("chosen")), ints(lp.get("rejected"))));
            assertEquals(lp.get("chosen_logprob").asDouble(), got[0], LOGPROB_TOLERANCE, "chosen log-prob");
            assertEquals(lp.get("rejected_logprob").asDouble(), got[1], LOGPROB_TOLERANCE, "rejected log-prob");
        }
    }
}
