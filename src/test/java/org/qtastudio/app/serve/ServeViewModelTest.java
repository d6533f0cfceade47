package org.qtastudio.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.FxTest;
import org.qtastudio.app.TaskRunner;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.TestData;
import org.qtastudio.common.Json;
import org.qtastudio.serve.ServeStats;
import org.qtastudio.store.Workspace;

/**
 * The Serve screen's state without a window, on MTRB RestBench: Start on free ports serves real HTTP and MCP requests,
 * whose figures and logged queries the screen shows; Stop (or closing the window's context) frees the ports; settings
 * that cannot be served disable Start and say why; a port in use is a sentence, not a stack trace.
 */
class ServeViewModelTest {

    private static final String CATALOG = "mtrb-restbench";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Workspace workspace;
    private AppContext context;
    private Catalog restBench;
    private ServeViewModel model;

    @BeforeEach
    void restBench() throws Exception {
        workspace = Workspace.open(Files.createTempDirectory("qta-serve-vm").resolve("vm.qta"));
        TestData.importInto(workspace, TestData.dataset("mtrb", "restbench"), null, null);
    }

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        } else {
            workspace.close();
        }
    }

    /** The screen on RestBench, its work run by {@code runner} (null: the application's background pool). */
    private void serveRestBench(TaskRunner runner) throws Exception {
        context = new AppContext(workspace, runner);
        restBench = context.catalogs().require(CATALOG);
        model = FxTest.call(() -> new ServeViewModel(context));
        FxTest.run(() -> model.catalogProperty().set(restBench));
        FxTest.settle();
    }

    @Test
    void servesHttpAndMcpOnFreePortsShowsFiguresAndLoggedQueriesThenStopsAndFreesThePorts() throws Exception {
        serveRestBench(TaskRunner.CURRENT_THREAD);
        FxTest.run(() -> {
            model.form().jsonApiPortProperty().set("0");
            model.form().mcpPortProperty().set("0");
            model.form().logQueriesProperty().set(true);
            assertEquals("", model.startProblemProperty().get());
            assertNotNull(model.start());
        });
        FxTest.settle();
        FxTest.run(() -> assertEquals(ServeViewModel.State.RUNNING, model.stateProperty().get(), model.messageProperty().get()));
        URI jsonApi = URI.create(FxTest.call(() -> model.jsonApiAddressProperty().get()));
        URI mcp = URI.create(FxTest.call(() -> model.mcpAddressProperty().get()));
        assertEquals("127.0.0.1", jsonApi.getHost());
        assertTrue(jsonApi.getPort() > 0 && mcp.getPort() > 0 && jsonApi.getPort() != mcp.getPort(), jsonApi + " and " + mcp);
        assertEquals("/mcp", mcp.getPath());
        String served = FxTest.call(() -> model.servedProperty().get());
        assertTrue(served.contains("catalog '" + CATALOG + "' (54 tools)") && served.contains("BM25"), served);
        assertEquals("Serving " + CATALOG, FxTest.call(() -> model.servingSummaryProperty().get()));

        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(jsonApi.resolve("v1/tool-search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"find movies similar to Alien\", \"k\": 3}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode tools = Json.MAPPER.readTree(answer.body()).get("tools");
        assertEquals(3, tools.size(), answer.body());
        try (McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(mcp.resolve("/").toString())
                .endpoint(mcp.getPath()).build()).requestTimeout(Duration.ofSeconds(60)).build()) {
            client.initialize();
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("search_tools",
                    Map.of("query", "who directed the movie Alien", "k", 2)));
            assertFalse(Boolean.TRUE.equals(result.isError()), String.valueOf(result));
        }

        // the figures are read about once a second; the log is stored by its own thread: wait for both to show
        awaitOnFx("two requests counted and logged", () -> {
            model.refresh();
            ServeStats s = model.statsProperty().get();
            return s != null && s.requests() == 2 && model.logged().size() == 2;
        });
        FxTest.run(() -> {
            ServeStats s = model.statsProperty().get();
            assertEquals(0, s.errors());
            assertEquals(0, s.fallbacks(), "no rewriter is served, so none fell back");
            assertTrue(s.p50Millis() > 0 && s.p50Millis() <= s.p90Millis() && s.p90Millis() <= s.p99Millis(), s.toString());
            LoggedRow http = model.logged().get(1); // newest first: the MCP request came second
            assertEquals("find movies similar to Alien", http.query());
            assertEquals("—", http.rewrite(), "no rewriter: no rewrite and no fallback");
            assertEquals(String.join(", ", List.of(tools.get(0).get("key").asText(), tools.get(1).get("key").asText(),
                    tools.get(2).get("key").asText())), http.tools(), "the logged tools are those answered, best first");
            assertEquals("who directed the movie Alien", model.logged().get(0).query());
            assertEquals(restBench, model.loggedCatalogProperty().get());
        });
        assertTrue(context.catalogs().queries(restBench.id(), Split.UNLABELLED).stream()
                .anyMatch(q -> q.text().equals("find movies similar to Alien")), "a logged query is an unlabelled query to label");

        FxTest.run(() -> assertNotNull(model.stop()));
        FxTest.settle();
        FxTest.run(() -> {
            assertEquals(ServeViewModel.State.STOPPED, model.stateProperty().get());
            assertEquals(2, model.statsProperty().get().requests(), "the last figures stay");
            assertTrue(model.messageProperty().get().startsWith("Stopped after 2 requests"), model.messageProperty().get());
            assertEquals("", model.jsonApiAddressProperty().get());
            assertEquals("", model.servingSummaryProperty().get());
            assertEquals(2, model.logged().size());
        });
        assertPortFree(jsonApi);
        assertPortFree(mcp);
        assertThrows(ConnectException.class, () -> HTTP.send(HttpRequest.newBuilder(jsonApi.resolve("v1/info")).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void closingTheWindowsContextStopsTheServer() throws Exception {
        serveRestBench(TaskRunner.CURRENT_THREAD);
        FxTest.run(() -> {
            model.form().jsonApiPortProperty().set("0");
            model.form().mcpProperty().set(false);
            model.start();
        });
        FxTest.settle();
        URI jsonApi = URI.create(FxTest.call(() -> model.jsonApiAddressProperty().get()));
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(jsonApi.resolve("v1/info")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
        assertEquals("", FxTest.call(() -> model.mcpAddressProperty().get()), "MCP was not ticked");
        context.close();
        assertPortFree(jsonApi);
    }

    @Test
    void settingsThatCannotBeServedDisableStartAndSayWhy() throws Exception {
        serveRestBench(TaskRunner.CURRENT_THREAD);
        FxTest.run(() -> {
            ServeForm form = model.form();
            assertFalse(form.logQueriesProperty().get(), "the query log is off unless the user turns it on");
            assertEquals("127.0.0.1", form.hostProperty().get());
            assertEquals("", model.startProblemProperty().get(), "the defaults can be served");
            form.jsonApiPortProperty().set("80a");
            assertProblem("The JSON API's port must be a whole number from 0 (any free port) to 65535, not '80a'.");
            form.jsonApiPortProperty().set("70000");
            assertProblem("The JSON API's port must be a whole number from 0 (any free port) to 65535, not '70000'.");
            form.jsonApiPortProperty().set("9000");
            form.mcpPortProperty().set("9000");
            assertProblem("The JSON API and MCP need different ports, not both 9000; or 0 for each to pick a free one.");
            form.mcpPortProperty().set("0");
            form.jsonApiProperty().set(false);
            form.mcpProperty().set(false);
            assertProblem("Tick JSON API over HTTP, MCP over streamable HTTP, or both.");
            form.mcpProperty().set(true);
            form.hostProperty().set(" ");
            assertProblem("Give the host to listen on: 127.0.0.1 for this machine alone.");
            form.hostProperty().set("my machine");
            assertProblem("The host must be a host name or an IP address such as 127.0.0.1, not 'my machine'.");
            form.hostProperty().set("127.0.0.1");
            form.retriever().k1Property().set("x");
            assertProblem("k1 must be a number such as 0.75, not 'x'.");
            form.retriever().k1Property().set("1.2");
            form.latencyBudgetProperty().set("soon");
            assertEquals("", model.startProblemProperty().get(), "without a rewriter the latency budget is not used");
            model.catalogProperty().set(null);
            assertProblem("Choose a catalog to serve.");
        });
    }

    @Test
    void aHostOtherThanThisMachineIsWarnedAbout() throws Exception {
        serveRestBench(TaskRunner.CURRENT_THREAD);
        FxTest.run(() -> {
            assertEquals("", model.hostWarningProperty().get());
            model.form().hostProperty().set("0.0.0.0");
            assertTrue(model.hostWarningProperty().get().contains("anyone on a network this machine is on"), model.hostWarningProperty().get());
            model.form().hostProperty().set("192.168.1.20");
            assertTrue(model.hostWarningProperty().get().contains("anyone who can reach 192.168.1.20"));
            assertTrue(model.hostWarningProperty().get().contains("no authentication"));
            model.form().hostProperty().set("localhost");
            assertEquals("", model.hostWarningProperty().get());
            assertEquals("", model.startProblemProperty().get(), "a warning, not a refusal");
        });
    }

    @Test
    void aPortInUseIsReportedInASentenceAndNothingKeepsRunning() throws Exception {
        serveRestBench(TaskRunner.CURRENT_THREAD);
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            FxTest.run(() -> {
                model.form().jsonApiPortProperty().set(String.valueOf(port));
                model.form().mcpProperty().set(false);
                model.start();
            });
            FxTest.settle();
            FxTest.run(() -> {
                assertEquals(ServeViewModel.State.STOPPED, model.stateProperty().get());
                assertTrue(model.errorProperty().get());
                assertEquals("Port " + port + " on 127.0.0.1 is already in use by another program: choose another port for the "
                        + "JSON API, or 0 for any free one.", model.messageProperty().get());
                model.form().jsonApiProperty().set(false);
                assertEquals("", model.messageProperty().get(), "the error was about the settings before this change");
                assertFalse(model.errorProperty().get());
                model.form().mcpProperty().set(true);
                model.form().mcpPortProperty().set(String.valueOf(port));
                model.start();
            });
            FxTest.settle();
            FxTest.run(() -> {
                assertEquals(ServeViewModel.State.STOPPED, model.stateProperty().get());
                assertEquals("Port " + port + " on 127.0.0.1 is already in use by another program: choose another port for the "
                        + "MCP server, or 0 for any free one.", model.messageProperty().get());
                assertEquals("", model.servingSummaryProperty().get());
            });
        }
        // the JSON API of a failed start was stopped: serving both on the JSON API's free port works at once
        FxTest.run(() -> {
            model.form().jsonApiProperty().set(true);
            model.form().jsonApiPortProperty().set("0");
            model.form().mcpPortProperty().set("0");
            model.start();
        });
        FxTest.settle();
        FxTest.run(() -> {
            assertEquals(ServeViewModel.State.RUNNING, model.stateProperty().get(), model.messageProperty().get());
            assertFalse(model.errorProperty().get());
        });
    }

    @Test
    void aHostThatIsNotThisMachinesIsReportedInASentence() throws Exception {
        serveRestBench(TaskRunner.CURRENT_THREAD);
        FxTest.run(() -> {
            model.form().hostProperty().set("192.0.2.1"); // TEST-NET-1: documentation only, never an address of this machine
            model.form().jsonApiPortProperty().set("0");
            model.form().mcpProperty().set(false);
            assertFalse(model.hostWarningProperty().get().isEmpty());
            model.start();
        });
        FxTest.settle();
        FxTest.run(() -> {
            assertEquals(ServeViewModel.State.STOPPED, model.stateProperty().get());
            assertTrue(model.errorProperty().get());
            String message = model.messageProperty().get();
            assertTrue(message.startsWith("The JSON API cannot listen on 192.0.2.1:0 (") && message.endsWith(
                    "): the host must be a name or address of this machine, such as 127.0.0.1."), message);
        });
    }

    @Test
    void aCancelledStartLeavesNothingServed() throws Exception {
        serveRestBench(null); // the application's pool: the start runs while the screen goes on
        int port;
        try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        FxTest.run(() -> {
            // a dense retriever loads its model and embeds the catalog first: a start that takes seconds
            model.form().retriever().kindProperty().set(org.qtastudio.app.baselines.RetrieverKind.DENSE);
            model.form().jsonApiPortProperty().set(String.valueOf(port));
            model.form().mcpProperty().set(false);
            assertNotNull(model.start());
            assertEquals(ServeViewModel.State.STARTING, model.stateProperty().get());
            assertTrue(model.workingProperty().get());
            model.cancel();
        });
        awaitOnFx("the start has ended", () -> !model.workingProperty().get());
        FxTest.run(() -> {
            assertEquals(ServeViewModel.State.STOPPED, model.stateProperty().get(), model.messageProperty().get());
            assertEquals("Start cancelled: nothing is served.", model.messageProperty().get());
            assertEquals("", model.jsonApiAddressProperty().get());
        });
        // had the servers come up just before the cancel, they are stopped in the background: wait for that work
        awaitOnFx("no work left", () -> context.runningWork().isEmpty());
        assertPortFree(URI.create("http://127.0.0.1:" + port + "/"));
    }

    private void assertProblem(String expected) {
        assertEquals(expected, model.startProblemProperty().get());
        assertNull(model.start(), "Start refuses");
        assertEquals(expected, model.messageProperty().get(), "and says why");
        assertEquals(ServeViewModel.State.STOPPED, model.stateProperty().get());
    }

    /** Nothing listens on the address's port any more: it can be bound again. */
    private static void assertPortFree(URI address) throws IOException {
        try (ServerSocket again = new ServerSocket(address.getPort(), 50, InetAddress.getByName(address.getHost()))) {
            assertEquals(address.getPort(), again.getLocalPort());
        }
    }

    /** Calls {@code condition} on the FX thread every 50 ms until it holds; fails after a minute with {@code what}. */
    private static void awaitOnFx(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!FxTest.call(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
