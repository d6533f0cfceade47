package org.qtastudio.catalog.importers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Json;

/**
 * MCP {@code tools/list} results. One server: the JSON-RPC response {@code {"result": {"tools": [...]}}} or just
 * {@code {"tools": [...]}}; its tools are keyed by name and streamed. Several servers: an object of server name
 * to such a result; tools are keyed {@code server/tool} with the server as category (one server's result is
 * read at a time). Tool = {@code {name, description, inputSchema}}.
 */
public final class McpImporter implements CatalogImporter {

    /** A single-server file opens with one of the JSON-RPC / result fields; anything else is a map of servers. */
    private static final Pattern SINGLE_SERVER = Pattern.compile("^\\s*\\{\\s*\"(jsonrpc|id|result|tools|error)\"");

    @Override
    public String format() {
        return "mcp";
    }

    @Override
    public String description() {
        return "MCP tools/list results: one server's response, or a map of server name -> response";
    }

    @Override
    public int detect(ImportSource source) throws IOException {
        if (source.isFolder() || !source.fileName().endsWith(".json")) {
            return 0;
        }
        return source.head().contains("\"inputSchema\"") ? 90 : 0;
    }

    @Override
    public void read(ImportSource source, ImportSink sink) throws IOException {
        Path file = source.path();
        if (SINGLE_SERVER.matcher(source.head()).find()) {
            int n = SourceFiles.elements(file, Set.of("result", "tools"), (node, index) -> sink.tool(tool(file, node, null)));
            if (n == 0) {
                throw new ImportException(file, "missing required field 'tools' (expected {\"result\": {\"tools\": [...]}};"
                        + " a JSON-RPC error response holds no tools)");
            }
            return;
        }
        SourceFiles.fields(file, (server, value, index) -> {
            JsonNode result = value.has("result") ? value.get("result") : value;
            JsonNode tools = result.get("tools");
            if (tools == null || !tools.isArray()) {
                throw new ImportException(file, "missing required field 'tools' in the result of server '" + server + "'");
            }
            for (JsonNode t : tools) {
                sink.tool(tool(file, t, server));
            }
        });
    }

    private static Tool tool(Path file, JsonNode node, String server) {
        String name = SourceFiles.requireText(file, node, "name").strip();
        String title = SourceFiles.text(node, "title");
        return new Tool(server == null ? name : server + "/" + name, title == null ? name : title,
                SourceFiles.text(node, "description"), null, null, SchemaParameters.of(node.get("inputSchema")),
                server, List.of(), "mcp", Json.write(node));
    }
}
