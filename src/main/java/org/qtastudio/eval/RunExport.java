package org.qtastudio.eval;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.qtastudio.retrieval.Hit;
import org.qtastudio.retrieval.Ranking;

/** Writes a run's per-query records as CSV (one row per query) or as a TREC run file (one line per ranked tool). */
public final class RunExport {

    private RunExport() {
    }

    /**
     * Columns: query key, query, gold keys and their ranks ({@code |}-separated; "not returned" where a partial ranking
     * left the tool out), then every standard metric (0-1).
     */
    public static void csv(EvalRun run, List<QueryRecord> records, PrintWriter out) {
        List<Metric> metrics = Metric.standard(run.ks());
        StringBuilder header = new StringBuilder("query_key,query,gold,gold_ranks");
        metrics.forEach(m -> header.append(',').append(m.label()));
        out.println(header);
        for (QueryRecord r : records) {
            StringBuilder row = new StringBuilder();
            row.append(Csv.cell(r.key())).append(',').append(Csv.cell(r.text())).append(',')
                    .append(Csv.cell(String.join("|", r.gold()))).append(',')
                    .append(Csv.cell(java.util.Arrays.stream(r.goldRanks()).mapToObj(Ranking::describe)
                            .reduce((x, y) -> x + "|" + y).orElse("")));
            for (Metric m : metrics) {
                row.append(',').append(String.format(Locale.ROOT, "%.6f", r.value(m)));
            }
            out.println(row);
        }
        out.flush();
    }

    /**
     * TREC run format: {@code qid Q0 docid rank score tag}, with the stored top of each ranking. TREC ids cannot
     * hold whitespace, so whitespace in query and tool keys becomes {@code _} (e.g. {@code GET_/movie/{movie_id}}).
     */
    public static void trec(EvalRun run, List<QueryRecord> records, PrintWriter out) {
        String tag = "qta-run-" + run.id();
        for (QueryRecord r : records) {
            for (Hit h : r.top()) {
                out.printf(Locale.ROOT, "%s Q0 %s %d %.6f %s%n", trecId(r.key()), trecId(h.key()), h.rank(), h.score(), tag);
            }
        }
        out.flush();
    }

    /** A TREC qrels file for the same ids: {@code qid 0 docid 1} per gold tool, so trec_eval can check the run. */
    public static void qrels(List<QueryRecord> records, PrintWriter out) {
        for (QueryRecord r : records) {
            for (String g : r.gold()) {
                out.printf("%s 0 %s 1%n", trecId(r.key()), trecId(g));
            }
        }
        out.flush();
    }

    static String trecId(String key) {
        return key.strip().replaceAll("\\s+", "_");
    }
}
