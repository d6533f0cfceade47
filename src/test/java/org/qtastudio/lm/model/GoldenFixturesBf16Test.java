package org.qtastudio.lm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qtastudio.lm.LmFixtures.ints;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
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

    private static void assumeBf16Cpu() throws java.io.IOException {
        Assumptions.assumeTrue(LmRuntime.cpuHasBf16(Files.readString(Path.of("/proc/cpuinfo"))),
                "this CPU has no bfloat16 instructions");
    }

    @Test
    void anF32AdapterServesABf16ModelButCannotTrainThroughIt() throws Exception {
        assumeBf16Cpu();
        int[][] ids = {{1, 30, 31, 32, 33}};
        int[][] mask = {{1, 1, 1, 1, 1}};
        try (CausalLm model = CausalLm.load(LmFixtures.lmModel("qwen2-tiny-bf16"), LmRuntime.parse("cpu", "bf16"));
                NDManager m = model.manager().newSubManager()) {
            float[] base = model.forward(m, ids, mask, null, 0).toFloatArray();
            LoraAdapter adapter = LoraAdapter.attach(model, new LoraConfig(4, 8, 0.0, List.of("q_proj", "down_proj")), 7);
            adapter.parameters().values().forEach(p -> assertEquals(DataType.FLOAT32, p.getDataType()));
            assertArrayEquals(base, model.forward(m, ids, mask, null, 0).toFloatArray(), "B = 0 changes nothing");
            // no silent zero gradients: the cast cuts the graph, and backward says so
            adapter.setTraining(true);
            try (NDManager step = model.manager().newSubManager();
                    GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray loss = model.forward(step, ids, mask, null, 0).sum();
                EngineException e = assertThrows(EngineException.class, () -> gc.backward(loss));
                assertTrue(e.getMessage().contains("does not require grad"), e.getMessage());
            }
        }
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
