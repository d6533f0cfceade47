package org.qtastudio.eval;

import java.util.List;
import org.qtastudio.retrieval.Hit;

/**
 * How much Sufficiency@k depends on the order of equal scores. Retrievers here break ties by catalog order;
 * other implementations (e.g. numpy's argsort) order them differently, so a published number can differ
 * from ours without either being wrong. For each query this finds the best and worst S@k over all tie
 * orders, from the stored top of the ranking with its scores: exact when the stored top holds the whole tie
 * group, which it always does for catalogs of up to {@link Evaluator#KEEP_ALL_UP_TO} tools (whole rankings are kept).
 */
public record TieRange(int k, int queries, int tieSensitive, double minPercent, double maxPercent) {

    /** Computes the range over records whose stored top reaches beyond k (else their S@k is taken as is). */
    public static TieRange of(List<QueryRecord> records, int k) {
        int sensitive = 0;
        int min = 0;
        int max = 0;
        for (QueryRecord r : records) {
            List<Hit> top = r.top();
            boolean actual = new Metric(Metric.Kind.S, k).of(r.goldRanks()) == 1;
            if (top.size() <= k) {
                min += actual ? 1 : 0;
                max += actual ? 1 : 0;
                continue;
            }
            double cut = top.get(k - 1).score();
            int above = 0;
            int tied = 0;
            for (Hit h : top) {
                if (h.score() > cut) {
                    above++;
                } else if (h.score() == cut) {
                    tied++;
                }
            }
            int slots = k - above;
            int goldAbove = 0;
            int goldTied = 0;
            for (int rank : r.goldRanks()) {
                double s = rank <= top.size() ? top.get(rank - 1).score() : Double.NEGATIVE_INFINITY;
                if (s > cut) {
                    goldAbove++;
                } else if (s == cut) {
                    goldTied++;
                }
            }
            boolean allInReach = goldAbove + goldTied == r.goldRanks().length;
            boolean best = allInReach && goldTied <= slots;
            boolean worst = allInReach && (goldTied == 0 || tied <= slots);
            min += worst ? 1 : 0;
            max += best ? 1 : 0;
            sensitive += best != worst ? 1 : 0;
        }
        int n = records.size();
        return new TieRange(k, n, sensitive, n == 0 ? 0 : 100.0 * min / n, n == 0 ? 0 : 100.0 * max / n);
    }
}
