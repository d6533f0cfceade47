package org.qtastudio.app.serve;

import org.qtastudio.serve.ServeConfig;

/**
 * What one Start of the Serve screen serves, checked: the tool search and where its front ends listen. Both front
 * ends serve the same search, so an agent gets the same tools from either.
 *
 * @param config the tool search: catalog, retriever, aligned rewriter, query log
 * @param host the address both servers listen on
 * @param jsonApiPort the JSON API's port (0 picks a free one), or null when the JSON API is not served
 * @param mcpPort the MCP endpoint's port (0 picks a free one), or null when MCP is not served
 */
public record ServePlan(ServeConfig config, String host, Integer jsonApiPort, Integer mcpPort) {

    public ServePlan {
        if (jsonApiPort == null && mcpPort == null) {
            throw new IllegalArgumentException("serve the JSON API, MCP, or both");
        }
    }
}
