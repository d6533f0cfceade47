/**
 * A benchmark of QTA at the size of MTRB's RestBench setting, not part of the product's use cases.
 * {@link org.qtastudio.bench.align.RestShapeCatalog} generates a deterministic catalog and queries of that
 * shape as generic JSON Lines (imported the ordinary way), and
 * {@link org.qtastudio.bench.align.QtaShapeBenchmark} runs {@link org.qtastudio.align.QtaAligner} and then
 * {@link org.qtastudio.align.RewriteEvaluator} on it, timing each phase with its tokens per second, peak
 * resident memory and the memory plan's estimate. {@code qta-studio bench qta-shape} runs it.
 * {@link org.qtastudio.bench.align.DpoPeakBenchmark} measures one DPO step's peaks beside the plan
 * ({@code qta-studio bench dpo-peak}), the check behind the plan's constants.
 */
package org.qtastudio.bench.align;
