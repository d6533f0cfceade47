package org.qtastudio.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.qtastudio.common.Plurals;
import org.qtastudio.serve.ServeStats;
import org.qtastudio.serve.ToolSearchService;
import org.qtastudio.serve.http.HttpToolSearchServer;
import org.qtastudio.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code serve http}: the tool search as a JSON API over HTTP, until Ctrl-C or SIGTERM. */
@Command(name = "http", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve a catalog's tool search as a JSON API over HTTP until Ctrl-C or SIGTERM: "
                + "POST /v1/tool-search {\"query\": \"...\", \"k\": 5, \"namespace\": null}, GET /v1/info, GET /openapi.json.",
                "Its rankings are those of `qta-studio search` with the same retriever options."})
public final class ServeHttpCommand implements Callable<Integer> {

    /** How often the command looks whether it was asked to stop. */
    private static final long POLL_MILLIS = 100;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ServeOptions serve;

    @Option(names = "--host", description = "Address to listen on. The API has no authentication: keep it on the loopback "
            + "unless a proxy in front guards it. Default: ${DEFAULT-VALUE}")
    String host = HttpToolSearchServer.DEFAULT_HOST;

    @Option(names = "--port", description = "Port to listen on; 0 picks a free one (printed at start). Default: ${DEFAULT-VALUE}")
    int port = 8765;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 0 (any free port) and 65535, got " + port);
        }
        PrintWriter err = spec.commandLine().getErr();
        CliProgress progress = new CliProgress(System.err);
        ServeStats last;
        try (SignalCancel signal = SignalCancel.install(progress);
             Workspace w = serve.openWorkspace();
             ToolSearchService search = serve.open(w, progress);
             HttpToolSearchServer server = new HttpToolSearchServer(search, host, port)) {
            URI uri = server.start();
            err.println("serving " + search.describe());
            err.println("listening on " + uri + " (POST " + uri.resolve("v1/tool-search") + ", GET " + uri.resolve("v1/info")
                    + ", GET " + uri.resolve("openapi.json") + ")");
            if (search.logsQueries()) {
                err.println("query log on: every query is stored in " + w.file() + " as an unlabelled query of catalog '"
                        + search.catalog().name() + "', with a row per request");
            }
            err.println("stop with Ctrl-C or SIGTERM");
            err.flush();
            while (!progress.isCancelled()) {
                Thread.sleep(POLL_MILLIS);
            }
            err.println("stopping ...");
            err.flush();
            server.close(); // no new requests while the query log is flushed
            last = search.stats();
        }
        err.println(String.format(Locale.ROOT, "stopped after %s (%s, %d without the rewriter); latency p50 %.2f ms, p99 %.2f ms",
                Plurals.count(last.requests(), "request", "requests"), Plurals.count(last.errors(), "error", "errors"),
                last.fallbacks(), last.p50Millis(), last.p99Millis()));
        err.flush();
        return 0;
    }
}
