package org.qtastudio.catalog.importers.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qtastudio.catalog.importers.mcp.McpTestServers.assertNoServerLeft;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.importers.ImportException;
import org.qtastudio.catalog.imports.ImportReport;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.common.CancelledException;
import org.qtastudio.common.Json;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;

/**
 * Live MCP import against real servers from npm ({@link McpTestServers}): what is stored is what the server's own
 * {@code tools/list} says, read without the SDK; re-import changes nothing; a configuration imports every server;
 * and a server that cannot start, exits, writes garbage, answers garbage over HTTP, times out or is cancelled fails
 * with its name, stores nothing, and leaves no process behind.
 */
class McpLiveImportTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Far below {@link #TIMEOUT}: a failure is noticed when it happens, not when the timeout runs out. */
    private static final long FAST_MILLIS = 15_000;

    @TempDir
    Path dir;

    private static List<ImportReport> importServers(Workspace ws, List<McpServer> servers, Duration timeout, Progress progress)
            throws Exception {
        return new ImportService(ws).importServers(servers, null, null, timeout, false, progress);
    }

    private static McpServer stdio(List<String> command) {
        return new McpServer(null, command, Map.of(), null, Map.of());
    }

    private static List<Tool> tools(Workspace ws, String catalog) {
        CatalogStore store = new CatalogStore(ws);
        return store.tools(store.require(catalog).id());
    }

