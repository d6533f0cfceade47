package org.qtastudio.app.serve;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import org.qtastudio.common.CancelledException;
import org.qtastudio.common.Progress;
import org.qtastudio.serve.ToolSearchService;
import org.qtastudio.serve.http.HttpToolSearchServer;
import org.qtastudio.serve.mcp.McpToolSearchServer;
import org.qtastudio.store.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one Start of the Serve screen runs: the tool search, opened once, and the servers that put it on the wire (the
 * JSON API, MCP over streamable HTTP, or both). A server that cannot listen is reported in a sentence that says what to
 * change; whatever had started by then is stopped again, so a failed start leaves nothing running.
 */
public final class ServingSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServingSession.class);

    private final ServePlan plan;
    private final ToolSearchService search;
    private HttpToolSearchServer jsonApi;
    private McpToolSearchServer mcp;
    private URI jsonApiAddress;
    private URI mcpAddress;

    private ServingSession(ServePlan plan, ToolSearchService search) {
        this.plan = plan;
        this.search = search;
    }

    /**
     * Opens the search {@code plan} describes on {@code workspace} (building the retriever's index or embedding the
     * catalog first when needed, reported to {@code progress}) and starts its servers. Cancelled through
     * {@code progress}, it stops what it started and throws {@link CancelledException}.
     */
    public static ServingSession start(Workspace workspace, ServePlan plan, Progress progress) {
        progress.update("Opening the tool search of " + plan.config().catalog(), 0, -1);
        ToolSearchService search = ToolSearchService.open(workspace, plan.config(), progress);
        ServingSession session = new ServingSession(plan, search);
        try {
            progress.checkCancelled();
            if (plan.jsonApiPort() != null) {
                progress.update("Starting the JSON API", 0, -1);
                session.jsonApi = new HttpToolSearchServer(search, plan.host(), plan.jsonApiPort());
                session.jsonApiAddress = listen("JSON API", plan.host(), plan.jsonApiPort(), session.jsonApi::start);
            }
            progress.checkCancelled();
            if (plan.mcpPort() != null) {
                progress.update("Starting the MCP server", 0, -1);
                session.mcp = new McpToolSearchServer(search);
                session.mcpAddress = listen("MCP server", plan.host(), plan.mcpPort(), () -> session.mcp.startHttp(plan.host(), plan.mcpPort()));
            }
            progress.checkCancelled();
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Starting one server: its address, or what keeps it from listening. */
    @FunctionalInterface
    private interface Listening {
        URI start() throws IOException;
    }

    private static URI listen(String server, String host, int port, Listening start) {
        try {
            return start.start();
        } catch (IOException | RuntimeException e) {
            LOG.debug("the {} cannot listen on {}:{}", server, host, port, e);
            throw cannotListen(server, host, port, e);
        }
    }

    /**
     * The sentence for a server that cannot listen: a port in use is the usual case. It carries no cause on purpose: the
     * screens' messages read causes (an unknown host would read as an unreachable Hugging Face hub); the log has it.
     */
    static IllegalArgumentException cannotListen(String server, String host, int port, Throwable error) {
        BindException bind = null;
        Throwable innermost = error;
        for (Throwable t = error; t != null; t = t.getCause()) {
            innermost = t;
            if (t instanceof BindException b) {
                bind = b;
            }
        }
        String why = bind != null ? bind.getMessage()
                : innermost instanceof UnknownHostException || innermost instanceof UnresolvedAddressException
                ? "no address is known for that name" : innermost.getMessage();
        if (bind != null && port != 0 && why != null && why.toLowerCase(java.util.Locale.ROOT).contains("in use")) {
            return new IllegalArgumentException("Port " + port + " on " + host + " is already in use by another program: choose "
                    + "another port for the " + server + ", or 0 for any free one");
        }
        return new IllegalArgumentException("The " + server + " cannot listen on " + host + ":" + port + " ("
                + (why == null || why.isBlank() ? error.getClass().getSimpleName() : why.strip())
                + "): the host must be a name or address of this machine, such as 127.0.0.1");
    }

    /** The plan this session serves. */
    public ServePlan plan() {
        return plan;
    }

    /** The tool search both servers answer from: its description and its figures. */
    public ToolSearchService search() {
        return search;
    }

    /** Where the JSON API listens ({@code http://HOST:PORT/}), or null when it is not served. */
    public URI jsonApiAddress() {
        return jsonApiAddress;
    }

    /** Where the MCP endpoint listens ({@code http://HOST:PORT/mcp}), or null when it is not served. */
    public URI mcpAddress() {
        return mcpAddress;
    }

    /**
     * Stops the servers (letting requests under way finish), then closes the search, which stores the queries still
     * queued for the log. Closes all of them even when one fails; the first failure is thrown. Idempotent.
     */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (AutoCloseable part : new AutoCloseable[] {mcp, jsonApi, search}) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
