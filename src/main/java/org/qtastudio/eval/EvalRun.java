package org.qtastudio.eval;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.qtastudio.retrieval.RetrieverSpec;

/**
 * A stored evaluation run: what was evaluated, how, and the resulting metrics (percent, report order).
 *
 * @param split the evaluated split, or null for all queries
 * @param queries what was searched with: {@link EvalRunStore#ORIGINAL_QUERIES}, or a description of rewrites
 */
public record EvalRun(long id, String catalogName, String split, RetrieverSpec spec, List<Integer> ks,
                      Map<String, Double> metrics, int queryCount, int excluded, int toolCount, String toolsFingerprint,
                      long wallMillis, Instant createdAt, String queries) {
}
