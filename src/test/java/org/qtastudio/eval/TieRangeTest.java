package org.qtastudio.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qtastudio.retrieval.Hit;

class TieRangeTest {

    private static List<Hit> hits(double... scores) {
        return java.util.stream.IntStream.range(0, scores.length).mapToObj(i -> new Hit(i + 1, "t" + i, scores[i])).toList();
    }

    @Test
    void rangeCoversEveryOrderOfEqualScores() {
        List<Hit> top = hits(3, 2, 2, 2, 1);
        // gold at rank 3 ties with ranks 2 and 4: at k = 2 it can be in (best) or out (worst)
        QueryRecord tied = new QueryRecord("a", "a", List.of("t2"), new int[] {3}, top);
        // gold at rank 1 is above every tie: always in at k = 2
        QueryRecord clear = new QueryRecord("b", "b", List.of("t0"), new int[] {1}, top);
        // two tied golds but only one slot at k = 2: never both in
        QueryRecord tooMany = new QueryRecord("c", "c", List.of("t1", "t3"), new int[] {2, 4}, top);
        TieRange r = TieRange.of(List.of(tied, clear, tooMany), 2);
        assertEquals(1, r.tieSensitive());
        assertEquals(100.0 / 3, r.minPercent(), 1e-9);
        assertEquals(200.0 / 3, r.maxPercent(), 1e-9);
        // at k = 4 the whole tie group fits: nothing depends on order
        TieRange all = TieRange.of(List.of(tied, clear, tooMany), 4);
        assertEquals(0, all.tieSensitive());
        assertEquals(100.0, all.minPercent(), 1e-9);
    }
}
