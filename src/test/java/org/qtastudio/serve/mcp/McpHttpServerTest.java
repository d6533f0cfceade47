package org.qtastudio.serve.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qtastudio.serve.mcp.ServeFixtures.assertAnswer;
import static org.qtastudio.serve.mcp.ServeFixtures.assertToolError;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.importers.mcp.McpTestServers;
import org.qtastudio.common.Json;
import org.qtastudio.serve.ToolSearchRequest;
import org.qtastudio.store.Workspace;

/**
 * The streamable-HTTP server in this JVM, called by two clients no one here wrote: the MCP Java SDK's and the
 * {@code @modelcontextprotocol/inspector} CLI (from npm, {@link McpTestServers}); both get the search's own answer.
 * Requests that a web page on another site could make a browser send are refused; closing stops the server.
 */
class McpHttpServerTest {

    private static final long ANSWER_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void theSdkClientAndTheInspectorCliListAndCallSearchTools() throws Exception {
        Path file = ServeFixtures.restBenchWorkspace(dir);
        try (Workspace workspace = Workspace.open(file);
                RetrieverToolSearch search = RetrieverToolSearch.open(workspace, ServeFixtures.CATALOG);
                McpToolSearchServer server = new McpToolSearchServer(search)) {
            URI endpoint = server.startHttp(null, 0);
            assertEquals("127.0.0.1", endpoint.getHost(), "loopback unless told otherwise");
            assertEquals("/mcp", endpoint.getPath());
            assertTrue(endpoint.getPort() > 0, endpoint.toString());

            ToolSearchRequest request = new ToolSearchRequest("search for a person by name", 5, null);
            try (McpSyncClient client = ServeFixtures.httpClient(endpoint)) {
                assertEquals("qta-studio", client.initialize().serverInfo().name());
                assertEquals(List.of("search_tools"), client.listTools().tools().stream().map(McpSchema.Tool::name).toList());
                assertAnswer(search.search(request), ServeFixtures.wire(client.callTool(new McpSchema.CallToolRequest(
                        "search_tools", Map.of("query", request.query())))));
                assertToolError("unknown namespace 'Spotify'", ServeFixtures.wire(client.callTool(new McpSchema.CallToolRequest(
                        "search_tools", Map.of("query", "play a song", "namespace", "Spotify")))));
                assertToolError("k must be between 1 and 50, got 51", ServeFixtures.wire(client.callTool(new McpSchema.CallToolRequest(
                        "search_tools", Map.of("query", "play a song", "k", 51)))));
                assertAnswer(search.search(request), ServeFixtures.wire(client.callTool(new McpSchema.CallToolRequest(
                        "search_tools", Map.of("query", request.query())))));
            }

            JsonNode listed = inspector(endpoint, "--method", "tools/list");
            assertEquals(List.of("search_tools"), names(listed.get("tools")));
            ToolSearchRequest inspected = new ToolSearchRequest("the reviews of a movie", 3, "TMDB");
            JsonNode called = inspector(endpoint, "--method", "tools/call", "--tool-name", "search_tools",
                    "--tool-arg", "query=" + inspected.query(), "--tool-arg", "k=3", "--tool-arg", "namespace=TMDB");
            assertAnswer(search.search(inspected), called);
        }
    }

    private static List<String> names(JsonNode tools) {
        List<String> names = new ArrayList<>();
        tools.forEach(t -> names.add(t.get("name").asText()));
        return names;
    }

    /** What the inspector's CLI prints for one method called on {@code endpoint}, as JSON. */
    private JsonNode inspector(URI endpoint, String... method) throws Exception {
        List<String> args = new ArrayList<>(List.of("--cli", endpoint.toString(), "--transport", "http"));
        args.addAll(List.of(method));
        Path out = dir.resolve("inspector.out");
        Path err = dir.resolve("inspector.err");
        Process inspector = new ProcessBuilder(McpTestServers.command("mcp-inspector", args.toArray(String[]::new)))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(inspector.waitFor(ANSWER_SECONDS, TimeUnit.SECONDS), "the inspector did not end");
        } finally {
            inspector.descendants().forEach(ProcessHandle::destroyForcibly);
            inspector.destroyForcibly();
        }
        String printed = Files.readString(out);
        assertEquals(0, inspector.exitValue(), printed + Files.readString(err));
        return Json.read(printed.substring(printed.indexOf('{')), new TypeReference<JsonNode>() { });
    }

    @Test
    void requestsFromAnotherSiteOrByAnotherHostNameAreRefusedAndCloseStopsTheServer() throws Exception {
        Path file = ServeFixtures.restBenchWorkspace(dir);
        try (Workspace workspace = Workspace.open(file);
                RetrieverToolSearch search = RetrieverToolSearch.open(workspace, ServeFixtures.CATALOG)) {
            McpToolSearchServer server = new McpToolSearchServer(search);
            URI endpoint = server.startHttp("127.0.0.1", 0);
            String here = "127.0.0.1:" + endpoint.getPort();
            assertEquals(200, initializeStatus(endpoint, here, null));
            assertEquals(200, initializeStatus(endpoint, "localhost:" + endpoint.getPort(), "http://localhost:6274"),
                    "a local web client (the inspector's UI) is served");
            assertEquals(421, initializeStatus(endpoint, "rebound.example:" + endpoint.getPort(), null),
                    "a name that resolves here by DNS rebinding is refused");
            assertEquals(403, initializeStatus(endpoint, here, "https://attacker.example"),
                    "a request a page on another site made is refused");

            server.close();
            server.close();
            assertThrows(ConnectException.class, () -> new Socket(endpoint.getHost(), endpoint.getPort()).close(),
                    "closed: nothing listens on the port");
            assertThrows(IllegalStateException.class, () -> server.startHttp(null, 0));
        }
    }

    /** The HTTP status of an initialize request sent with these {@code Host} and {@code Origin} headers. */
    private static int initializeStatus(URI endpoint, String host, String origin) throws IOException {
        byte[] body = Json.write(Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize", "params", Map.of(
                "protocolVersion", "2025-11-25", "capabilities", Map.of(), "clientInfo", Map.of("name", "raw", "version", "1"))))
                .getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + endpoint.getPath() + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
