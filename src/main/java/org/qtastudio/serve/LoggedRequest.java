package org.qtastudio.serve;

import java.time.Instant;
import java.util.List;

/**
 * One answered request as the query log keeps it.
 *
 * @param servedAt when the answer was sent
 * @param query the query as the agent sent it (stripped)
 * @param configuration what answered ({@link ToolSearch#describe()})
 * @param k how many tools were asked for
 * @param namespace the namespace the tools were limited to, or null
 * @param rewrite the rewrite the tools were ranked with, or null
 * @param fallback why the configured rewriter was not used, or null
 * @param micros how long the search took
 * @param toolKeys the returned tools' keys, best first
 */
public record LoggedRequest(Instant servedAt, String query, String configuration, int k, String namespace, String rewrite,
                            String fallback, long micros, List<String> toolKeys) {

    public LoggedRequest {
        toolKeys = List.copyOf(toolKeys);
    }

    /** The log entry for {@code response}, answered now by {@code configuration}. */
    static LoggedRequest of(ToolSearchRequest request, ToolSearchResponse response, String configuration) {
        return new LoggedRequest(Instant.now(), request.query(), configuration, request.k(), request.namespace(),
                response.rewrite(), response.fallback(), response.micros(), response.tools().stream().map(ServedTool::key).toList());
    }
}
