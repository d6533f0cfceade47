package org.qtastudio.app.baselines;

import java.util.ArrayList;
import java.util.List;
import org.qtastudio.eval.Metric;
import org.qtastudio.eval.QueryRecord;
import org.qtastudio.retrieval.Ranking;

/**
 * One query of a run as the per-query table shows it: its gold tools, the rank each got, the worst of them
 * (the depth at which all gold tools are retrieved) and whether all are in the top 10.
 */
public record QueryRow(String key, String text, String goldTools, String goldRanks, int worstRank, boolean sufficientAt10) {

    /** The cutoff of the table's sufficiency column. */
    public static final Metric S_AT_10 = new Metric(Metric.Kind.S, 10);

    public static QueryRow of(QueryRecord record) {
        List<String> ranks = new ArrayList<>();
        for (int r : record.goldRanks()) {
            ranks.add(Ranking.describe(r));
        }
        return new QueryRow(record.key(), record.text(), String.join(", ", record.gold()), String.join(", ", ranks),
                record.sufficientDepth(), record.value(S_AT_10) == 1);
    }
}
