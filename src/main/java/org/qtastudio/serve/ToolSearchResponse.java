package org.qtastudio.serve;

import java.util.List;

/**
 * The answer to one {@link ToolSearchRequest}.
 *
 * @param query the query as received
 * @param rewrite the aligned rewriter's rewrite the tools were ranked with (alone or fused with the query), or null
 *     when none was used
 * @param fallback why a configured rewriter was not used for this request (over the latency budget, an empty
 *     rewrite, an error), or null
 * @param tools the ranked tools, best first, at most k
 * @param micros wall time of the search, in microseconds
 */
public record ToolSearchResponse(String query, String rewrite, String fallback, List<ServedTool> tools, long micros) {

    public ToolSearchResponse {
        tools = List.copyOf(tools);
    }
}
