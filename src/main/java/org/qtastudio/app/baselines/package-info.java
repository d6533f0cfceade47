/**
 * The Baselines screen: configure a retriever, evaluate it on a catalog's labelled queries, and compare
 * stored runs.
 *
 * <ul>
 * <li>{@link org.qtastudio.app.baselines.BaselinesViewModel}: the form, the runs of the catalog (newest
 *     first), the per-query ranks of the selected run ({@link org.qtastudio.app.baselines.QueryRow}) and the
 *     paired comparison of two selected runs ({@link org.qtastudio.eval.MetricComparison}).
 *     {@link org.qtastudio.app.baselines.BaselinesViewModel#runEvaluation()} runs
 *     {@link org.qtastudio.eval.EvalService#evaluate} in a task with progress and cancel.</li>
 * <li>{@link org.qtastudio.app.baselines.RetrieverSettings}: the retriever form as properties, kept as
 *     typed and turned into a {@link org.qtastudio.retrieval.RetrieverSpec} only when a run starts;
 *     {@link org.qtastudio.app.baselines.RetrieverKind} lists the retrievers it offers (a new retriever is
 *     added there and in this class); {@link org.qtastudio.app.baselines.EvalScope} chooses the
 *     queries.</li>
 * <li>{@link org.qtastudio.app.baselines.BaselinesView} binds them (Alt+R runs, Esc cancels);
 *     {@link org.qtastudio.app.baselines.RetrieverForm} is the retriever form it shares with the Serve screen.</li>
 * </ul>
 * Every service call runs in a task; answers for a selection the user has since left are dropped.
 */
package org.qtastudio.app.baselines;
