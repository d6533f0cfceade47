package org.qtastudio.lm.generate;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.qtastudio.common.Progress;
import org.qtastudio.lm.model.CausalLm;
import org.qtastudio.lm.model.KvCache;

/**
 * The decode loop DJL lacks for these models: left-pads the prompts into one batch, prefills each prompt once,
 * repeats its KV cache for its {@code samples} rows, then decodes one token per step through the cache until every
 * row hit an EOS id, a stop string or the token limit.
 */
public final class Generator {

    private Generator() {
    }

    /**
     * @param decoder turns generated ids into text, for stop strings ({@code null} when there are none)
     * @return continuations, prompt by prompt, {@code samples} per prompt
     */
    public static List<Generation> generate(CausalLm model, List<int[]> prompts, GenerationSettings s,
            Function<int[], String> decoder, Progress progress) {
        if (!s.stopStrings().isEmpty() && decoder == null) {
            throw new IllegalArgumentException("stop strings need a decoder");
        }
        int rows = prompts.size() * s.samples();
        int promptLen = 0;
        for (int[] p : prompts) {
            if (p.length == 0) {
                throw new IllegalArgumentException("empty prompt");
            }
            promptLen = Math.max(promptLen, p.length);
        }
        int pad = s.eosIds().isEmpty() ? 0 : s.eosIds().iterator().next();
        int total = promptLen + s.maxNewTokens();
        int[][] seq = new int[rows][total];
        int[][] mask = new int[rows][total];
        for (int r = 0; r < rows; r++) {
            int[] p = prompts.get(r / s.samples());
            int start = promptLen - p.length;
            Arrays.fill(seq[r], pad);
            System.arraycopy(p, 0, seq[r], start, p.length);
            Arrays.fill(mask[r], start, promptLen, 1);
        }
        List<List<Integer>> produced = new ArrayList<>();
        Generation.Finish[] finish = new Generation.Finish[rows];
        for (int r = 0; r < rows; r++) {
            produced.add(new ArrayList<>());
        }
        Random rng = new Random(s.seed());
        int vocab = model.config().vocabSize();
        int len = promptLen;
        try (NDManager gen = model.manager().newSubManager();
                KvCache cache = s.useKvCache() ? model.newCache(gen) : null) {
            // without a cache every step recomputes every row anyway, so there is nothing to share
            int share = cache == null ? 1 : s.samples();
            int[][] input = everyNth(slice(seq, 0, len), share);
            int[][] inputMask = everyNth(slice(mask, 0, len), share);
            int active = rows;
            for (int step = 0; step < s.maxNewTokens() && active > 0; step++) {
                progress.checkCancelled();
                float[] logits;
                try (NDManager m = gen.newSubManager()) {
                    logits = model.forward(m, input, inputMask, cache, input[0].length - 1).toFloatArray();
                }
                int perRow = step == 0 ? share : 1;
                if (step == 0 && cache != null) {
                    cache.expand(share);
                }
                for (int r = 0; r < rows; r++) {
                    if (finish[r] != null) {
                        continue;
                    }
                    int next = Sampler.pick(logits, r / perRow * vocab, vocab, s, rng);
                    produced.get(r).add(next);
                    seq[r][len] = next;
                    finish[r] = finished(produced.get(r), next, s, decoder);
                    if (finish[r] != null) {
                        active--;
                    }
                }
                for (int r = 0; r < rows; r++) {
                    mask[r][len] = 1;
                }
                len++;
                input = s.useKvCache() ? slice(seq, len - 1, len) : slice(seq, 0, len);
                inputMask = slice(mask, 0, len);
                progress.update("generating", step + 1, s.maxNewTokens());
            }
        }
        List<Generation> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            int[] ids = produced.get(r).stream().mapToInt(Integer::intValue).toArray();
            out.add(new Generation(r / s.samples(), ids, finish[r] == null ? Generation.Finish.MAX_TOKENS : finish[r]));
        }
        return out;
    }

    private static Generation.Finish finished(List<Integer> produced, int next, GenerationSettings s,
            Function<int[], String> decoder) {
        if (s.eosIds().contains(next)) {
            return Generation.Finish.EOS;
        }
        if (!s.stopStrings().isEmpty()) {
            String text = decoder.apply(produced.stream().mapToInt(Integer::intValue).toArray());
            for (String stop : s.stopStrings()) {
                if (text.contains(stop)) {
                    return Generation.Finish.STOP_STRING;
                }
            }
        }
        return null;
    }

    /** Rows 0, n, 2n, ...: the first sample row of each prompt. */
    private static int[][] everyNth(int[][] a, int n) {
        int[][] out = new int[a.length / n][];
        for (int r = 0; r < out.length; r++) {
            out[r] = a[r * n];
        }
        return out;
    }

    private static int[][] slice(int[][] a, int from, int to) {
        int[][] out = new int[a.length][];
        for (int r = 0; r < a.length; r++) {
            out[r] = Arrays.copyOfRange(a[r], from, to);
        }
        return out;
    }
}
