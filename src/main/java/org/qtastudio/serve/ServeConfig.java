package org.qtastudio.serve;

import java.time.Duration;
import java.util.Objects;
import org.qtastudio.retrieval.RetrieverSpec;

/**
 * What a {@link ToolSearchService} serves: one catalog's tools ranked by a retriever, optionally after an aligned
 * rewriter rewrote the query.
 *
 * @param catalog the catalog's name
 * @param retriever how the catalog is ranked
 * @param alignRun a completed alignment run whose adapter rewrites each query, or null to serve the retriever alone
 * @param rewriteUse how a rewrite ranks the tools (ignored without {@code alignRun})
 * @param latencyBudget how long a request waits for the rewriter before it is answered without a rewrite, or null
 *     to always wait
 * @param logQueries whether each served query is stored in the workspace (off unless asked for: the queries are the
 *     agents' users' words)
 */
public record ServeConfig(String catalog, RetrieverSpec retriever, Long alignRun, RewriteUse rewriteUse,
                          Duration latencyBudget, boolean logQueries) {

    /** How the aligned rewriter's rewrite ranks the tools. */
    public enum RewriteUse {
        /** The rewrite alone is ranked (what QTA trains the rewriter for). */
        rewrite,
        /** Reciprocal rank fusion of the query's and the rewrite's rankings, as the rewrite evaluation's fused run. */
        fusion
    }

    public ServeConfig {
        if (catalog == null || catalog.isBlank()) {
            throw new IllegalArgumentException("serving needs a catalog name");
        }
        Objects.requireNonNull(retriever, "retriever");
        rewriteUse = rewriteUse == null ? RewriteUse.rewrite : rewriteUse;
        if (latencyBudget != null && (latencyBudget.isNegative() || latencyBudget.isZero())) {
            throw new IllegalArgumentException("the latency budget must be positive, got " + latencyBudget.toMillis() + " ms");
        }
    }

    /** The catalog ranked by {@code retriever} alone, nothing logged. */
    public static ServeConfig retrieverOnly(String catalog, RetrieverSpec retriever) {
        return new ServeConfig(catalog, retriever, null, RewriteUse.rewrite, null, false);
    }
}
