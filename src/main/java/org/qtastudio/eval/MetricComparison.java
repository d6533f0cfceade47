package org.qtastudio.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two runs compared query by query on one metric: how often A beats, ties or loses to B, the mean of each,
 * and the paired randomization test's p-value for the difference. Queries are matched by key; those only
 * one run evaluated are counted and left out; runs without a query in common are refused.
 */
public record MetricComparison(Metric metric, int paired, int wins, int ties, int losses, double meanA, double meanB,
                            double pValue, int onlyInA, int onlyInB) {

    public static MetricComparison compare(List<QueryRecord> a, List<QueryRecord> b, Metric metric, int iterations, long seed) {
        Map<String, QueryRecord> byKey = new LinkedHashMap<>();
        for (QueryRecord r : b) {
            byKey.put(r.key(), r);
        }
        List<Double> va = new ArrayList<>();
        List<Double> vb = new ArrayList<>();
        int wins = 0;
        int ties = 0;
        int losses = 0;
        int onlyInA = 0;
        for (QueryRecord ra : a) {
            QueryRecord rb = byKey.remove(ra.key());
            if (rb == null) {
                onlyInA++;
                continue;
            }
            double x = ra.value(metric);
            double y = rb.value(metric);
            va.add(x);
            vb.add(y);
            int c = Double.compare(x, y);
            if (c > 0) {
                wins++;
            } else if (c < 0) {
                losses++;
            } else {
                ties++;
            }
        }
        if (va.isEmpty()) {
            throw new IllegalArgumentException("the two runs share no queries (queries are matched by key; were they run on different catalogs?)");
        }
        double[] xa = va.stream().mapToDouble(Double::doubleValue).toArray();
        double[] xb = vb.stream().mapToDouble(Double::doubleValue).toArray();
        return new MetricComparison(metric, xa.length, wins, ties, losses, percentMean(xa), percentMean(xb),
                PairedRandomizationTest.pValue(xa, xb, iterations, seed), onlyInA, byKey.size());
    }

    private static double percentMean(double[] v) {
        if (v.length == 0) {
            return 0;
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return 100 * s / v.length;
    }
}
