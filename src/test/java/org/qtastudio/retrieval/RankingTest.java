package org.qtastudio.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RankingTest {

    private final ToolKeys keys = new ToolKeys(List.of("a", "b", "c", "d", "e"));

    @Test
    void equalScoresFollowCatalogOrder() {
        Ranking r = Ranking.byScore(keys, new double[] {0.5, 0.9, 0.5, 0.9, 0});
        assertEquals(List.of("b", "d", "a", "c", "e"), r.top(10).stream().map(Hit::key).toList());
        assertEquals(3, r.rankOf("a"));
        assertEquals(5, r.rankOf("e"));
        assertEquals(2, r.top(2).size());
        assertThrows(IllegalArgumentException.class, () -> r.rankOf("zzz"));
    }

    @Test
    void boundedHeapAgreesWithFullSortIncludingTies() {
        Random random = new Random(5);
        int n = 2000;
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextInt(50); // many ties
        }
        ToolKeys many = new ToolKeys(java.util.stream.IntStream.range(0, n).mapToObj(i -> "t" + i).toList());
        TopK heap = new TopK(25);
        for (int i = n - 1; i >= 0; i--) {
            heap.offer(i, scores[i]);
        }
        assertEquals(Ranking.byScore(many, scores).top(25), heap.hits(many));
    }

    @Test
    void aPartialRankingReturnsThePositiveScoresOnly() {
        Ranking r = Ranking.byScore(keys, new double[] {0, 2, 0, 1, 0}).positiveOnly();
        assertEquals(2, r.returned());
        assertEquals(5, r.size());
        assertEquals(List.of("b", "d"), r.top(10).stream().map(Hit::key).toList());
        assertEquals(2, r.rankOf("d"));
        assertEquals(Ranking.NOT_RETURNED, r.rankOf("a"));
        assertEquals(Ranking.NOT_RETURNED, r.rankOf("e"));
        Ranking complete = Ranking.byScore(keys, new double[] {1, 2, 3, 4, 5});
        assertEquals(complete, complete.positiveOnly());
        assertEquals(0, Ranking.byScore(keys, new double[5]).positiveOnly().top(10).size());
    }

    @Test
    void fusionGivesNothingForAToolARankingDidNotReturn() {
        Ranking a = Ranking.byScore(keys, new double[] {3, 0, 0, 0, 1}).positiveOnly(); // a e
        Ranking b = Ranking.byScore(keys, new double[] {0, 2, 0, 0, 0}).positiveOnly(); // b
        Ranking fused = FusionRetriever.fuse(a, b, 60);
        assertEquals(List.of("a", "b", "e"), fused.top(5).stream().map(Hit::key).toList(), "a and b tie at 1/61: catalog order");
        assertEquals(1.0 / 62, fused.hit(2).score(), 1e-15);
        assertEquals(Ranking.NOT_RETURNED, fused.rankOf("c"));
        // fused with a complete ranking every tool is returned
        assertEquals(5, FusionRetriever.fuse(a, Ranking.byScore(keys, new double[] {1, 2, 3, 4, 5}), 60).returned());
    }

    @Test
    void fusionAddsReciprocalRanks() {
        Ranking a = Ranking.byScore(keys, new double[] {5, 4, 3, 2, 1}); // a b c d e
        Ranking b = Ranking.byScore(keys, new double[] {1, 2, 3, 4, 5}); // e d c b a
        Ranking fused = FusionRetriever.fuse(a, b, 60);
        // every tool gets 1/(60+r) + 1/(66-r), largest at the extremes (1/61 + 1/65), smallest for c (2/63);
        // a and e tie, as do b and d, and keep catalog order
        assertEquals(List.of("a", "e", "b", "d", "c"), fused.top(5).stream().map(Hit::key).toList());
        assertEquals(1.0 / 61 + 1.0 / 65, fused.hit(0).score(), 1e-15);
        assertEquals(2.0 / 63, fused.hit(4).score(), 1e-15);
    }
}
