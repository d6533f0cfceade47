/**
 * Measuring retrievers on annotated queries: per-query records, the metrics of QTA and the MTRB paper
 * (Sufficiency@k, Recall@k, NDCG@k, MRR), stored evaluation runs, comparisons of two runs with a paired
 * test, and exports. It may use {@code retrieval}, {@code catalog}, {@code store} and {@code common}.
 *
 * <h2>Entry points</h2>
 * <ul>
 * <li>{@link org.qtastudio.eval.EvalService#evaluate}: the use case the window, the command line and the
 *     MTRB regression share: open the retriever, rank every query, measure, store the run.</li>
 * <li>{@link org.qtastudio.eval.Evaluator}: ranks queries with any
 *     {@link org.qtastudio.retrieval.Retriever} into an {@link org.qtastudio.eval.EvalResult} without
 *     storing it.</li>
 * <li>{@link org.qtastudio.eval.EvalRunStore}: stored {@link org.qtastudio.eval.EvalRun}s and their
 *     {@link org.qtastudio.eval.QueryRecord}s.</li>
 * <li>{@link org.qtastudio.eval.MetricComparison#compare} with
 *     {@link org.qtastudio.eval.PairedRandomizationTest}; {@link org.qtastudio.eval.TieRange} for how much
 *     S@k depends on the order of equal scores.</li>
 * <li>{@link org.qtastudio.eval.RunExport} (CSV, TREC run, qrels) and
 *     {@link org.qtastudio.eval.ReportTable} (Markdown, CSV), with {@link org.qtastudio.eval.Csv} guarding
 *     cells against formula injection.</li>
 * </ul>
 *
 * <h2>Adding a metric</h2>
 * Add a {@link org.qtastudio.eval.Metric.Kind}, its formula in
 * {@link org.qtastudio.eval.Metric#of(int[])} and its label in
 * {@link org.qtastudio.eval.Metric#parse}. A metric is a function of the gold tools' ranks, which every
 * {@link org.qtastudio.eval.QueryRecord} stores, so stored runs can be measured with it too.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>A run and its per-query records are stored in one transaction, after every query is ranked; an
 *     evaluation stopped by a cancel stores nothing.</li>
 * <li>Queries without gold are excluded and counted, never scored as zero; runs record the retriever's
 *     spec and the catalog's tools fingerprint so they can be understood and repeated.</li>
 * </ul>
 */
package org.qtastudio.eval;
