package org.qtastudio.serve.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.qtastudio.common.Json;
import org.qtastudio.serve.ServedTool;
import org.qtastudio.serve.ToolSearch;
import org.qtastudio.serve.ToolSearchRequest;
import org.qtastudio.serve.ToolSearchResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code search_tools} tool: its definition, written for the agent that reads it, and its call, which turns the
 * arguments into a {@link ToolSearchRequest} (so that the MCP server refuses bad input with the same messages as the
 * HTTP API) and the answer into structured content with the same JSON as text beside it.
 */
final class SearchToolsTool {

    private static final Logger LOG = LoggerFactory.getLogger(SearchToolsTool.class);

    static final String NAME = "search_tools";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private static final Map<String, Object> INPUT_SCHEMA = Json.read("""
            {"type": "object",
             "properties": {
               "query": {"type": "string", "description": "What you want to do, in your own words, e.g. \\"find the cast of a movie\\""},
               "k": {"type": "integer", "minimum": 1, "maximum": %d, "default": %d, "description": "How many tools to return"},
               "namespace": {"type": "string", "description": "Only tools of this namespace: an MCP server's name or an API's title, as the namespace of a result gives it"}
             },
             "required": ["query"]}""".formatted(ToolSearchRequest.MAX_K, ToolSearchRequest.DEFAULT_K), MAP);

    private static final Map<String, Object> OUTPUT_SCHEMA = Json.read("""
            {"type": "object",
             "properties": {
               "query": {"type": "string", "description": "The query as received"},
               "rewrite": {"type": "string", "description": "The rewrite of the query the tools were ranked with, when a rewriter is used"},
               "fallback": {"type": "string", "description": "Why the configured rewriter was not used for this query"},
               "tools": {"type": "array", "description": "The best matches, best first", "items": {
                 "type": "object",
                 "properties": {
                   "rank": {"type": "integer", "description": "1 for the best match"},
                   "key": {"type": "string", "description": "The tool's key in the catalog; for MCP tools server/tool"},
                   "name": {"type": "string", "description": "The name the tool is called by"},
                   "namespace": {"type": "string", "description": "The tool's MCP server or API"},
                   "description": {"type": "string", "description": "What the tool does"},
                   "inputSchema": {"type": "object", "description": "The JSON Schema of the tool's arguments"},
                   "score": {"type": "number", "description": "The retriever's score, comparable only within one answer"}
                 },
                 "required": ["rank", "key", "name", "description", "score"]}}
             },
             "required": ["query", "tools"]}""", MAP);

    private SearchToolsTool() {
    }

    /**
     * The tool over {@code search}; {@code howToCall} ends its description with how an agent calls a tool it found
     * (by its name where the agent has the tools; through {@code call_tool} in proxy mode).
     */
    static McpServerFeatures.SyncToolSpecification of(ToolSearch search, String howToCall) {
        McpSchema.Tool tool = McpSchema.Tool.builder(NAME, INPUT_SCHEMA).title("Search tools")
                .description("Finds the tools that fit a task in a large tool catalog, so that you need not read every"
                        + " tool's definition. Say what you want to do in plain words; the catalog is ranked for it and"
                        + " the best matches come back, best first, each with its name, key, namespace, description and"
                        + " the JSON Schema of its arguments. Returns k tools (default " + ToolSearchRequest.DEFAULT_K
                        + ", at most " + ToolSearchRequest.MAX_K + "); namespace keeps one server's or API's tools."
                        + " If none fits, search again in other words. " + howToCall)
                .outputSchema(OUTPUT_SCHEMA)
                .annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(true).idempotentHint(true).openWorldHint(false).build())
                .build();
        return McpServerFeatures.SyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, call) -> call(search, call.arguments())).build();
    }

    static McpSchema.CallToolResult call(ToolSearch search, Map<String, Object> arguments) {
        ToolSearchResponse response;
        try {
            response = search.search(request(arguments));
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("search_tools failed for {}", arguments, e);
            return error("the search failed: " + e);
        }
        ObjectNode content = content(response);
        return McpSchema.CallToolResult.builder().addTextContent(Json.write(content))
                .structuredContent(Json.MAPPER.convertValue(content, MAP)).isError(false).build();
    }

    /** The request the arguments describe; an {@link IllegalArgumentException} naming the argument when they do not fit. */
    static ToolSearchRequest request(Map<String, Object> arguments) {
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        Object query = args.get("query");
        if (query != null && !(query instanceof String)) {
            throw new IllegalArgumentException("query must be a string: what the tool should do, in your own words");
        }
        int k = ToolSearchRequest.DEFAULT_K;
        Object given = args.get("k");
        if (given != null) {
            if (!(given instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                    || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("k must be a whole number between 1 and " + ToolSearchRequest.MAX_K
                        + ", got " + Json.write(given));
            }
            k = n.intValue();
        }
        Object namespace = args.get("namespace");
        if (namespace != null && !(namespace instanceof String)) {
            throw new IllegalArgumentException("namespace must be a string (an MCP server's name, an API's title) or left out");
        }
        return new ToolSearchRequest((String) query, k, (String) namespace);
    }

    /** The answer as the agent reads it, fields without a value left out. */
    static ObjectNode content(ToolSearchResponse response) {
        ObjectNode content = Json.MAPPER.createObjectNode().put("query", response.query());
        if (response.rewrite() != null) {
            content.put("rewrite", response.rewrite());
        }
        if (response.fallback() != null) {
            content.put("fallback", response.fallback());
        }
        ArrayNode tools = content.putArray("tools");
        for (ServedTool t : response.tools()) {
            ObjectNode tool = tools.addObject().put("rank", t.rank()).put("key", t.key()).put("name", t.name());
            if (t.namespace() != null) {
                tool.put("namespace", t.namespace());
            }
            tool.put("description", t.description());
            if (t.inputSchema() != null) {
                tool.set("inputSchema", t.inputSchema());
            }
            tool.put("score", t.score());
        }
        return content;
    }

    /** A tool error: the MCP convention for a call the tool refused, which the agent reads and can correct. */
    static McpSchema.CallToolResult error(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }
}
