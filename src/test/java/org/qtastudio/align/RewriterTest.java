package org.qtastudio.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.common.Progress;
import org.qtastudio.lm.LmFixtures;
import org.qtastudio.lm.model.Architecture;
import org.qtastudio.lm.model.LmRuntime;
import org.qtastudio.lm.model.ModelConfig;
import org.qtastudio.lm.model.RandomModelWriter;
import org.qtastudio.lm.model.RopeScaling;

/** Greedy rewrites of several queries in one left-padded batch, on the tiny random Qwen3. */
class RewriterTest {

    @Test
    void aBatchOfGreedyRewritesEqualsOneQueryAtATime(@TempDir Path tmp) throws Exception {
        AlignFixtures.assumeShared();
        // the tiny Qwen3's shape; seed 6 is one whose greedy rewrites are not empty
        Path tokenizer = LmFixtures.qwen3Tokenizer();
        Path model = tmp.resolve("model");
        RandomModelWriter.write(new ModelConfig(Architecture.QWEN3, RandomModelWriter.vocabSize(tokenizer), 32, 64, 2, 4,
                2, 16, 1e-6, 10000.0, RopeScaling.NONE, 4096, true, RandomModelWriter.eosIds(tokenizer), null, 0),
                tokenizer, model, 6, false);
        try (Rewriter rw = Rewriter.load(model, LmRuntime.cpu(), AlignSettings.DEFAULT_INSTRUCTION)) {
            List<int[]> prompts = new ArrayList<>();
            for (String q : List.of("movies like Alien", "who directed the most popular film of 1999 and what else did "
                    + "they direct", "tv shows", "the cast of The Last of Us season two")) {
                prompts.add(rw.promptIds(rw.promptText(q, List.of())));
            }
            assertTrue(prompts.get(1).length > prompts.get(2).length, "prompts of different lengths get padded");
            List<String> batched = rw.greedy(prompts, 10, Progress.NONE);
            assertEquals(prompts.size(), batched.size());
            assertTrue(batched.stream().anyMatch(s -> !s.isEmpty()), "the model says something: " + batched);
            assertTrue(batched.stream().distinct().count() > 1, "rows differ, so a row mix-up shows: " + batched);
            for (int i = 0; i < prompts.size(); i++) {
                assertEquals(rw.greedy(prompts.get(i), 10, Progress.NONE), batched.get(i), "query " + i);
            }
        }
    }
}
