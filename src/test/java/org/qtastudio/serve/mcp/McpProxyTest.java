package org.qtastudio.serve.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qtastudio.catalog.importers.mcp.McpTestServers.assertNoServerLeft;
import static org.qtastudio.serve.mcp.ServeFixtures.assertAnswer;
import static org.qtastudio.serve.mcp.ServeFixtures.assertToolError;
import static org.qtastudio.serve.mcp.ServeFixtures.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.importers.mcp.McpConnection;
import org.qtastudio.catalog.importers.mcp.McpServer;
import org.qtastudio.catalog.importers.mcp.McpTestServers;
import org.qtastudio.common.Json;
import org.qtastudio.common.Progress;
import org.qtastudio.serve.ToolSearchRequest;
import org.qtastudio.store.Workspace;

/**
 * Proxy mode against real upstream servers from npm ({@link McpTestServers}): the configuration's servers are imported
 * into one catalog, {@code search_tools} finds their tools by the keys {@code call_tool} takes, and a forwarded call
 * returns exactly what the server answers a direct call; an unknown tool, an upstream JSON-RPC error and an upstream
 * that exited come back as tool errors naming the tool or the server; closing ends every upstream process.
 */
class McpProxyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static McpSchema.CallToolRequest callTool(String name, Object arguments) {
        return new McpSchema.CallToolRequest(McpProxy.CALL_TOOL, Map.of("name", name, "arguments", arguments));
    }

    @Test
    void callToolForwardsToTheServerOwningTheToolAndErrorsNameTheToolOrTheServer() throws Exception {
        List<String> everything = McpTestServers.command("mcp-server-everything");
        Path config = dir.resolve("claude_desktop_config.json");
        Files.writeString(config, Json.write(Map.of("mcpServers", Map.of(
                "everything", Map.of("command", "node", "args", everything.subList(1, 2)),
                // answers tools/list only: a call is a JSON-RPC error ("method not found")
                "paged", Map.of("command", "node", "args", McpTestServers.pagingServer().subList(1, 2), "env", Map.of("TOOL_COUNT", "3"))))));
        try (Workspace workspace = Workspace.open(dir.resolve("w.qta"))) {
            McpProxy proxy = McpProxy.importAndConnect(workspace, config, "proxied", TIMEOUT, Progress.NONE);
            try {
                assertEquals(Set.of("everything", "paged"), Set.copyOf(proxy.servers()));
                assertEquals(2, proxy.imports().size());
                CatalogStore catalogs = new CatalogStore(workspace);
                List<String> keys = catalogs.tools(catalogs.require("proxied").id()).stream().map(Tool::key).toList();
                assertTrue(keys.containsAll(List.of("everything/echo", "everything/get-structured-content", "paged/tool_001")), keys.toString());

                try (RetrieverToolSearch search = RetrieverToolSearch.open(workspace, "proxied");
                        McpToolSearchServer server = new McpToolSearchServer(search, proxy);
                        McpConnection direct = McpConnection.open(new McpServer("everything", everything, Map.of(), null, Map.of()),
                                TIMEOUT, Progress.NONE)) {
                    URI endpoint = server.startHttp(null, 0);
                    try (McpSyncClient client = ServeFixtures.httpClient(endpoint)) {
                        client.initialize();
                        List<McpSchema.Tool> tools = client.listTools().tools();
                        assertEquals(List.of("search_tools", "call_tool"), tools.stream().map(McpSchema.Tool::name).toList());
                        assertTrue(tools.get(0).description().contains("call the call_tool tool with its key (server/tool)"), tools.get(0).description());
                        assertTrue(tools.get(1).description().contains("server/tool"), tools.get(1).description());

                        ToolSearchRequest find = new ToolSearchRequest("echo back the input string", 3, "everything");
                        JsonNode found = wire(client.callTool(new McpSchema.CallToolRequest(SearchToolsTool.NAME,
                                Map.of("query", find.query(), "k", find.k(), "namespace", "everything"))));
                        assertAnswer(search.search(find), found);
                        assertEquals("everything/echo", found.at("/structuredContent/tools/0/key").asText(), found.toString());

                        Map<String, Object> echo = Map.of("message", "hello through the proxy");
                        assertEquals(direct.callTool("echo", echo), client.callTool(callTool("everything/echo", echo)));
                        Map<String, Object> weather = Map.of("location", "New York");
                        McpSchema.CallToolResult structured = direct.callTool("get-structured-content", weather);
                        assertNotNull(structured.structuredContent(), structured.toString());
                        assertEquals(structured, client.callTool(callTool("everything/get-structured-content", weather)),
                                "content, isError and structuredContent as the server gave them");

                        assertToolError("unknown tool 'everything/no-such-tool': server 'everything' has no tool 'no-such-tool'",
                                wire(client.callTool(callTool("everything/no-such-tool", Map.of()))));
                        assertToolError("unknown tool 'nowhere/echo'", wire(client.callTool(callTool("nowhere/echo", Map.of()))));
                        assertToolError("arguments must be an object", wire(client.callTool(callTool("everything/echo", "hello"))));
                        assertToolError("MCP server 'paged'", wire(client.callTool(callTool("paged/tool_001", Map.of("n", 1)))));

                        direct.close();
                        List<ProcessHandle> upstream = ProcessHandle.current().descendants()
                                .filter(p -> p.info().commandLine().orElse("").contains("mcp-server-everything")).toList();
                        assertEquals(1, upstream.size(), "the proxy's own everything server: " + upstream);
                        upstream.getFirst().destroy();
                        upstream.getFirst().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
                        JsonNode exited = wire(client.callTool(callTool("everything/echo", echo)));
                        assertToolError("MCP server 'everything'", exited);
                        assertAnswer(search.search(find), wire(client.callTool(new McpSchema.CallToolRequest(SearchToolsTool.NAME,
                                Map.of("query", find.query(), "k", find.k(), "namespace", "everything")))));
                    }
                }
                assertNoServerLeft(); // closing the server ended the proxy's upstream servers
            } finally {
                proxy.close();
            }
        }
    }
}
