package org.qtastudio.bench.lm;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.qtastudio.lm.model.CausalLm;
import org.qtastudio.lm.model.KvCache;

/**
 * Measures a model's prefill and decode speed, with and without the KV cache, on random token ids, and the
 * process's peak memory. Times are medians of repeated runs after one warm-up run. A batch of several rows is what
 * sampling (the samples of one prompt) and rewriting (several test queries) decode.
 */
public final class LmBenchmark {

    /**
     * One model's figures.
     *
     * @param batch rows decoded together
     * @param prefillTokensPerSecond prompt tokens per second in one forward (all rows)
     * @param decodeKvTokensPerSecond new tokens per second (all rows), one step at a time through the KV cache
     * @param decodeNoCacheTokensPerSecond new tokens per second, recomputing the whole sequence each step (NaN: not measured)
     * @param peakRssMiB the process's peak resident memory so far (VmHWM; -1 where /proc is absent)
     * @param peakHeapMiB peak Java heap use so far
     */
    public record Result(String model, long parameters, String runtime, int batch, int promptTokens, int newTokens,
            double prefillTokensPerSecond, double decodeKvTokensPerSecond, double decodeNoCacheTokensPerSecond,
            long peakRssMiB, long peakHeapMiB) {

        /** One Markdown table row. */
        public String markdownRow() {
            return String.format("| %s | %,d | %s | %d | %d | %d | %.1f | %.1f | %s | %d | %d |", model,
                    parameters, runtime, batch, promptTokens, newTokens, prefillTokensPerSecond, decodeKvTokensPerSecond,
                    Double.isNaN(decodeNoCacheTokensPerSecond) ? "–" : String.format("%.1f", decodeNoCacheTokensPerSecond),
                    peakRssMiB, peakHeapMiB);
        }

        public static String markdownHeader() {
            return "| model | params | device, dtype | batch | prompt tokens | new tokens | prefill tok/s | decode tok/s "
                    + "(KV cache) | decode tok/s (no cache) | peak RSS MiB | peak heap MiB |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|";
        }
    }

    private LmBenchmark() {
    }

    /**
     * Benchmarks one loaded model, {@code batch} rows of {@code promptTokens} each, and prints its row to {@code out}.
     *
     * @param withoutCache also decode without the KV cache (each step recomputes the whole sequence: slow for long prompts);
     *     its figure is NaN otherwise
     */
    public static Result run(CausalLm model, String name, int batch, int promptTokens, int newTokens, int repeats,
            boolean withoutCache, PrintWriter out) {
        Random rng = new Random(1);
        int vocab = model.config().vocabSize();
        int[][] prompts = new int[batch][promptTokens];
        for (int[] prompt : prompts) {
            for (int i = 0; i < prompt.length; i++) {
                prompt[i] = rng.nextInt(vocab);
            }
        }
        double[] prefill = new double[repeats];
        double[] kv = new double[repeats];
        double[] noCache = new double[repeats];
        for (int r = -1; r < repeats; r++) { // r = -1 warms up
            double[] t = decode(model, prompts, newTokens, true);
            double full = withoutCache ? decode(model, prompts, newTokens, false)[1] : Double.NaN;
            if (r >= 0) {
                prefill[r] = t[0];
                kv[r] = t[1];
                noCache[r] = full;
            }
        }
        Result result = new Result(name, model.parameterCount(), model.runtime().describe(), batch, promptTokens, newTokens,
                batch * promptTokens / median(prefill), batch * newTokens / median(kv), batch * newTokens / median(noCache),
                peakRssMiB(), peakHeapMiB());
        out.println(result.markdownRow());
        out.flush();
        return result;
    }

    /** Returns {prefill seconds, decode seconds} for greedy steps that always continue. */
    private static double[] decode(CausalLm model, int[][] prompts, int newTokens, boolean useCache) {
        int rows = prompts.length;
        int promptTokens = prompts[0].length;
        int[][] seq = new int[rows][];
        for (int r = 0; r < rows; r++) {
            seq[r] = Arrays.copyOf(prompts[r], promptTokens + newTokens);
        }
        int[][] ones = new int[rows][promptTokens + newTokens];
        for (int[] row : ones) {
            Arrays.fill(row, 1);
        }
        try (NDManager gen = model.manager().newSubManager();
                KvCache cache = useCache ? model.newCache(gen) : null) {
            long start = System.nanoTime();
            int[] next = step(model, gen, prompts, promptTokens, ones, cache);
            long prefillDone = System.nanoTime();
            for (int i = 0; i < newTokens; i++) {
                int at = promptTokens + i;
                int[][] input = new int[rows][];
                for (int r = 0; r < rows; r++) {
                    seq[r][at] = next[r];
                    input[r] = useCache ? new int[] {next[r]} : Arrays.copyOf(seq[r], at + 1);
                }
                next = step(model, gen, input, at + 1, ones, cache);
            }
            long end = System.nanoTime();
            return new double[] {(prefillDone - start) / 1e9, (end - prefillDone) / 1e9};
        }
    }

    /** One forward; returns each row's greedy next token. */
    private static int[] step(CausalLm model, NDManager gen, int[][] input, int seen, int[][] ones, KvCache cache) {
        int[][] mask = new int[ones.length][];
        for (int r = 0; r < mask.length; r++) {
            mask[r] = Arrays.copyOf(ones[r], seen);
        }
        try (NDManager m = gen.newSubManager()) {
            float[] logits = model.forward(m, input, mask, cache, input[0].length - 1).toFloatArray();
            int vocab = logits.length / input.length;
            int[] best = new int[input.length];
            for (int r = 0; r < input.length; r++) {
                int from = r * vocab;
                for (int i = 1; i < vocab; i++) {
                    if (logits[from + i] > logits[from + best[r]]) {
                        best[r] = i;
                    }
                }
            }
            return best;
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Peak resident set size of this process from {@code /proc/self/status}, or -1. */
    static long peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static long peakHeapMiB() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum / (1024 * 1024);
    }
}
