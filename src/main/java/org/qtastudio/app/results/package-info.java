/**
 * The Results screen: a "before" run against an "after" run of the same queries, by default the original
 * and rewritten runs of the latest rewrite evaluation, to see what a rewriter changed and why.
 *
 * <ul>
 * <li>{@link org.qtastudio.app.results.ResultsViewModel}: the catalog's runs, the chosen pair, their
 *     {@link org.qtastudio.app.results.BeforeAfter} (one {@link org.qtastudio.eval.MetricComparison} per metric
 *     and a {@link org.qtastudio.app.results.QueryChange} per query), the {@link org.qtastudio.app.results.Change}
 *     filter and the query in the detail pane.</li>
 * <li>{@link org.qtastudio.app.results.ResultsView} binds it; {@link org.qtastudio.app.results.RankChangeChart}
 *     plots each query's worst gold rank before against after on log axes.</li>
 * <li>{@link org.qtastudio.app.results.SharedWords} marks the words a query shares with its gold tools'
 *     documents, compared as the default BM25 analyses them.</li>
 * <li>{@link org.qtastudio.app.results.BeforeAfterExport} writes the comparison query by query as JSON Lines
 *     or CSV.</li>
 * </ul>
 * Reading and comparing runs and exporting run in tasks; answers for a pair the user has since left are
 * dropped. Improved, worsened and unchanged are judged by one rule, the worst gold rank (QTA's ranking
 * function), shared by the table filter, the chart's colours and the export.
 */
package org.qtastudio.app.results;
