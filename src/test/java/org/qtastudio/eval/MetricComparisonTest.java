package org.qtastudio.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricComparisonTest {

    private static QueryRecord rec(String key, int... ranks) {
        List<String> gold = new ArrayList<>();
        for (int i = 0; i < ranks.length; i++) {
            gold.add("t" + i);
        }
        return new QueryRecord(key, "q " + key, gold, ranks, List.of());
    }

    @Test
    void identicalRunsTieEverywhereAndAreNotSignificant() {
        List<QueryRecord> a = List.of(rec("q1", 1), rec("q2", 7), rec("q3", 2, 3));
        MetricComparison c = MetricComparison.compare(a, a, Metric.parse("S@5"), 1000, 1);
        assertEquals(3, c.ties());
        assertEquals(0, c.wins() + c.losses());
        assertEquals(1.0, c.pValue(), 1e-12);
    }

    @Test
    void countsWinsTiesLossesAndMatchesByKey() {
        List<QueryRecord> a = List.of(rec("q1", 1), rec("q2", 7), rec("q3", 2), rec("only-a", 1));
        List<QueryRecord> b = List.of(rec("q3", 9), rec("q2", 1), rec("q1", 1), rec("only-b", 1));
        MetricComparison c = MetricComparison.compare(a, b, Metric.parse("S@5"), 1000, 1);
        assertEquals(3, c.paired());
        assertEquals(1, c.wins());
        assertEquals(1, c.ties());
        assertEquals(1, c.losses());
        assertEquals(1, c.onlyInA());
        assertEquals(1, c.onlyInB());
        assertEquals(200.0 / 3, c.meanA(), 1e-9);
        assertEquals(200.0 / 3, c.meanB(), 1e-9);
    }

    @Test
    void runsWithoutCommonQueriesAreRefused() {
        String message = assertThrows(IllegalArgumentException.class, () -> MetricComparison.compare(
                List.of(rec("rest-1", 1)), List.of(rec("meta-1", 1)), Metric.MRR, 100, 1)).getMessage();
        assertTrue(message.contains("share no queries"), message);
    }

    @Test
    void pValueMatchesExactSignFlipDistribution() {
        // differences +1 on 5 queries: of the 32 sign assignments only 2 (all + or all -) reach |sum| = 5, so p = 1/16
        double[] a = {1, 1, 1, 1, 1};
        double[] b = {0, 0, 0, 0, 0};
        double p = PairedRandomizationTest.pValue(a, b, 200_000, 7);
        assertEquals(1.0 / 16, p, 0.003);
        assertEquals(p, PairedRandomizationTest.pValue(a, b, 200_000, 7), 0.0, "same seed, same p");
    }

    @Test
    void consistentImprovementOverManyQueriesIsSignificant() {
        double[] a = new double[40];
        double[] b = new double[40];
        for (int i = 0; i < 40; i++) {
            a[i] = i % 4 == 0 ? 0 : 1;
            b[i] = i % 4 == 0 ? 1 : 0;
        }
        assertTrue(PairedRandomizationTest.pValue(a, b, 10_000, 3) < 0.01);
        assertTrue(PairedRandomizationTest.pValue(b, a, 10_000, 3) < 0.01);
    }
}
