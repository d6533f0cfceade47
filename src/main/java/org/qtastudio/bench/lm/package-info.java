/**
 * A benchmark of the LM engine, not part of the product's use cases:
 * {@link org.qtastudio.bench.lm.LmBenchmark} measures a model's prefill and decode speed, with and without
 * the KV cache, on random token ids, and the process's peak memory (medians of repeated runs after a
 * warm-up). {@code qta-studio lm bench} and {@code qta-studio bench gpu} run it.
 */
package org.qtastudio.bench.lm;
