package org.qtastudio.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qtastudio.retrieval.RetrieverSpec;

/**
 * The outcome of evaluating one retriever on a set of queries, before or after it is stored.
 *
 * @param excluded queries left out because they have no gold tools
 * @param wallMillis time taken, opening the retriever (indexing, embedding) included
 * @param warnings notes from the retriever, e.g. truncated queries
 */
public record EvalResult(RetrieverSpec spec, List<Integer> ks, List<QueryRecord> records, int excluded, int toolCount,
                         long wallMillis, List<String> warnings) {

    public EvalResult {
        ks = List.copyOf(ks);
        records = List.copyOf(records);
        warnings = List.copyOf(warnings);
    }

    /** The mean of a metric over the evaluated queries, in percent (0 when there are none). */
    public double mean(Metric metric) {
        return Evaluator.meanPercent(records, metric);
    }

    /** All standard metrics for this result's cutoffs, labelled and in report order, in percent. */
    public Map<String, Double> metrics() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Metric m : Metric.standard(ks)) {
            out.put(m.label(), mean(m));
        }
        return out;
    }
}
