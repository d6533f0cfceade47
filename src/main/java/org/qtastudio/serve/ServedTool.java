package org.qtastudio.serve;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool in a search's answer, with what an agent needs to call it.
 *
 * @param rank 1 for the best match
 * @param key the tool's key in the catalog (for MCP tools {@code server/tool})
 * @param name the name an agent calls it by
 * @param namespace the tool's category in the catalog (an MCP server's name), or null
 * @param description what the tool does
 * @param inputSchema the JSON Schema of its arguments: the source's own where it had one, else one built from the
 *     catalog's parameters
 * @param score the retriever's score (comparable only within one answer)
 */
public record ServedTool(int rank, String key, String name, String namespace, String description, JsonNode inputSchema,
                         double score) {
}
