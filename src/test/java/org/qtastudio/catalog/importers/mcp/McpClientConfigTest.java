package org.qtastudio.catalog.importers.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.importers.ImportException;

/** Client configurations in the layouts the clients write, and command lines as a shell splits them; no server runs here. */
class McpClientConfigTest {

    @TempDir
    Path dir;

    private Map<String, McpServer> read(String json) throws Exception {
        return McpClientConfig.read(Files.writeString(dir.resolve("config.json"), json));
    }

    @Test
    void claudeDesktopAndCursorLayoutGivesEveryServerInOrderWithItsEnvironment() throws Exception {
        Map<String, McpServer> servers = read("""
                {"mcpServers": {
                  "memory": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"],
                             "env": {"MEMORY_FILE_PATH": "/tmp/memory.jsonl"}},
                  "remote": {"url": "https://example.test/mcp", "headers": {"Authorization": "Bearer x"}}
                }, "globalShortcut": ""}""");
        assertEquals(List.of("memory", "remote"), List.copyOf(servers.keySet()));
        McpServer memory = servers.get("memory");
        assertEquals(List.of("npx", "-y", "@modelcontextprotocol/server-memory"), memory.command());
        assertEquals(Map.of("MEMORY_FILE_PATH", "/tmp/memory.jsonl"), memory.env());
        assertEquals("MCP server 'memory' (`npx -y @modelcontextprotocol/server-memory`)", memory.label());
        McpServer remote = servers.get("remote");
        assertEquals(URI.create("https://example.test/mcp"), remote.url());
        assertEquals(Map.of("Authorization", "Bearer x"), remote.headers());
        assertEquals("https://example.test/mcp", remote.origin(), "headers, which hold secrets, stay out of the recorded source");
    }

    @Test
    void vsCodeLayoutWithTypesCommentsAndTrailingCommas() throws Exception {
        Map<String, McpServer> servers = read("""
                {
                  // VS Code's .vscode/mcp.json
                  "servers": {
                    "fs": {"type": "stdio", "command": "node", "args": ["server.js", "/data dir"],},
                    "web": {"type": "http", "url": "http://127.0.0.1:3001/mcp"},
                  },
                  "inputs": []
                }""");
        assertEquals(List.of("node", "server.js", "/data dir"), servers.get("fs").command());
        assertEquals("node server.js '/data dir'", servers.get("fs").origin());
        assertEquals("MCP server 'web' at http://127.0.0.1:3001/mcp", servers.get("web").label());
    }

    @Test
    void whatCannotBeImportedIsNamedWithTheServersKey() {
        record Case(String json, String message) {
        }
        for (Case c : List.of(
                new Case("{\"mcpServers\": {\"old\": {\"type\": \"sse\", \"url\": \"http://127.0.0.1:1/sse\"}}}",
                        "server 'old' uses the SSE transport, which import does not speak"),
                new Case("{\"mcpServers\": {\"odd\": {\"name\": \"x\"}}}", "server 'odd' has neither \"command\""),
                new Case("{\"servers\": {\"half\": {\"type\": \"http\"}}}", "server 'half' has \"type\": \"http\" without the \"url\""),
                new Case("{\"mcpServers\": {\"a\": {\"command\": \"x\", \"args\": \"-y\"}}}", "server 'a' has \"args\" that is not a list"),
                new Case("{\"mcpServers\": {\"a\": {\"command\": \"x\", \"env\": {\"K\": {}}}}}", "server 'a' has \"env\" entry 'K'"),
                new Case("{\"mcpServers\": {}}", "the configuration lists no MCP servers"),
                new Case("{\"tools\": []}", "not an MCP client configuration"))) {
            ImportException e = assertThrows(ImportException.class, () -> read(c.json()), c.json());
            assertTrue(e.getMessage().contains(c.message()), e.getMessage());
            assertTrue(e.getMessage().startsWith(dir.resolve("config.json").toString()), "names the file: " + e.getMessage());
        }
    }

    @Test
    void aBrokenFileIsReportedWhereItBreaks() {
        ImportException e = assertThrows(ImportException.class, () -> read("{\"mcpServers\": {\n  \"a\": {\"command\": }\n}}"));
        assertEquals(2, e.line(), e.getMessage());
    }

    @Test
    void aCommandLineSplitsAsAShellWouldAndShowsTheSameWay() {
        McpServer s = McpServer.stdio("sh -c 'echo notjson; sleep 5'");
        assertEquals(List.of("sh", "-c", "echo notjson; sleep 5"), s.command());
        assertEquals("sh -c 'echo notjson; sleep 5'", s.origin());
        assertEquals(List.of("a b", "c\"d", "e f", "g'h"), McpServer.stdio("\"a b\" \"c\\\"d\" e\\ f \"g'h\"").command());
        assertEquals(McpServer.stdio("\"a b\" \"c\\\"d\" e\\ f \"g'h\"").command(), McpServer.stdio(McpServer.stdio("\"a b\" \"c\\\"d\" e\\ f \"g'h\"").origin()).command(),
                "the command line shown runs the same command");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> McpServer.stdio("  ")).getMessage().contains("--mcp-stdio needs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> McpServer.stdio("sh -c 'oops")).getMessage().contains("unclosed '"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> McpServer.http("127.0.0.1:3001/mcp")).getMessage()
                .contains("is not an http(s) URL"));
    }

    @Test
    void theDefaultNameIsTheLastPartOfTheServersName() {
        assertEquals("everything", new McpToolListing(McpServer.stdio("server"), "mcp-servers/everything", List.of()).shortName());
        assertEquals("server-filesystem", new McpToolListing(McpServer.stdio("server"), "io.github.modelcontextprotocol/server-filesystem", List.of()).shortName());
        assertEquals("memory-server", new McpToolListing(McpServer.stdio("server"), "memory-server", List.of()).shortName());
        assertEquals("mcp-server", new McpToolListing(McpServer.stdio("server"), " ", List.of()).shortName());
    }
}
