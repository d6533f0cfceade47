package org.qtastudio.lm.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qtastudio.common.CancelledException;
import org.qtastudio.common.Progress;
import org.qtastudio.lm.LmFixtures;
import org.qtastudio.lm.model.CausalLm;
import org.qtastudio.lm.model.LmRuntime;

/** Sampling, stopping and cancelling on the llama-tiny fixture (greedy continuation: 43, 82, 2). */
class GeneratorTest {

    private static final int[] PROMPT = {1, 30, 31, 32, 33};
    private static final GenerationSettings GREEDY = GenerationSettings.greedy(12, Set.of(2));
    private static CausalLm model;

    @BeforeAll
    static void load() throws Exception {
        model = CausalLm.load(LmFixtures.lmModel("llama-tiny"), LmRuntime.cpu());
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    private static List<Generation> run(GenerationSettings s) {
        return Generator.generate(model, List.of(PROMPT), s, ids -> Arrays.stream(ids).mapToObj(i -> "<" + i + ">")
                .collect(Collectors.joining()), Progress.NONE);
    }

    @Test
    void topKOneAndATinyNucleusAreGreedy() {
        int[] greedy = run(GREEDY).get(0).tokens();
        assertArrayEquals(new int[] {43, 82, 2}, greedy);
        assertArrayEquals(greedy, run(GREEDY.withSampling(1.5, 1, 1, 9, 1)).get(0).tokens());
        assertArrayEquals(greedy, run(GREEDY.withSampling(1.0, 0, 1e-6, 9, 1)).get(0).tokens());
    }

    @Test
    void samplesComeInOneBatchAndRepeatWithTheSeed() {
        GenerationSettings s = GREEDY.withSampling(2.0, 0, 1, 11, 4);
        List<Generation> a = run(s);
        List<Generation> b = run(s);
        assertEquals(4, a.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(0, a.get(i).promptIndex());
            assertArrayEquals(a.get(i).tokens(), b.get(i).tokens(), "sample " + i + " repeats with the seed");
        }
        long distinct = a.stream().map(g -> Arrays.toString(g.tokens())).distinct().count();
        assertEquals(true, distinct > 1, "temperature 2 over 4 samples gives different continuations");
    }

    private static List<int[]> ids(List<Generation> generations) {
        return generations.stream().map(Generation::tokens).toList();
    }

    @Test
    void samplesOfAPromptShareItsPrefillAndDrawWhatSeparateCopiesDraw() {
        int[] shorter = {1, 40, 41};
        GenerationSettings shared = GREEDY.withSampling(2.0, 0, 1, 11, 3);
        List<Generation> expanded = Generator.generate(model, List.of(PROMPT, shorter), shared, null, Progress.NONE);
        // the same rows as separate prompts of one sample each: every row prefills its own copy
        List<Generation> copies = Generator.generate(model, List.of(PROMPT, PROMPT, PROMPT, shorter, shorter, shorter),
                GREEDY.withSampling(2.0, 0, 1, 11, 1), null, Progress.NONE);
        assertEquals(6, expanded.size());
        for (int r = 0; r < 6; r++) {
            assertEquals(r / 3, expanded.get(r).promptIndex());
            assertArrayEquals(copies.get(r).tokens(), expanded.get(r).tokens(), "row " + r);
        }
        List<Generation> noCache = Generator.generate(model, List.of(PROMPT, shorter), shared.withKvCache(false), null,
                Progress.NONE);
        for (int r = 0; r < 6; r++) {
            assertArrayEquals(expanded.get(r).tokens(), noCache.get(r).tokens(), "row " + r + " without a cache");
        }
    }

    @Test
    void greedyInOneLeftPaddedBatchEqualsOnePromptAtATime() {
        List<int[]> prompts = List.of(PROMPT, new int[] {1, 40, 41}, new int[] {1, 7, 8, 9, 10, 11, 12, 13, 14},
                new int[] {1, 60});
        List<int[]> batched = ids(Generator.generate(model, prompts, GREEDY, null, Progress.NONE));
        for (int i = 0; i < prompts.size(); i++) {
            int[] alone = Generator.generate(model, List.of(prompts.get(i)), GREEDY, null, Progress.NONE).get(0).tokens();
            assertArrayEquals(alone, batched.get(i), "prompt " + i);
        }
    }

    @Test
    void aLongBatchPrefilledInGroupsAndSlicedAttentionEqualsOnePromptAtATime() {
        // 3 rows of about 900 tokens: the prefill (2,700 positions) runs in groups of two rows, and each group's
        // float32 attention scores (13 MiB per row here) one row at a time
        List<int[]> prompts = List.of(longPrompt(900, 3), longPrompt(880, 5), longPrompt(850, 7));
        List<int[]> batched = ids(Generator.generate(model, prompts, GREEDY, null, Progress.NONE));
        for (int i = 0; i < prompts.size(); i++) {
            int[] alone = Generator.generate(model, List.of(prompts.get(i)), GREEDY, null, Progress.NONE).get(0).tokens();
            assertArrayEquals(alone, batched.get(i), "prompt " + i);
        }
        List<int[]> noCache = ids(Generator.generate(model, prompts, GREEDY.withKvCache(false), null, Progress.NONE));
        assertEquals(prompts.size(), noCache.size());
        for (int i = 0; i < prompts.size(); i++) {
            assertArrayEquals(noCache.get(i), batched.get(i), "prompt " + i + " without a cache");
        }
    }

    /** {@code length} token ids from 3 to 96 in steps of {@code stride}, after the BOS id. */
    private static int[] longPrompt(int length, int stride) {
        int[] p = new int[length];
        p[0] = 1;
        for (int i = 1; i < length; i++) {
            p[i] = 3 + (i * stride) % 94;
        }
        return p;
    }

    @Test
    void stopsAtStopStringsAndTheTokenLimit() {
        Generation stopped = run(GREEDY.withStopStrings(List.of("<82>"))).get(0);
        assertArrayEquals(new int[] {43, 82}, stopped.tokens());
        assertEquals(Generation.Finish.STOP_STRING, stopped.finish());
        Generation limited = run(GenerationSettings.greedy(1, Set.of(2))).get(0);
        assertArrayEquals(new int[] {43}, limited.tokens());
        assertEquals(Generation.Finish.MAX_TOKENS, limited.finish());
        assertEquals(Generation.Finish.EOS, run(GREEDY).get(0).finish());
    }

    @Test
    void cancelStopsTheLoop() {
        Progress cancelled = new Progress() {
            @Override
            public void update(String message, long done, long total) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(CancelledException.class,
                () -> Generator.generate(model, List.of(PROMPT), GREEDY, null, cancelled));
    }
}
