package org.qtastudio.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.common.Json;
import org.qtastudio.serve.ServeFixtures;
import org.qtastudio.store.Workspace;

/**
 * {@code serve mcp} as an MCP client starts it: over stdio the SDK's client starts the command itself, over
 * streamable HTTP it connects to the address the command prints; either way {@code search_tools} answers as
 * {@code qta-studio search} does with the same retriever options, and the server ends when the client closes its
 * input (stdio) or on SIGTERM (HTTP), its workspace closed.
 */
class ServeMcpProcessTest {

    private static final Pattern ADDRESS = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/mcp)");
    private static final List<String> RETRIEVER = List.of("--retriever", "bm25", "--analyzer", "standard", "--k1", "0.9");
    private static final List<String> QUERIES = List.of("send an email to the team", "upload an image");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void overStdioTheClientStartsItAndItEndsWithItsInput() throws Exception {
        Path ws = workspace();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.qtastudio.Main", "serve", "mcp", "-w", ws.toString(),
                "-c", ServeFixtures.CATALOG));
        command.addAll(RETRIEVER);
        ServerParameters server = ServerParameters.builder(command.getFirst()).args(command.subList(1, command.size())).build();
        try (McpSyncClient client = McpClient.sync(new StdioClientTransport(server, new JacksonMcpJsonMapper(Json.MAPPER)))
                .requestTimeout(Duration.ofSeconds(60)).build()) {
            assertEquals("qta-studio", client.initialize().serverInfo().name());
            assertAnswersAsSearch(client, ws);
        }
        // the client closes the server's input (and then ends the process, as MCP's stdio transport says): either way
        // the server closes its workspace on its way out
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Files.exists(dir.resolve("w.qta-wal")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(Files.exists(dir.resolve("w.qta-wal")), "the workspace was closed when the client closed stdin");
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void overHttpItAnswersAsSearchAndStopsOnSigterm() throws Exception {
        Path ws = workspace();
        List<String> args = new ArrayList<>(List.of("serve", "mcp", "--transport", "http", "--port", "0", "-w", ws.toString(),
                "-c", ServeFixtures.CATALOG));
        args.addAll(RETRIEVER);
        Child server = Child.start(args.toArray(String[]::new));
        server.await("stop with Ctrl-C or SIGTERM");
        Matcher address = ADDRESS.matcher(server.out());
        assertTrue(address.find(), server.out().toString());
        URI endpoint = URI.create(address.group(1));
        try (McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(endpoint.toString())
                        .endpoint(endpoint.getPath()).jsonMapper(new JacksonMcpJsonMapper(Json.MAPPER)).build())
                .requestTimeout(Duration.ofSeconds(60)).build()) {
            client.initialize();
            assertAnswersAsSearch(client, ws);
        }
        new ProcessBuilder("kill", "-TERM", Long.toString(server.process().pid())).start().waitFor(10, TimeUnit.SECONDS);
        assertTrue(server.process().waitFor(60, TimeUnit.SECONDS), "the server stops after SIGTERM");
        String output = server.output();
        assertEquals(143, server.process().exitValue(), output);
        assertTrue(output.contains("stopped after " + QUERIES.size() + " requests (0 errors"), output);
        assertEquals(List.of(), Cli.stackFrames(output));
        assertFalse(Files.exists(dir.resolve("w.qta-wal")), "the workspace was closed");
    }

    private Path workspace() throws Exception {
        Path ws = dir.resolve("w.qta");
        try (Workspace w = Workspace.open(ws)) {
            ServeFixtures.importMcpCatalog(w, dir);
        }
        return ws;
    }

    private static void assertAnswersAsSearch(McpSyncClient client, Path ws) throws Exception {
        for (String q : QUERIES) {
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("search_tools", Map.of("query", q, "k", 7)));
            assertFalse(Boolean.TRUE.equals(result.isError()), String.valueOf(result));
            JsonNode served = Json.MAPPER.readTree(((McpSchema.TextContent) result.content().getFirst()).text());
            List<String> search = new ArrayList<>(List.of("search", "-w", ws.toString(), "-c", ServeFixtures.CATALOG, "-k", "7",
                    "--format", "json"));
            search.addAll(RETRIEVER);
            search.add(q);
            JsonNode hits = Json.MAPPER.readTree(Cli.ok(search.toArray(String[]::new)).out()).get("hits");
            JsonNode tools = served.get("tools");
            assertEquals(hits.size(), tools.size(), served.toString());
            for (int i = 0; i < hits.size(); i++) {
                assertEquals(hits.get(i).get("key").asText(), tools.get(i).get("key").asText(), q);
                assertEquals(hits.get(i).get("score").asDouble(), tools.get(i).get("score").asDouble(), q);
            }
        }
    }
}
