package org.qtastudio.lm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qtastudio.lm.LmFixtures.ints;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qtastudio.common.Progress;
import org.qtastudio.lm.LmFixtures;
import org.qtastudio.lm.generate.Generation;
import org.qtastudio.lm.generate.GenerationSettings;
import org.qtastudio.lm.generate.Generator;

/** The decoder against golden numbers from an independent PyTorch implementation of the HF formulas. */
class GoldenFixturesTest {

    @ParameterizedTest
    @ValueSource(strings = {"llama-tiny", "qwen2-tiny-bf16", "llama3-rope-tiny", "qwen3-tiny"})
    void matchesGolden(String fixture) throws Exception {
        Path dir = LmFixtures.lmModel(fixture);
        JsonNode g = LmFixtures.golden(dir, "golden.json");
        try (CausalLm model = CausalLm.load(dir, LmRuntime.cpu())) {
            checkLogits(model, g, fixture);
            checkLogProbs(model, g.get("sequence_logprob"));
            checkGreedy(model, g.get("greedy"));
        }
    }

    private static void checkLogits(CausalLm model, JsonNode g, String fixture) {
        int[] ids = ints(g.get("input_ids"));
        int[] ones = new int[ids.length];
        java.util.Arrays.fill(ones, 1);
        JsonNode expected = g.get("logits");
        int vocab = model.config().vocabSize();
        try (NDManager m = model.manager().newSubManager()) {
            float[] logits = model.forward(m, new int[][] {ids}, new int[][] {ones}, null, 0).toFloatArray();
            double worst = 0;
            for (int t = 0; t < ids.length; t++) {
                for (int v = 0; v < vocab; v++) {
                    worst = Math.max(worst, Math.abs(logits[t * vocab + v] - expected.get(t).get(v).asDouble()));
                }
            }
            assertEquals(0, worst, 1e-4, fixture + ": max |logit - golden|");

            // the same ids left-padded by 3 beside a full-length row: real positions keep their golden logits
            int pad = 3;
            int[][] tokens = new int[2][ids.length + pad];
            int[][] mask = new int[2][ids.length + pad];
            for (int j = 0; j < ids.length + pad; j++) {
                tokens[0][j] = j < pad ? 0 : ids[j - pad];
                mask[0][j] = j < pad ? 0 : 1;
                tokens[1][j] = 5 + j;
                mask[1][j] = 1;
            }
            float[] batched = model.forward(m, tokens, mask, null, 0).toFloatArray();
            worst = 0;
            for (int t = 0; t < ids.length; t++) {
                for (int v = 0; v < vocab; v++) {
                    double got = batched[(t + pad) * vocab + v];
                    worst = Math.max(worst, Math.abs(got - expected.get(t).get(v).asDouble()));
                }
            }
            assertEquals(0, worst, 1e-4, fixture + ": max |logit - golden| of the left-padded row");
        }
    }

    private static void checkLogProbs(CausalLm model, JsonNode g) {
        int[] prompt = ints(g.get("prompt"));
        double[] got = SequenceLogProbs.score(model, List.of(prompt, prompt),
                List.of(ints(g.get("chosen")), ints(g.get("rejected"))));
        assertEquals(g.get("chosen_logprob").asDouble(), got[0], 1e-3, "chosen log-prob");
        assertEquals(g.get("rejected_logprob").asDouble(), got[1], 1e-3, "rejected log-prob");
        // different prompt lengths in one padded batch
        int[] longer = {1, 7, 8, 9, 10, 11, 12, 13, 14};
        double[] mixed = SequenceLogProbs.score(model, List.of(longer, prompt),
                List.of(new int[] {5}, ints(g.get("rejected"))));
        assertEquals(g.get("rejected_logprob").asDouble(), mixed[1], 1e-3, "rejected log-prob beside a longer row");
    }

    private static void checkGreedy(CausalLm model, JsonNode g) {
        int[] prompt = ints(g.get("prompt"));
        int[] expected = ints(g.get("tokens"));
        GenerationSettings greedy = GenerationSettings.greedy(g.get("max_new_tokens").asInt(),
                Set.of(g.get("eos_token_id").asInt()));
        for (boolean cache : new boolean[] {true, false}) {
            List<Generation> out = Generator.generate(model, List.of(prompt), greedy.withKvCache(cache), null,
                    Progress.NONE);
            assertArrayEquals(expected, out.get(0).tokens(), "greedy tokens, kv cache " + cache);
        }
        // batched with a longer prompt beside it: the golden prompt gets left padding
        int[] longer = {1, 7, 8, 9, 10, 11, 12, 13, 14};
        List<Generation> batch = Generator.generate(model, List.of(longer, prompt, longer), greedy, null,
                Progress.NONE);
        assertArrayEquals(expected, batch.get(1).tokens(), "greedy tokens of the left-padded row");
        List<Generation> alone = Generator.generate(model, List.of(longer), greedy, null, Progress.NONE);
        assertArrayEquals(alone.get(0).tokens(), batch.get(0).tokens(), "longer prompt alone vs batched");
        assertArrayEquals(alone.get(0).tokens(), batch.get(2).tokens(), "same prompt twice in a batch");
    }
}
