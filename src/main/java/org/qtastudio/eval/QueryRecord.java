package org.qtastudio.eval;

import java.util.List;
import org.qtastudio.retrieval.Hit;

/**
 * What an evaluation keeps per query: the gold tools with the rank each got (enough to recompute every
 * metric and to compare runs query by query) and the top of the ranking (for TREC export and inspection).
 *
 * @param goldRanks 1-based rank of {@code gold.get(i)} in the full ranking
 */
public record QueryRecord(String key, String text, List<String> gold, int[] goldRanks, List<Hit> top) {

    public QueryRecord {
        gold = List.copyOf(gold);
        if (goldRanks.length != gold.size()) {
            throw new IllegalArgumentException("one rank per gold tool expected");
        }
        top = List.copyOf(top);
    }

    public double value(Metric metric) {
        return metric.of(goldRanks);
    }

    /** The smallest k at which all gold tools are in the top k (QTA's default ranking function; lower is better). */
    public int sufficientDepth() {
        int worst = 0;
        for (int r : goldRanks) {
            worst = Math.max(worst, r);
        }
        return worst;
    }
}
