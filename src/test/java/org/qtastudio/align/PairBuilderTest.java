package org.qtastudio.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Ranking functions and pair building on hand-computed rankings. */
class PairBuilderTest {

    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    private static Candidate original(int... ranks) {
        return new Candidate("original", true, ranks);
    }

    private static Candidate rewrite(String text, int... ranks) {
        return new Candidate(text, false, ranks);
    }

    @Test
    void sufficiencyRankIsTheWorstGoldRankAndTiesGoToNdcg() {
        RankingFunction f = new RankingFunction.SufficiencyRank();
        // gold at 1 and 3: k = 3; NDCG@10 = (1 + 1/log2(4)) / (1 + 1/log2(3))
        RankingFunction.Score s = f.score(new int[] {1, 3});
        assertEquals(-3, s.primary());
        assertEquals((1 + 0.5) / (1 + 1 / LOG2_3), s.tieBreak(), 1e-12);
        // same k = 3 with gold at 2 and 3 has lower NDCG, so it loses the tie
        assertTrue(f.score(new int[] {1, 3}).compareTo(f.score(new int[] {2, 3})) > 0);
        // a smaller k always wins, whatever the NDCG
        assertTrue(f.score(new int[] {2, 2}).compareTo(f.score(new int[] {1, 3})) > 0);
    }

    @Test
    void ndcgCountsOnlyTheTopKAndNormalisesByMinKAndGoldSize() {
        RankingFunction f = new RankingFunction.Ndcg(5);
        assertEquals(1.0, f.score(new int[] {2, 1}).primary(), 1e-12);
        // one of three gold in the top 5, at rank 1: DCG 1, IDCG 1 + 1/log2(3) + 1/2
        assertEquals(1 / (1 + 1 / LOG2_3 + 0.5), f.score(new int[] {1, 6, 9}).primary(), 1e-12);
        assertEquals(0.0, f.score(new int[] {6}).primary());
        assertEquals("ndcg@5", f.id());
    }

    @Test
    void reciprocalRankSumAddsEveryGoldTool() {
        assertEquals(1 + 0.25 + 0.1, new RankingFunction.ReciprocalRankSum().score(new int[] {1, 4, 10}).primary(), 1e-12);
    }

    @Test
    void chosenIsBestAndRejectedIsWorst() {
        PairBuilder builder = new PairBuilder(new RankingFunction.SufficiencyRank());
        Candidate orig = original(4, 9);
        Candidate good = rewrite("good", 1, 2);
        Candidate bad = rewrite("bad", 3, 30);
        PairBuilder.Pair pair = builder.build(List.of(orig, good, bad, rewrite("mid", 2, 5))).orElseThrow();
        assertEquals("good", pair.chosen().text());
        assertEquals("bad", pair.rejected().text());
        assertEquals(-2, pair.chosenScore().primary());
        assertEquals(-30, pair.rejectedScore().primary());
    }

    @Test
    void theOriginalQueryCanWin() {
        PairBuilder builder = new PairBuilder(new RankingFunction.SufficiencyRank());
        PairBuilder.Pair pair = builder.build(List.of(original(1), rewrite("a", 7), rewrite("b", 3))).orElseThrow();
        assertTrue(pair.chosen().original());
        assertEquals("a", pair.rejected().text());
    }

    @Test
    void allTiedYieldsNoPairAndPartialTiesKeepCandidateOrder() {
        PairBuilder builder = new PairBuilder(new RankingFunction.SufficiencyRank());
        assertTrue(builder.build(List.of(original(2, 5), rewrite("a", 5, 2), rewrite("b", 2, 5))).isEmpty());
        assertTrue(builder.build(List.of(original(3))).isEmpty(), "a single candidate cannot make a pair");
        // "a" and "b" tie for best: the first in candidate order is chosen
        PairBuilder.Pair pair = builder.build(List.of(original(9), rewrite("a", 1), rewrite("b", 1))).orElseThrow();
        assertEquals("a", pair.chosen().text());
        assertTrue(pair.rejected().original());
    }

    @Test
    void parsesSettingsAndRejectsNonsense() {
        assertEquals(new RankingFunction.SufficiencyRank(), RankingFunction.parse("sufficiency-rank"));
        assertEquals(new RankingFunction.Ndcg(10), RankingFunction.parse("NDCG@10"));
        assertEquals(new RankingFunction.ReciprocalRankSum(), RankingFunction.parse("rr-sum"));
        assertThrows(IllegalArgumentException.class, () -> RankingFunction.parse("ndcg@x"));
        assertThrows(IllegalArgumentException.class, () -> RankingFunction.parse("best"));
        assertThrows(IllegalArgumentException.class, () -> new Candidate("x", false, new int[0]));
    }
}
