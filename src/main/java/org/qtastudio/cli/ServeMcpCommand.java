package org.qtastudio.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.qtastudio.catalog.imports.ImportReport;
import org.qtastudio.common.Plurals;
import org.qtastudio.serve.ServeStats;
import org.qtastudio.serve.ToolSearchService;
import org.qtastudio.serve.mcp.McpProxy;
import org.qtastudio.serve.mcp.McpToolSearchServer;
import org.qtastudio.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code serve mcp}: the tool search as an MCP server with a {@code search_tools} tool, over stdio or streamable HTTP. */
@Command(name = "mcp", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve a catalog's tool search as an MCP server with one tool, search_tools(query, k, namespace): "
                + "over stdio (for a client that starts it; the default) or streamable HTTP at http://HOST:PORT/mcp.",
                "With --proxy CONFIG the servers of an MCP client configuration (mcpServers) are imported into the catalog "
                        + "and kept running, and a second tool, call_tool(name, arguments), forwards a call to the server "
                        + "that owns the tool: an agent sees two tools instead of hundreds.",
                "Its rankings are those of `qta-studio search` with the same retriever options. Logs go to stderr."})
public final class ServeMcpCommand implements Callable<Integer> {

    /** How MCP clients reach the server. */
    enum Transport { stdio, http }

    /** The catalog a proxy imports its upstream servers' tools into when --catalog is not given. */
    static final String PROXY_CATALOG = "mcp-proxy";

    /** How often the command looks whether it was asked to stop. */
    private static final long POLL_MILLIS = 100;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ServeOptions serve;

    @Option(names = "--transport", description = "stdio or http. Default: ${DEFAULT-VALUE}")
    Transport transport = Transport.stdio;

    @Option(names = "--host", description = "With --transport http: the address to listen on. The server has no "
            + "authentication: keep it on the loopback. Default: ${DEFAULT-VALUE}")
    String host = McpToolSearchServer.LOOPBACK;

    @Option(names = "--port", description = "With --transport http: the port; 0 picks a free one (printed at start). "
            + "Default: ${DEFAULT-VALUE}")
    int port = 8766;

    @Option(names = "--proxy", paramLabel = "CONFIG", description = "An MCP client configuration file (Claude Desktop / Cursor "
            + "mcpServers, VS Code servers): import its servers' tools into the catalog (--catalog, default "
            + PROXY_CATALOG + "), keep the servers running and serve call_tool too.")
    Path proxy;

    @Option(names = "--mcp-timeout", paramLabel = "SECONDS",
            description = "With --proxy: how long an upstream server may take to start or to answer. Default: ${DEFAULT-VALUE}")
    int mcpTimeout = 60;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 0 (any free port) and 65535, got " + port);
        }
        if (mcpTimeout < 1) {
            throw new IllegalArgumentException("--mcp-timeout must be at least 1 second, got " + mcpTimeout);
        }
        if (transport == Transport.stdio) {
            McpToolSearchServer.takeStdout(); // before anything can print: stdout carries JSON-RPC alone
        }
        PrintWriter err = spec.commandLine().getErr();
        CliProgress progress = new CliProgress(System.err);
        ServeStats last;
        try (SignalCancel signal = SignalCancel.install(progress);
             Workspace w = serve.openWorkspace();
             McpProxy upstream = proxy == null ? null : connect(w, progress, err);
             ToolSearchService search = serve.open(w, progress);
             McpToolSearchServer server = new McpToolSearchServer(search, upstream)) {
            err.println("serving " + search.describe());
            if (search.logsQueries()) {
                err.println("query log on: every query is stored in " + w.file() + " as an unlabelled query of catalog '"
                        + search.catalog().name() + "', with a row per request");
            }
            if (transport == Transport.http) {
                URI uri = server.startHttp(host, port);
                err.println("listening on " + uri + " (MCP streamable HTTP); stop with Ctrl-C or SIGTERM");
                err.flush();
                waitUntil(progress, null);
            } else {
                err.println("serving MCP on stdin/stdout until the client closes stdin (or Ctrl-C, SIGTERM)");
                err.flush();
                Thread session = Thread.ofPlatform().daemon().name("mcp-stdio").start(() -> {
                    try {
                        server.serveStdio();
                    } catch (java.io.IOException e) {
                        err.println("error: reading stdin failed: " + e.getMessage());
                    }
                });
                waitUntil(progress, session);
            }
            err.println("stopping ...");
            err.flush();
            server.close(); // no new requests while the query log is flushed; the proxy's servers end
            last = search.stats();
        }
        err.println(String.format(Locale.ROOT, "stopped after %s (%s, %d without the rewriter); latency p50 %.2f ms, p99 %.2f ms",
                Plurals.count(last.requests(), "request", "requests"), Plurals.count(last.errors(), "error", "errors"),
                last.fallbacks(), last.p50Millis(), last.p99Millis()));
        err.flush();
        return 0;
    }

    private McpProxy connect(Workspace w, CliProgress progress, PrintWriter err) throws java.io.IOException {
        if (serve.catalog.name == null) {
            serve.catalog.name = PROXY_CATALOG;
        }
        McpProxy p = McpProxy.importAndConnect(w, proxy, serve.catalog.name, Duration.ofSeconds(mcpTimeout), progress);
        for (ImportReport report : p.imports()) {
            err.println(report.outcome(false));
        }
        err.println("proxying " + String.join(", ", p.servers()));
        return p;
    }

    /** Until a signal cancels {@code progress} or, for stdio, the client has closed stdin ({@code session} ended). */
    private static void waitUntil(CliProgress progress, Thread session) throws InterruptedException {
        while (!progress.isCancelled() && (session == null || session.isAlive())) {
            Thread.sleep(POLL_MILLIS);
        }
    }
}
