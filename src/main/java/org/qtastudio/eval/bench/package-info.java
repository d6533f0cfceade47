/**
 * Helpers for the scale benchmarks, not part of the product's use cases:
 * {@link org.qtastudio.eval.bench.SyntheticCatalog} generates a deterministic catalog of REST-like tools
 * with Zipf-distributed made-up words, {@link org.qtastudio.eval.bench.Timings} turns measured durations
 * into percentiles, and {@link org.qtastudio.eval.bench.Machine} describes the machine and JVM beside every
 * figure. {@code qta-studio bench retrieval} uses all three, {@code qta-studio bench mtrb} the last.
 */
package org.qtastudio.eval.bench;
