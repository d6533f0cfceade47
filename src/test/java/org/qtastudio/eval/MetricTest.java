package org.qtastudio.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed values: log2(2) = 1, log2(3) = 1.5849625, log2(4) = 2. */
class MetricTest {

    private static final double EPS = 1e-9;
    private static final double INV_LOG2_3 = 1 / (Math.log(3) / Math.log(2));

    @Test
    void sufficiencyNeedsEveryGoldToolInTopK() {
        assertEquals(0, Metric.parse("S@2").of(new int[] {1, 3}), EPS);
        assertEquals(1, Metric.parse("S@3").of(new int[] {1, 3}), EPS);
        assertEquals(1, Metric.parse("S@5").of(new int[] {2}), EPS);
    }

    @Test
    void recallCountsGoldToolsInTopK() {
        assertEquals(0.5, Metric.parse("R@2").of(new int[] {1, 3}), EPS);
        assertEquals(2.0 / 3, Metric.parse("R@3").of(new int[] {4, 1, 2}), EPS);
    }

    @Test
    void ndcgIsBinaryWithIdealOverMinOfKAndGoldSize() {
        // gold at 1 and 3, k = 2: DCG = 1, IDCG = 1 + 1/log2(3)
        assertEquals(1 / (1 + INV_LOG2_3), Metric.parse("NDCG@2").of(new int[] {1, 3}), EPS);
        // one gold at 2, k = 5: IDCG over min(5, 1) = 1 position
        assertEquals(INV_LOG2_3, Metric.parse("N@5").of(new int[] {2}), EPS);
        // gold at 4, 1, 2 with k = 3: DCG = 1 + 1/log2(3), IDCG = 1 + 1/log2(3) + 1/2
        assertEquals((1 + INV_LOG2_3) / (1 + INV_LOG2_3 + 0.5), Metric.parse("ndcg@3").of(new int[] {4, 1, 2}), EPS);
        assertEquals(0, Metric.parse("NDCG@5").of(new int[] {6}), EPS);
    }

    @Test
    void reciprocalRankUsesBestGoldWithoutCutoff() {
        assertEquals(1.0 / 6, Metric.MRR.of(new int[] {6}), EPS);
        assertEquals(0.5, Metric.MRR.of(new int[] {7, 2}), EPS);
    }

    @Test
    void sufficientDepthIsTheWorstGoldRank() {
        QueryRecord r = new QueryRecord("q", "q", List.of("a", "b"), new int[] {3, 7}, List.of());
        assertEquals(7, r.sufficientDepth());
        assertEquals(1, Metric.parse("S@7").of(new int[] {3, 7}), EPS);
        assertEquals(0, Metric.parse("S@6").of(new int[] {3, 7}), EPS);
    }

    @Test
    void kLargerThanCatalogIsFine() {
        assertEquals(1, Metric.parse("S@100").of(new int[] {1, 2}), EPS);
        assertEquals(1, Metric.parse("NDCG@100").of(new int[] {1, 2}), EPS);
    }

    @Test
    void labelsAndOrderMatchReports() {
        assertEquals(List.of("S@5", "S@10", "NDCG@5", "NDCG@10", "R@5", "R@10", "MRR"),
                Metric.standard(List.of(5, 10)).stream().map(Metric::label).toList());
        assertThrows(IllegalArgumentException.class, () -> Metric.parse("P@5"));
        assertThrows(IllegalArgumentException.class, () -> Metric.parse("S@0"));
        assertThrows(IllegalArgumentException.class, () -> Metric.MRR.of(new int[0]));
    }
}
