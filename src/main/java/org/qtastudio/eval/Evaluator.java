package org.qtastudio.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.common.Progress;
import org.qtastudio.retrieval.Ranking;
import org.qtastudio.retrieval.Retriever;

/** Runs a retriever over annotated queries and records where each gold tool landed. */
public final class Evaluator {

    /** Hits kept per query for export in large catalogs (at least the largest cutoff). */
    public static final int KEEP_TOP = 100;
    /** Catalogs up to this size keep whole rankings, so tie analysis and TREC export see every tool. */
    public static final int KEEP_ALL_UP_TO = 1_000;

    private Evaluator() {
    }

    /**
     * Evaluates {@code retriever} on {@code queries}; queries with no gold tools are counted and left out.
     *
     * @param openMillis time already spent opening the retriever, added to the wall time
     */
    public static EvalResult evaluate(Retriever retriever, List<UserQuery> queries, List<Integer> ks, long openMillis, Progress progress) {
        List<Integer> cutoffs = checkCutoffs(ks);
        long start = System.nanoTime();
        List<UserQuery> labelled = queries.stream().filter(q -> !q.gold().isEmpty()).toList();
        List<Ranking> rankings = retriever.rankAll(labelled.stream().map(UserQuery::text).toList(), progress);
        int catalogSize = retriever.tools().size();
        int keep = catalogSize <= KEEP_ALL_UP_TO ? catalogSize : Math.max(KEEP_TOP, cutoffs.getLast());
        List<QueryRecord> records = new ArrayList<>(labelled.size());
        for (int i = 0; i < labelled.size(); i++) {
            UserQuery q = labelled.get(i);
            Ranking ranking = rankings.get(i);
            int[] ranks = q.gold().stream().mapToInt(ranking::rankOf).toArray();
            records.add(new QueryRecord(q.key(), q.text(), q.gold(), ranks, ranking.top(keep)));
        }
        long wall = openMillis + (System.nanoTime() - start) / 1_000_000;
        return new EvalResult(retriever.spec(), cutoffs, records, queries.size() - labelled.size(), retriever.tools().size(),
                wall, retriever.warnings());
    }

    /** Distinct positive cutoffs, ascending. */
    public static List<Integer> checkCutoffs(List<Integer> ks) {
        if (ks == null || ks.isEmpty()) {
            throw new IllegalArgumentException("give at least one cutoff k (e.g. --k 5,10)");
        }
        for (int k : ks) {
            if (k < 1) {
                throw new IllegalArgumentException("cutoffs must be at least 1, got " + k);
            }
        }
        return List.copyOf(new TreeSet<>(ks));
    }

    /** Mean of a metric over records, in percent; 0 when there are none. */
    public static double meanPercent(List<QueryRecord> records, Metric metric) {
        if (records.isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (QueryRecord r : records) {
            sum += r.value(metric);
        }
        return 100 * sum / records.size();
    }
}
