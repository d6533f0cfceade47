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
 * {@code {"tools": [...]}}; its tools are keyed by name (or {@code NAMESPACE/name} with {@code --namespace}) and
 * streamed. Several servers: an object of server name to such a result, or a list of servers
 * {@code [{"name": "server", "tools": [...]}, ...]} (the shape server directories publish; LiveMCPBench nests one
 * more level, {@code "tools": {"server": {"tools": [...]}}}); tools are keyed
 * {@code server/tool} with the server as category (one server is read at a time). Gold that names a bare tool
 * resolves to {@code server/tool} when one server has it. Tool = {@code {name, description, inputSchema}}.
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
        return "MCP tools/list results: one server's response, a map of server name -> response, or a list of {name, tools}";
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
        String head = source.head();
        if (SINGLE_SERVER.matcher(head).find()) {
            String namespace = source.namespace() == null || source.namespace().isBlank() ? null : source.namespace().strip();
            int n = SourceFiles.elements(file, Set.of("result", "tools"), (node, index) -> sink.tool(tool(file, node, namespace)));
            if (n == 0) {
                throw new ImportException(file, "missing required field 'tools' (expected {\"result\": {\"tools\": [...]}};"
                        + " a JSON-RPC error response holds no tools)");
            }
            return;
        }
        if (source.namespace() != null && !source.namespace().isBlank()) {
            throw new ImportException(file, "--namespace applies to one server's tools; this file holds several servers,"
                    + " and each one's tools are keyed under its own name");
        }
        if (head.stripLeading().startsWith("[")) {
            SourceFiles.elements(file, Set.of(), (server, index) -> {
                String name = SourceFiles.text(server, "name");
                if (name == null || name.isBlank()) {
                    throw new ImportException(file, "missing required field 'name' (the server's name, which keys its tools name/tool)");
                }
                serverTools(file, name.strip(), server, sink);
            });
        } else {
            SourceFiles.fields(file, (server, value, index) -> serverTools(file, server, value, sink));
        }
    }

    /**
     * One server's tools, from {@code {"tools": [...]}} or {@code {"result": {"tools": [...]}}}; a directory entry
     * whose {@code tools} is an object of server name -> such a result (LiveMCPBench's {@code tools.json}) gives
     * each of those servers' tools, keyed under that server's name.
     */
    private static void serverTools(Path file, String server, JsonNode value, ImportSink sink) {
        JsonNode result = value.has("result") ? value.get("result") : value;
        JsonNode tools = result.get("tools");
        if (tools != null && tools.isObject()) {
            for (var inner : tools.properties()) {
                serverTools(file, inner.getKey(), inner.getValue(), sink);
            }
            return;
        }
        if (tools == null || !tools.isArray()) {
            throw new ImportException(file, "missing required field 'tools' in the result of server '" + server + "'");
        }
        for (JsonNode t : tools) {
            sink.tool(tool(file, t, server));
        }
    }

    /**
     * One {@code tools/list} entry as a tool, keyed {@code server/name} (or {@code name} when {@code server} is null)
     * with the server as category and the entry kept as its document. A live server's tools go through here too
     * ({@code catalog.importers.mcp}), so a server imports exactly as a file of its {@code tools/list} would.
     *
     * @param file where the entry was read, for the error when it has no name; null for a live server
     */
    public static Tool tool(Path file, JsonNode node, String server) {
        String name = SourceFiles.requireText(file, node, "name").strip();
        String title = SourceFiles.text(node, "title");
        return new Tool(server == null ? name : server + "/" + name, title == null ? name : title,
                SourceFiles.text(node, "description"), null, null, SchemaParameters.of(node.get("inputSchema")),
                server, List.of(), "mcp", Json.write(node));
    }
}
