package org.qtastudio.serve.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.qtastudio.catalog.TestData;
import org.qtastudio.common.Json;
import org.qtastudio.serve.ServedTool;
import org.qtastudio.serve.ToolSearchResponse;
import org.qtastudio.store.Workspace;

/** A real catalog to serve, and what a served answer must be. */
final class ServeFixtures {

    /** MTRB's RestBench: the 54 TMDB endpoints, namespace {@code TMDB}. */
    static final String CATALOG = "mtrb-restbench";

    private ServeFixtures() {
    }

    /** A workspace with {@link #CATALOG} imported from the shared dataset and its BM25 index built. */
    static Path restBenchWorkspace(Path dir) throws IOException {
        Path file = dir.resolve("served.qta");
        try (Workspace workspace = Workspace.open(file)) {
            TestData.importInto(workspace, TestData.dataset("mtrb", "restbench"), null, null);
            RetrieverToolSearch.open(workspace, CATALOG).close();
        }
        return file;
    }

    /** The MCP Java SDK's client of a streamable-HTTP server. */
    static McpSyncClient httpClient(URI endpoint) {
        return McpClient.sync(HttpClientStreamableHttpTransport.builder(endpoint.resolve("/").toString()).endpoint(endpoint.getPath()).build())
                .requestTimeout(Duration.ofSeconds(60)).build();
    }

    /** The SDK's tool result as the wire has it. */
    static JsonNode wire(McpSchema.CallToolResult result) {
        return Json.MAPPER.valueToTree(result);
    }

    /**
     * {@code result} (a {@code tools/call} result as JSON) is the search's own answer: every tool with its rank, key,
     * name, namespace, description, input schema and score, as structured content and as the same JSON in text.
     */
    static void assertAnswer(ToolSearchResponse expected, JsonNode result) {
        assertFalse(result.path("isError").asBoolean(), result.toString());
        JsonNode structured = result.get("structuredContent");
        assertEquals(expected.query(), structured.get("query").asText());
        JsonNode tools = structured.get("tools");
        assertTrue(!expected.tools().isEmpty(), "the search found tools");
        assertEquals(expected.tools().size(), tools.size(), structured.toString());
        for (int i = 0; i < tools.size(); i++) {
            ServedTool want = expected.tools().get(i);
            JsonNode got = tools.get(i);
            assertEquals(want.rank(), got.get("rank").asInt());
            assertEquals(want.key(), got.get("key").asText());
            assertEquals(want.name(), got.get("name").asText());
            assertEquals(want.namespace(), got.path("namespace").asText(null));
            assertEquals(want.description(), got.get("description").asText());
            assertEquals(want.inputSchema(), got.get("inputSchema"));
            assertEquals(want.score(), got.get("score").asDouble());
        }
        JsonNode text = result.get("content").get(0);
        assertEquals("text", text.get("type").asText());
        assertEquals(structured, Json.read(text.get("text").asText(), new TypeReference<JsonNode>() { }),
                "the text block carries the same JSON for clients that read only text");
    }

    /** {@code result} is a tool error whose message contains {@code message}. */
    static void assertToolError(String message, JsonNode result) {
        assertTrue(result.path("isError").asBoolean(), result.toString());
        String text = result.get("content").get(0).get("text").asText();
        assertTrue(text.contains(message), text);
    }
}
