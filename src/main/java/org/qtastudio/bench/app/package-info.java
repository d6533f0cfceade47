/**
 * Benchmarks and screenshots of the real window, not part of the product's use cases; each has a
 * {@code main} and runs under Xvfb (see {@code docs/gui-benchmark.md}).
 *
 * <ul>
 * <li>{@link org.qtastudio.bench.app.CatalogBrowserBenchmark}: time until a generated 100,000-tool catalog is
 *     in the browser's table, and the per-keystroke filter latency.</li>
 * <li>{@link org.qtastudio.bench.app.ResponsivenessBenchmark}: the longest gaps between FX pulses while an
 *     import, a dense evaluation and a tiny alignment run behind the window; the target is no gap over
 *     100 ms.</li>
 * <li>{@link org.qtastudio.bench.app.Screenshots}: every screen rendered to PNG for the documentation.</li>
 * </ul>
 * They drive the window from their main thread through the package-private {@code FxThread} and measure the
 * FX thread with {@code PulseMonitor}; {@code TinyAlignment} is a QTA run small enough for seconds on a CPU.
 */
package org.qtastudio.bench.app;
