package org.qtastudio.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qtastudio.eval.Metric;
import org.qtastudio.eval.QueryRecord;

/**
 * A finished cell's numbers, stored with the cell and recomputable from the per-query ranks of its three linked
 * evaluation runs: the reported metrics (percent) of the original queries, the rewrites and their fusion, and how
 * many rewrites were empty or fell back to the original text.
 *
 * @param metrics system ({@link #SYSTEMS}) → metric label ({@link #METRICS}) → percent
 * @param fallbacks queries whose rewrite is the original text (the model wrote nothing, or the query itself)
 * @param alignSeconds wall time of the cell's alignment run (0 for the base model)
 * @param trainingQueries queries the alignment trained on (0 for the base model)
 * @param evalSeconds wall time of the rewrite evaluation
 */
public record CellResult(int queries, int fallbacks, Map<String, Map<String, Double>> metrics, double alignSeconds,
                         int trainingQueries, double evalSeconds) {

    /** The three query sides of a rewrite evaluation, in report order. */
    public static final List<String> SYSTEMS = List.of("original", "rewrite", "fusion");

    /** The reported metrics, in report order. */
    public static final List<Metric> METRICS = List.of(Metric.parse("S@5"), Metric.parse("S@10"), Metric.parse("NDCG@10"),
            Metric.parse("R@10"), Metric.MRR);

    /** The numbers of one cell from its runs' records (matched by position: the three runs evaluate the same queries). */
    public static CellResult of(List<QueryRecord> original, List<QueryRecord> rewrite, List<QueryRecord> fusion,
                                double alignSeconds, int trainingQueries, double evalSeconds) {
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        List<List<QueryRecord>> sides = List.of(original, rewrite, fusion);
        for (int i = 0; i < SYSTEMS.size(); i++) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (Metric metric : METRICS) {
                m.put(metric.label(), 100 * mean(values(sides.get(i), metric)));
            }
            metrics.put(SYSTEMS.get(i), m);
        }
        int fallbacks = 0;
        for (int q = 0; q < original.size(); q++) {
            if (rewrite.get(q).text().equals(original.get(q).text())) {
                fallbacks++;
            }
        }
        return new CellResult(original.size(), fallbacks, metrics, alignSeconds, trainingQueries, evalSeconds);
    }

    /** Per-query values of {@code metric}, in record order. */
    public static double[] values(List<QueryRecord> records, Metric metric) {
        return records.stream().mapToDouble(r -> r.value(metric)).toArray();
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }
}
