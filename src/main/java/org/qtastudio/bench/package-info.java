/**
 * The benchmarks, kept apart from the product: the topmost layer beside {@code Main}, free to use every product
 * package, used by none of them except the {@code bench} commands in {@code cli} (and
 * {@code LayerArchitectureTest} enforces that). One subpackage per capability measured:
 * {@code bench.app} (the window, the only bench package that may use JavaFX), {@code bench.catalog} (import),
 * {@code bench.align} (QTA at RestBench's size), {@code bench.lm} (the LM engine) and {@code bench.serve} (the tool search
 * served over HTTP).
 *
 * <p>This package holds what they share: {@link org.qtastudio.bench.Machine}, the one description of the machine,
 * JVM and load average printed beside every figure; {@link org.qtastudio.bench.SyntheticCatalog}, a deterministic
 * catalog of REST-like tools with Zipf-distributed made-up words; and {@link org.qtastudio.bench.Timings}, which
 * turns measured durations into percentiles. {@code qta-studio bench retrieval} uses all three.
 *
 * <p>To add a benchmark: put it in the subpackage of the capability it measures, print
 * {@link org.qtastudio.bench.Machine#describe()} before its figures, and run it from a {@code bench} command so the
 * numbers in {@code docs/} come from a committed command.
 */
package org.qtastudio.bench;
