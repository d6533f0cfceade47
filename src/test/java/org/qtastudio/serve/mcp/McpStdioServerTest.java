package org.qtastudio.serve.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qtastudio.serve.mcp.ServeFixtures.assertAnswer;
import static org.qtastudio.serve.mcp.ServeFixtures.assertToolError;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.common.Json;
import org.qtastudio.serve.ToolSearchRequest;
import org.qtastudio.serve.ToolSearchResponse;
import org.qtastudio.store.Workspace;

/**
 * The stdio server in a child JVM, as a client starts it ({@link StdioServerMain}): the MCP Java SDK's client lists
 * and calls {@code search_tools} and gets the search's own answer; a raw exchange sends what no SDK client would
 * (lines that are not JSON-RPC, bad arguments) and sees an error for each, the server answering on, nothing but
 * JSON-RPC on its standard output, and the server ending when its input does.
 */
class McpStdioServerTest {

    /** Far longer than any answer here; a wait that runs out fails the test instead of hanging it. */
    private static final long ANSWER_SECONDS = 60;

    @TempDir
    Path dir;

    private static List<String> serverCommand(Path workspace) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), StdioServerMain.class.getName(),
                workspace.toString(), ServeFixtures.CATALOG);
    }

    private static ToolSearchResponse expected(Path workspace, ToolSearchRequest request) {
        try (Workspace ws = Workspace.open(workspace); RetrieverToolSearch search = RetrieverToolSearch.open(ws, ServeFixtures.CATALOG)) {
            return search.search(request);
        }
    }

    @Test
    void theSdkClientListsSearchToolsAndGetsTheSearchsAnswer() throws Exception {
        Path workspace = ServeFixtures.restBenchWorkspace(dir);
        ToolSearchRequest request = new ToolSearchRequest("who played in the movie Titanic", 3, null);
        ToolSearchResponse expected = expected(workspace, request);
        List<String> command = serverCommand(workspace);
        ServerParameters server = ServerParameters.builder(command.getFirst()).args(command.subList(1, command.size())).build();
        try (McpSyncClient client = McpClient.sync(new StdioClientTransport(server, new JacksonMcpJsonMapper(Json.MAPPER)))
                .requestTimeout(Duration.ofSeconds(ANSWER_SECONDS)).build()) {
            McpSchema.InitializeResult init = client.initialize();
            assertEquals("qta-studio", init.serverInfo().name());
            List<McpSchema.Tool> tools = client.listTools().tools();
            assertEquals(List.of("search_tools"), tools.stream().map(McpSchema.Tool::name).toList());
            McpSchema.Tool tool = tools.getFirst();
            assertEquals(List.of("query"), tool.inputSchema().get("required"));
            assertEquals(Map.of("type", "integer", "minimum", 1, "maximum", 50, "default", 5, "description", "How many tools to return"),
                    ((Map<?, ?>) tool.inputSchema().get("properties")).get("k"));
            assertNotNull(tool.outputSchema());
            assertTrue(tool.description().contains("call it by its name"), tool.description());
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("search_tools",
                    Map.of("query", request.query(), "k", request.k())));
            assertAnswer(expected, ServeFixtures.wire(result));
        }
    }

    @Test
    void badLinesAndBadArgumentsGetErrorsTheServerAnswersOnAndEndsWithItsInput() throws Exception {
        Path workspace = ServeFixtures.restBenchWorkspace(dir);
        ToolSearchRequest good = new ToolSearchRequest("get the details of a TV show", 4, "TMDB");
        ToolSearchResponse expected = expected(workspace, good);
        Process server = new ProcessBuilder(serverCommand(workspace)).start();
        StringBuffer stderr = new StringBuffer();
        Thread.ofPlatform().daemon().start(() -> drain(server, stderr));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> everyLine = new ArrayList<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (everyLine) {
                        everyLine.add(line);
                    }
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        try {
            Raw raw = new Raw(server.getOutputStream(), lines);
            assertEquals("qta-studio", raw.request(1, "initialize", Map.of("protocolVersion", "2025-11-25",
                    "capabilities", Map.of(), "clientInfo", Map.of("name", "raw-test", "version", "1"))).at("/result/serverInfo/name").asText());
            raw.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

            raw.send("this line is not JSON");
            JsonNode parseError = raw.next();
            assertEquals(-32700, parseError.at("/error/code").asInt(), parseError.toString());
            assertTrue(parseError.has("id") && parseError.get("id").isNull(), "a parse error has id null: " + parseError);
            raw.send("[1, 2, 3]");
            assertEquals(-32600, raw.next().at("/error/code").asInt(), "a batch (MCP has none) is an invalid request");
            raw.send("{\"jsonrpc\":\"2.0\",\"id\":7,\"params\":{}}");
            JsonNode noMethod = raw.next();
            assertEquals(-32600, noMethod.at("/error/code").asInt(), noMethod.toString());
            assertEquals(7, noMethod.get("id").asInt(), "the error answers the request's id");

            JsonNode notAnObject = raw.request(8, "tools/call", Map.of("name", "search_tools", "arguments", "a string"));
            assertTrue(notAnObject.has("error"), "arguments that are not an object are a malformed request: " + notAnObject);
            JsonNode unknownTool = raw.request(9, "tools/call", Map.of("name", "no_such_tool", "arguments", Map.of()));
            assertEquals(-32602, unknownTool.at("/error/code").asInt(), unknownTool.toString());

            assertToolError("the query is empty", raw.call(10, Map.of("query", "   ")));
            assertToolError("k must be between 1 and 50, got 0", raw.call(11, Map.of("query", "movie", "k", 0)));
            assertToolError("k must be a whole number between 1 and 50, got \"5\"", raw.call(12, Map.of("query", "movie", "k", "5")));
            assertToolError("unknown namespace 'Spotify'", raw.call(13, Map.of("query", "movie", "namespace", "Spotify")));
            assertToolError("query must be a string", raw.call(14, Map.of("query", List.of("movie"))));

            assertAnswer(expected, raw.call(15, Map.of("query", good.query(), "k", good.k(), "namespace", "TMDB")));
            JsonNode listed = raw.request(16, "tools/list", Map.of()).at("/result/tools");
            assertEquals(1, listed.size(), listed.toString());
            assertEquals("search_tools", listed.get(0).get("name").asText());

            server.getOutputStream().close();
            assertTrue(server.waitFor(ANSWER_SECONDS, TimeUnit.SECONDS), "the server ends when its input does");
            assertEquals(0, server.exitValue(), stderr.toString());
        } finally {
            server.destroyForcibly();
        }
        synchronized (everyLine) {
            assertEquals(13, everyLine.size(), "one answer to each of the 10 requests and 3 bad lines, none to the notification: " + everyLine);
            for (String line : everyLine) {
                JsonNode message = Json.read(line, new TypeReference<JsonNode>() { });
                assertEquals("2.0", message.path("jsonrpc").asText(), "standard output carries JSON-RPC alone: " + line);
            }
        }
        assertTrue(stderr.toString().contains(StdioServerMain.STRAY_LINE), "System.out prints to stderr: " + stderr);
    }

    private static void drain(Process server, StringBuffer into) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                into.append(line).append('\n');
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Newline-delimited JSON-RPC written by hand, so that it can be wrong. */
    private record Raw(OutputStream in, BlockingQueue<String> out) {

        void send(String line) throws IOException {
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        JsonNode next() throws InterruptedException {
            String line = out.poll(ANSWER_SECONDS, TimeUnit.SECONDS);
            assertNotNull(line, "no answer within " + ANSWER_SECONDS + " s");
            return Json.read(line, new TypeReference<JsonNode>() { });
        }

        /** The answer to request {@code id}. */
        JsonNode request(int id, String method, Object params) throws Exception {
            ObjectNode request = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
            request.set("params", Json.MAPPER.valueToTree(params));
            send(Json.write(request));
            JsonNode answer = next();
            assertEquals(id, answer.path("id").asInt(-1), "answers come in order here: " + answer);
            return answer;
        }

        /** The result of calling {@code search_tools}. */
        JsonNode call(int id, Map<String, Object> arguments) throws Exception {
            JsonNode answer = request(id, "tools/call", Map.of("name", "search_tools", "arguments", arguments));
            assertTrue(answer.has("result"), answer.toString());
            return answer.get("result");
        }
    }
}
