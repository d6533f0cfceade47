package org.qtastudio.serve;

/**
 * A tool search that front ends serve: the MCP server's {@code search_tools}, the HTTP API's
 * {@code POST /v1/tool-search}. Implementations are safe for concurrent use: servers call them from many threads.
 */
public interface ToolSearch extends AutoCloseable {

    /** The ranked tools for one request. Bad input throws {@link IllegalArgumentException} with a message for the agent. */
    ToolSearchResponse search(ToolSearchRequest request);

    /** One line saying what is served: catalog, retriever and rewriter, for logs, the Serve panel and {@code /v1/info}. */
    String describe();

    @Override
    void close();
}
