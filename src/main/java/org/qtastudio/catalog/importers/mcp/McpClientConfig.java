package org.qtastudio.catalog.importers.mcp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qtastudio.catalog.importers.ImportException;
import org.qtastudio.catalog.importers.SourceFiles;

/**
 * The servers of an MCP client's configuration file, in the layout the clients share: Claude Desktop's and Cursor's
 * {@code {"mcpServers": {KEY: {...}}}} and VS Code's {@code {"servers": {KEY: {...}}}}. An entry with {@code command}
 * (and optional {@code args} and {@code env}) is started over stdio; one with {@code url} is reached over streamable
 * HTTP, with optional {@code headers}. VS Code's {@code "type": "stdio" | "http"} is checked against that; SSE-only
 * servers are refused by name. Comments and trailing commas, which VS Code's {@code mcp.json} allows, are read.
 */
public final class McpClientConfig {

    /** Lenient where the clients are: VS Code's settings files are JSON with comments. */
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA).build();

    private McpClientConfig() {
    }

    /** The servers of {@code file} by their key, in the file's order; at least one. */
    public static Map<String, McpServer> read(Path file) throws IOException {
        SourceFiles.requireNonEmpty(file);
        JsonNode root;
        try (JsonParser p = LENIENT.createParser(file.toFile())) {
            root = LENIENT.readTree(p);
        } catch (JsonProcessingException e) {
            throw SourceFiles.located(file, e);
        }
        JsonNode servers = root == null ? null : root.has("mcpServers") ? root.get("mcpServers") : root.get("servers");
        if (servers == null || !servers.isObject()) {
            throw new ImportException(file, "not an MCP client configuration: expected {\"mcpServers\": {NAME: {\"command\": ...}}}"
                    + " (Claude Desktop, Cursor) or {\"servers\": {...}} (VS Code)");
        }
        Map<String, McpServer> result = new LinkedHashMap<>();
        for (var entry : servers.properties()) {
            result.put(entry.getKey(), server(file, entry.getKey(), entry.getValue()));
        }
        if (result.isEmpty()) {
            throw new ImportException(file, "the configuration lists no MCP servers");
        }
        return result;
    }

    private static McpServer server(Path file, String key, JsonNode entry) {
        if (!entry.isObject()) {
            throw problem(file, key, "is not an object with \"command\" or \"url\"");
        }
        String type = SourceFiles.text(entry, "type");
        type = type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
        String command = SourceFiles.text(entry, "command");
        String url = SourceFiles.text(entry, "url");
        if (type.equals("sse")) {
            throw problem(file, key, "uses the SSE transport, which import does not speak; give the server's streamable-HTTP"
                    + " URL (often ending in /mcp) with \"type\": \"http\"");
        }
        if (command != null && !command.isBlank() && (type.isEmpty() || type.equals("stdio"))) {
            List<String> words = new ArrayList<>();
            words.add(command.strip());
            words.addAll(strings(file, key, entry, "args"));
            return new McpServer(key, words, textMap(file, key, entry, "env"), null, Map.of());
        }
        if (url != null && !url.isBlank() && (type.isEmpty() || type.equals("http") || type.equals("streamable-http")
                || type.equals("streamablehttp"))) {
            return new McpServer(key, List.of(), Map.of(),
                    McpServer.httpUrl(url, file + ": server '" + key + "'"), textMap(file, key, entry, "headers"));
        }
        throw problem(file, key, type.isEmpty() ? "has neither \"command\" (a server to start) nor \"url\" (an HTTP server)"
                : "has \"type\": \"" + type + "\" without the " + (type.equals("stdio") ? "\"command\"" : "\"url\"") + " it needs");
    }

    private static List<String> strings(Path file, String key, JsonNode entry, String field) {
        JsonNode node = entry.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw problem(file, key, "has \"" + field + "\" that is not a list of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode v : node) {
            if (!v.isValueNode() || v.isNull()) {
                throw problem(file, key, "has \"" + field + "\" that is not a list of strings");
            }
            values.add(v.asText());
        }
        return values;
    }

    private static Map<String, String> textMap(Path file, String key, JsonNode entry, String field) {
        JsonNode node = entry.get(field);
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw problem(file, key, "has \"" + field + "\" that is not an object of names to strings");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (var v : node.properties()) {
            if (!v.getValue().isValueNode() || v.getValue().isNull()) {
                throw problem(file, key, "has \"" + field + "\" entry '" + v.getKey() + "' that is not a string");
            }
            values.put(v.getKey(), v.getValue().asText());
        }
        return values;
    }

    private static ImportException problem(Path file, String key, String problem) {
        return new ImportException(file, "server '" + key + "' " + problem);
    }
}