    /** Each stored tool is the server's own entry: key NAMESPACE/name in the server's order, description, input schema, whole document. */
    private static void assertSameTools(List<JsonNode> expected, List<Tool> stored, String namespace) {
        assertEquals(expected.stream().map(t -> namespace + "/" + t.get("name").asText()).toList(), stored.stream().map(Tool::key).toList());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode document = Json.read(stored.get(i).documentJson(), new com.fasterxml.jackson.core.type.TypeReference<JsonNode>() { });
            assertEquals(expected.get(i).path("description").asText(""), stored.get(i).description(), stored.get(i).key());
            assertEquals(expected.get(i).get("inputSchema"), document.get("inputSchema"), stored.get(i).key());
            assertEquals(expected.get(i), document, "the whole tools/list entry is kept, fields the SDK does not model included");
        }
    }

    @Test
    void referenceServersImportWhatTheirToolsListSaysAndReimportChangesNothing() throws Exception {
        record Case(List<String> command, String catalog) {
        }
        List<Case> cases = List.of(
                new Case(McpTestServers.command("mcp-server-everything"), "everything"),
                new Case(McpTestServers.command("mcp-server-memory"), "memory-server"),
                new Case(McpTestServers.command("mcp-server-filesystem", dir.toString()), "secure-filesystem-server"));
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            for (Case c : cases) {
                List<JsonNode> expected = McpTestServers.rawToolsList(c.command(), Map.of());
                assertTrue(expected.size() >= 5, c.catalog() + " lists its tools: " + expected.size());
                ImportReport first = importServers(ws, List.of(stdio(c.command())), TIMEOUT, Progress.NONE).getFirst();
                assertEquals(c.catalog(), first.catalog(), "the catalog is named after serverInfo.name");
                assertEquals(new ImportReport.Counts(expected.size(), 0, 0), first.tools());
                assertSameTools(expected, tools(ws, c.catalog()), c.catalog());
                ImportReport again = importServers(ws, List.of(stdio(c.command())), TIMEOUT, Progress.NONE).getFirst();
                assertEquals(new ImportReport.Counts(0, 0, expected.size()), again.tools(), "re-import: all unchanged");
            }
        }
        assertNoServerLeft();
    }

    /**
     * A server's {@code tools/list} is all it offers: re-importing it removes the tools of its namespace it no longer
     * lists (here a tool stored from a file under the server's namespace), reports them as removed, and keeps gold that
     * named one on its query as unresolved gold; tools of another namespace stay. A dry run reports the same and stores
     * nothing.
     */
    @Test
    void reimportingAServerRemovesTheToolsOfItsNamespaceItNoLongerListsKeepingTheirGoldUnresolved() throws Exception {
        Path retired = Files.writeString(dir.resolve("retired.json"), """
                {"tools": [{"name": "retired_tool", "description": "a tool this server listed once", "inputSchema": {"type": "object"}}]}""");
        Path other = Files.writeString(dir.resolve("other.json"), """
                {"tools": [{"name": "kept_tool", "description": "another server's tool", "inputSchema": {"type": "object"}}]}""");
        List<String> everything = McpTestServers.command("mcp-server-everything");
        int listed = McpTestServers.rawToolsList(everything, Map.of()).size();
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportService service = new ImportService(ws);
            service.importSource(new ImportSource(retired, Map.of(), null, "everything", null), "mcp", "everything", Progress.NONE);
            service.importSource(new ImportSource(other, Map.of(), null, "elsewhere", null), "mcp", "everything", Progress.NONE);
            CatalogStore store = new CatalogStore(ws);
            long catalog = store.require("everything").id();
            store.addQuery(catalog, "call the retired tool and the kept one", Split.TRAIN, List.of("everything/retired_tool", "elsewhere/kept_tool"));

            ImportReport dry = service.importServers(List.of(stdio(everything)), null, null, TIMEOUT, true, Progress.NONE).getFirst();
            assertEquals(new ImportReport.Counts(listed, 0, 0, 1), dry.tools());
            assertEquals(List.of("elsewhere/kept_tool", "everything/retired_tool"), tools(ws, "everything").stream().map(Tool::key).sorted().toList(),
                    "a dry run stores nothing");

            ImportReport report = importServers(ws, List.of(stdio(everything)), TIMEOUT, Progress.NONE).getFirst();
            assertEquals(new ImportReport.Counts(listed, 0, 0, 1), report.tools());
            UserQuery query = store.queries(catalog, null).getFirst();
            assertEquals(Map.of(query.key(), List.of("everything/retired_tool")), report.goldOfRemovedTools());
            assertEquals(List.of("elsewhere/kept_tool"), query.gold());
            assertEquals(List.of("everything/retired_tool"), query.unresolvedGold(), "the removed tool's gold stays, unresolved");
            List<String> keys = tools(ws, "everything").stream().map(Tool::key).toList();
            assertEquals(listed + 1, keys.size());
            assertTrue(keys.contains("elsewhere/kept_tool") && !keys.contains("everything/retired_tool"), keys.toString());
            assertTrue(report.outcome(false).startsWith("Stored in catalog 'everything': " + listed + " tools added, 1 removed"),
                    report.outcome(false));

            ImportReport again = importServers(ws, List.of(stdio(everything)), TIMEOUT, Progress.NONE).getFirst();
            assertEquals(new ImportReport.Counts(0, 0, listed, 0), again.tools());
            assertEquals("Nothing changed in catalog 'everything': " + listed + " tools unchanged.", again.outcome(false));
        }
        assertNoServerLeft();
    }

    /**
     * A configuration whose key now starts another server (fewer tools, other names): its namespace becomes that server's
     * tools, the first server's are removed, and the namespace of the configuration's other server is left alone.
     */
    @Test
    void aConfigurationKeyThatNowStartsAnotherServerReplacesOnlyThatNamespace() throws Exception {
        List<String> everything = McpTestServers.command("mcp-server-everything");
        List<String> memory = McpTestServers.command("mcp-server-memory");
        int everythingTools = McpTestServers.rawToolsList(everything, Map.of()).size();
        int memoryTools = McpTestServers.rawToolsList(memory, Map.of()).size();
        Path before = dir.resolve("before.json");
        Files.writeString(before, Json.write(Map.of("mcpServers", Map.of(
                "tools", Map.of("command", "node", "args", everything.subList(1, 2)),
                "notes", Map.of("command", "node", "args", memory.subList(1, 2))))));
        Path after = dir.resolve("after.json");
        Files.writeString(after, Json.write(Map.of("mcpServers", Map.of("tools", Map.of("command", "node", "args", memory.subList(1, 2))))));
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportService service = new ImportService(ws);
            service.importServers(List.copyOf(McpClientConfig.read(before).values()), "shared", null, TIMEOUT, false, Progress.NONE);
            ImportReport report = service.importServers(List.copyOf(McpClientConfig.read(after).values()), "shared", null, TIMEOUT, false,
                    Progress.NONE).getFirst();
            assertEquals(new ImportReport.Counts(memoryTools, 0, 0, everythingTools), report.tools());
            List<String> keys = tools(ws, "shared").stream().map(Tool::key).toList();
            assertEquals(2 * memoryTools, keys.size(), keys.toString());
            assertEquals(memoryTools, keys.stream().filter(k -> k.startsWith("notes/")).count(), "the other server's namespace stays");
        }
        assertNoServerLeft();
    }

    @Test
    void aConfigurationImportsEveryServerWithItsEnvironmentFollowingNextCursor() throws Exception {
        Map<String, String> env = Map.of("TOOL_NOTE", " (set in the configuration)", "PAGE_SIZE", "7");
        Path config = dir.resolve("claude_desktop_config.json");
        Files.writeString(config, Json.write(Map.of("mcpServers", Map.of(
                "paged", Map.of("command", "node", "args", McpTestServers.pagingServer().subList(1, 2), "env", env),
                "memory", Map.of("command", "node", "args", McpTestServers.command("mcp-server-memory").subList(1, 2))))));
        List<JsonNode> paged = McpTestServers.rawToolsList(McpTestServers.pagingServer(), env);
        List<JsonNode> memory = McpTestServers.rawToolsList(McpTestServers.command("mcp-server-memory"), Map.of());
        assertEquals(25, paged.size(), "four pages of 7, read by the raw exchange");
        assertTrue(paged.getFirst().get("description").asText().endsWith(" (set in the configuration)"), paged.getFirst().toString());
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            List<ImportReport> reports = importServers(ws, List.copyOf(McpClientConfig.read(config).values()), TIMEOUT, Progress.NONE);
            assertEquals(2, reports.size());
            assertSameTools(paged, tools(ws, "paged"), "paged");
            assertSameTools(memory, tools(ws, "memory"), "memory");
            assertEquals(List.of("memory", "paged"), new CatalogStore(ws).catalogs().stream().map(c -> c.name()).sorted().toList());
        }
        assertNoServerLeft();
    }

    @Test
    void aStreamableHttpServerImportsLikeItsStdioSelf() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(McpTestServers.command("mcp-server-everything", "streamableHttp"));
        builder.environment().put("PORT", Integer.toString(port));
        Process http = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitListening(http);
            List<JsonNode> expected = McpTestServers.rawToolsList(McpTestServers.command("mcp-server-everything"), Map.of());
            Path config = dir.resolve("mcp.json");
            Files.writeString(config, """
                    // VS Code's layout, with a comment and a trailing comma as VS Code allows
                    {"servers": {"remote": {"type": "http", "url": "http://127.0.0.1:%d/mcp",}}}""".formatted(port));
            try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
                ImportReport report = importServers(ws, List.copyOf(McpClientConfig.read(config).values()), TIMEOUT, Progress.NONE).getFirst();
                assertEquals("remote", report.catalog());
                assertEquals("http://127.0.0.1:" + port + "/mcp", report.source());
                assertSameTools(expected, tools(ws, "remote"), "remote");
            }
        } finally {
            http.descendants().forEach(ProcessHandle::destroyForcibly);
            http.destroyForcibly().waitFor();
        }
    }

    private static void awaitListening(Process server) throws Exception {
        CompletableFuture<Void> listening = CompletableFuture.runAsync(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null && !line.contains("listening on port")) {
                    // the banner comes first
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        listening.get(60, TimeUnit.SECONDS);
    }

    @Test
    void aServerThatCannotStartExitsWritesGarbageOrIsSilentFailsWithItsNameAndStoresNothing() throws Exception {
        record Case(List<String> command, Duration timeout, String message) {
        }
        List<Case> cases = List.of(
                new Case(List.of("false"), TIMEOUT, "MCP server `false`: exited with code 1 before answering initialize"),
                new Case(List.of("qta-no-such-program", "--stdio"), TIMEOUT,
                        "MCP server `qta-no-such-program --stdio`: cannot start it: no such command 'qta-no-such-program'"),
                new Case(List.of("sh", "-c", "echo notjson; sleep 5"), TIMEOUT,
                        "MCP server `sh -c 'echo notjson; sleep 5'`: wrote a line that is not a JSON-RPC message to its standard output"),
                new Case(List.of("sh", "-c", "echo 'cannot find my config' >&2; exit 3"), TIMEOUT,
                        "MCP server `sh -c 'echo '\\''cannot find my config'\\'' >&2; exit 3'`: exited with code 3 before answering"
                                + " initialize; its last error output: cannot find my config"),
                new Case(List.of("sh", "-c", "sleep 30"), Duration.ofSeconds(1),
                        "MCP server `sh -c 'sleep 30'`: did not answer initialize within 1 s"));
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            for (Case c : cases) {
                long start = System.nanoTime();
                ImportException e = assertThrows(ImportException.class,
                        () -> importServers(ws, List.of(stdio(c.command())), c.timeout(), Progress.NONE));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(e.getMessage().startsWith(c.message()), e.getMessage());
                assertTrue(millis < FAST_MILLIS, c.command() + " took " + millis + " ms");
                assertEquals(List.of(), new CatalogStore(ws).catalogs(), "nothing stored for " + c.command());
                assertNoServerLeft();
            }
        }
    }

    @Test
    void oneFailingServerOfAConfigurationStoresNoneOfThem() throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, Json.write(Map.of("mcpServers", Map.of(
                "memory", Map.of("command", "node", "args", McpTestServers.command("mcp-server-memory").subList(1, 2)),
                "broken", Map.of("command", "sh", "args", List.of("-c", "exit 7"))))));
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            ImportException e = assertThrows(ImportException.class,
                    () -> importServers(ws, List.copyOf(McpClientConfig.read(config).values()), TIMEOUT, Progress.NONE));
            assertTrue(e.getMessage().startsWith("MCP server 'broken' (`sh -c 'exit 7'`): exited with code 7"), e.getMessage());
            assertEquals(List.of(), new CatalogStore(ws).catalogs());
        }
        assertNoServerLeft();
    }

    @Test
    void anHttpServerThatAnswersSomethingOtherThanJsonRpcFailsWithItsAddress() throws Exception {
        HttpServer garbage = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        garbage.createContext("/mcp", exchange -> {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1); // no event stream, as MCP allows
                exchange.close();
                return;
            }
            byte[] body = "this is not json".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        garbage.start();
        String url = "http://127.0.0.1:" + garbage.getAddress().getPort() + "/mcp";
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            long start = System.nanoTime();
            ImportException e = assertThrows(ImportException.class,
                    () -> importServers(ws, List.of(McpServer.http(url)), TIMEOUT, Progress.NONE));
            assertTrue(e.getMessage().startsWith("MCP server at " + url + ": answered initialize with something that is not JSON-RPC"),
                    e.getMessage());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < FAST_MILLIS);
            assertEquals(List.of(), new CatalogStore(ws).catalogs());
        } finally {
            garbage.stop(0);
        }
    }

    @Test
    void cancellingEndsTheWaitAndTheServer() throws Exception {
        long start = System.nanoTime();
        Progress cancelAfterASecond = new Progress() {
            @Override
            public void update(String message, long done, long total) {
            }

            @Override
            public boolean isCancelled() {
                return System.nanoTime() - start > TimeUnit.SECONDS.toNanos(1);
            }
        };
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            assertThrows(CancelledException.class,
                    () -> importServers(ws, List.of(stdio(List.of("sh", "-c", "sleep 30"))), TIMEOUT, cancelAfterASecond));
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < FAST_MILLIS);
            assertEquals(List.of(), new CatalogStore(ws).catalogs());
        }
        assertNoServerLeft();
    }
}
