package org.qtastudio.lm.generate;

import java.util.List;
import java.util.Set;

/**
 * How to continue prompts.
 *
 * @param maxNewTokens upper bound of new tokens per row
 * @param temperature 0 for greedy decoding, otherwise logits are divided by it before sampling
 * @param topK keep only the k most likely tokens (0 = off)
 * @param topP keep the smallest set of most likely tokens whose probability reaches p (1 = off)
 * @param seed seed of the sampling random stream (same seed, same batch: same output)
 * @param samples continuations per prompt, all decoded in one batch
 * @param eosIds token ids that end a row (the id is kept in the output)
 * @param stopStrings texts that end a row once the decoded continuation contains one
 * @param useKvCache false recomputes the whole sequence every step (for benchmarks and cross-checks)
 */
public record GenerationSettings(int maxNewTokens, double temperature, int topK, double topP, long seed,
        int samples, Set<Integer> eosIds, List<String> stopStrings, boolean useKvCache) {

    public GenerationSettings {
        if (maxNewTokens < 0 || temperature < 0 || topK < 0 || topP <= 0 || topP > 1 || samples < 1) {
            throw new IllegalArgumentException("invalid generation settings: max-new-tokens " + maxNewTokens
                    + ", temperature " + temperature + ", top-k " + topK + ", top-p " + topP + ", samples " + samples);
        }
        eosIds = Set.copyOf(eosIds);
        stopStrings = List.copyOf(stopStrings);
    }

    /** Greedy decoding with a KV cache, one sample, no stop strings. */
    public static GenerationSettings greedy(int maxNewTokens, Set<Integer> eosIds) {
        return new GenerationSettings(maxNewTokens, 0, 0, 1, 0, 1, eosIds, List.of(), true);
    }

    public GenerationSettings withSampling(double temperature, int topK, double topP, long seed, int samples) {
        return new GenerationSettings(maxNewTokens, temperature, topK, topP, seed, samples, eosIds, stopStrings,
                useKvCache);
    }

    public GenerationSettings withStopStrings(List<String> stops) {
        return new GenerationSettings(maxNewTokens, temperature, topK, topP, seed, samples, eosIds, stops,
                useKvCache);
    }

    public GenerationSettings withKvCache(boolean on) {
        return new GenerationSettings(maxNewTokens, temperature, topK, topP, seed, samples, eosIds, stopStrings, on);
    }
}
