package org.qtastudio.serve;

import org.qtastudio.retrieval.Retriever;

/**
 * One search as an agent sends it, checked once here so that every front end (MCP, HTTP) refuses the same bad input
 * with the same message.
 *
 * @param query what the agent wants to do, in its own words
 * @param k how many tools to return, 1 to {@link #MAX_K}
 * @param namespace only tools of this namespace (the catalog's category: an MCP server's name, an API's title), or
 *     null for all
 */
public record ToolSearchRequest(String query, int k, String namespace) {

    /** Tools returned when the request does not say: as many as the platforms' built-in tool search returns at most. */
    public static final int DEFAULT_K = 5;
    /** A cap that keeps one request's answer (names, descriptions and input schemas) a readable size. */
    public static final int MAX_K = 50;

    public ToolSearchRequest {
        query = Retriever.requireQuery(query);
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + MAX_K + ", got " + k);
        }
        namespace = namespace == null || namespace.isBlank() ? null : namespace.strip();
    }

    public ToolSearchRequest(String query) {
        this(query, DEFAULT_K, null);
    }
}
