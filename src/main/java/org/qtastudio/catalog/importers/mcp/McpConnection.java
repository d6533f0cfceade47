package org.qtastudio.catalog.importers.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.qtastudio.catalog.importers.ImportException;
import org.qtastudio.common.CancelledException;
import org.qtastudio.common.Json;
import org.qtastudio.common.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A session with one live MCP server through the MCP Java SDK's client: {@link #open} starts the server (stdio) or
 * connects to it (streamable HTTP) and initializes; the session stays until {@link #close}, which always ends the
 * server's processes. Import lists a server's tools through one ({@link McpToolLister}); the MCP proxy keeps one per
 * upstream server and forwards tool calls through it. Every wait is bounded by the timeout and ends at once when
 * the server fails (exits, writes something that is not JSON-RPC, refuses the connection) or the user cancels; each
 * failure is one {@link ImportException} that names the server and what it did. Tools may be called from several
 * threads at once.
 */
public final class McpConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(McpConnection.class);

    /** How often a wait looks at the cancel flag and the transport's failures. */
    private static final long POLL_MILLIS = 100;

    /** How much longer than the timeout the SDK's own timeouts are. */
    private static final Duration BACKSTOP = Duration.ofSeconds(10);

    /** How long closing waits for the session's goodbye before the server's processes are ended regardless. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private static final McpSchema.Implementation CLIENT = new McpSchema.Implementation("qta-studio",
            McpConnection.class.getPackage().getImplementationVersion() == null ? "development"
                    : McpConnection.class.getPackage().getImplementationVersion());

    private final McpServer server;
    private final Duration timeout;
    private final Watched transport;
    private final McpAsyncClient client;
    private final AtomicBoolean closed = new AtomicBoolean();
    private McpSchema.InitializeResult initialized;

    private McpConnection(McpServer server, Duration timeout) {
        this.server = server;
        this.timeout = timeout;
        McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
        this.transport = new Watched(server.isStdio() ? new StdioTransport(server, json) : http(server, json, timeout));
        // the SDK's own timeouts only back ours up: ours fire first and name the request
        Duration backstop = timeout.plus(BACKSTOP);
        this.client = McpClient.async(transport).clientInfo(CLIENT).requestTimeout(backstop).initializationTimeout(backstop).build();
    }

    /**
     * A session with {@code server}, initialized; throws {@link ImportException} naming the server when it cannot
     * start, connect or initialize (its processes are ended then), {@link CancelledException} when the user cancels.
     */
    public static McpConnection open(McpServer server, Duration timeout, Progress progress) {
        McpConnection connection = new McpConnection(server, timeout);
        try {
            progress.update((server.isStdio() ? "Starting " : "Connecting to ") + server.label(), 0, -1);
            connection.initialized = connection.await(connection.client.initialize(), "initialize", progress);
            return connection;
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static McpClientTransport http(McpServer server, McpJsonMapper json, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        server.headers().forEach(request::header);
        String url = server.url().toString();
        return HttpClientStreamableHttpTransport.builder(url).endpoint(url).jsonMapper(json).requestBuilder(request)
                .connectTimeout(timeout).build();
    }

    public McpServer server() {
        return server;
    }

    /**
     * The server's name and all its tools: every page of {@code tools/list}, following {@code nextCursor}, each entry
     * as the server sent it, fields the SDK does not model included.
     */
    public McpToolListing listTools(Progress progress) {
        if (initialized.capabilities() == null || initialized.capabilities().tools() == null) {
            throw failure("offers no tools: its initialize result has no 'tools' capability", null);
        }
        String name = initialized.serverInfo() == null ? null : initialized.serverInfo().name();
        List<JsonNode> tools = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String cursor = McpSchema.FIRST_PAGE;
        do {
            McpSchema.ListToolsResult page = await(client.listTools(cursor), "tools/list", progress);
            tools.addAll(transport.documents());
            cursor = page.nextCursor();
            if (cursor != null && !cursors.add(cursor)) {
                throw failure("answered tools/list with the cursor '" + cursor + "' a second time; stopped after "
                        + tools.size() + " tools instead of paging forever", null);
            }
            progress.update("Listing the tools of " + server.label() + ": " + tools.size(), tools.size(), -1);
        } while (cursor != null && !cursor.isEmpty());
        return new McpToolListing(server, name, tools);
    }

    /**
     * The server's result of calling its tool {@code name}, as it answered, a result with {@code isError} included; a
     * JSON-RPC error, no answer within the timeout or a failed server is an {@link ImportException} naming the server.
     */
    public McpSchema.CallToolResult callTool(String name, Map<String, Object> arguments) {
        return await(client.callTool(new McpSchema.CallToolRequest(name, arguments)), "tools/call", Progress.NONE);
    }

    /**
     * The answer to one request, waiting at most the timeout, and less when the server fails or the user cancels
     * first: the SDK's session notices neither a dead process nor a broken stream until its own timeout.
     */
    private <T> T await(Mono<T> request, String method, Progress progress) {
        CompletableFuture<T> answer = request.toFuture();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return answer.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                Throwable failed = transport.failure.get();
                if (failed != null) {
                    answer.cancel(true);
                    throw failure(explain(failed, method), failed);
                }
                if (progress.isCancelled()) {
                    answer.cancel(true);
                    throw new CancelledException();
                }
                if (System.nanoTime() - deadline > 0) {
                    answer.cancel(true);
                    throw failure(noAnswer(method), null);
                }
            } catch (ExecutionException e) {
                // the transport's own account of a failure (an exit code, the bad line) says more than the session's
                Throwable failed = transport.failure.get() != null ? transport.failure.get() : e.getCause();
                throw failure(explain(failed, method), failed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer.cancel(true);
                throw new CancelledException();
            }
        }
    }

    private String noAnswer(String method) {
        return "did not answer " + method + " within " + timeout.toSeconds() + " s (a longer timeout waits longer: --mcp-timeout SECONDS,"
                + " or Timeout in the import dialog)";
    }

    /** What the server did, from the failure the SDK or the transport reported, to read after the server's name. */
    private String explain(Throwable failure, String method) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StdioTransport.ServerFailure f) {
                return f.getMessage() + (f.getMessage().startsWith("exited") || f.getMessage().startsWith("closed")
                        ? " before answering " + method : "");
            }
            if (t instanceof McpError e) {
                var error = e.getJsonRpcError();
                return "answered " + method + " with a JSON-RPC error" + (error == null ? ": " + e.getMessage()
                        : " " + error.code() + ": " + error.message());
            }
            if (t instanceof TimeoutException) {
                return noAnswer(method);
            }
            if (t instanceof UnknownHostException) {
                return "cannot connect: unknown host " + server.url().getHost();
            }
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
                return "cannot connect: " + (t instanceof HttpConnectTimeoutException ? "timed out" : "connection refused")
                        + " (is the server running at that address?)";
            }
            if (t instanceof McpHttpClientTransportAuthorizationException a) {
                return "refused the request with HTTP " + a.getResponseInfo().statusCode()
                        + "; give the credentials it needs as \"headers\" in an MCP client configuration (--mcp-config)";
            }
            if (t instanceof JsonProcessingException j) {
                return "answered " + method + " with something that is not JSON-RPC: " + j.getOriginalMessage();
            }
            if (t instanceof IllegalArgumentException && t.getMessage() != null && t.getMessage().contains("JSON")) {
                return "answered " + method + " with a result that does not fit the MCP schema: " + t.getMessage();
            }
        }
        return "failed during " + method + ": " + (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
    }

    /** The failure, naming the server, with what a stdio server last wrote to stderr (often the reason). */
    private ImportException failure(String problem, Throwable cause) {
        String stderr = transport.delegate instanceof StdioTransport stdio ? stdio.lastErrors() : "";
        return new ImportException(server.label(), problem + stderr, cause);
    }

    /**
     * Ends the session, then makes sure the server's processes are gone whatever the session's close did. Safe to
     * call more than once and from any thread; requests still waiting fail.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            client.closeGracefully().block(CLOSE_WAIT);
        } catch (RuntimeException e) {
            LOG.debug("closing the session with {} failed", server.label(), e);
        } finally {
            if (transport.delegate instanceof StdioTransport stdio) {
                stdio.stop();
            }
        }
    }

    /**
     * The SDK's transport, watched: the first failure it reports (on connect, on send, or through its exception
     * handler, where the SDK's HTTP transport reports a response it cannot parse) ends the current wait, and each
     * {@code tools/list} result is kept as the server sent it, fields the SDK does not model included
     * (e.g. {@code execution}), so a live server imports exactly as a file of its {@code tools/list} would. A
     * server's {@code notifications/tools/list_changed} is dropped: the SDK would answer it by listing the tools
     * again in the background, which the import does not need and which would end in an error once it closes.
     */
    private static final class Watched implements McpClientTransport {

        private final McpClientTransport delegate;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicReference<Object> lastToolsResult = new AtomicReference<>();

        Watched(McpClientTransport delegate) {
            this.delegate = delegate;
        }

        private void fail(Throwable t) {
            if (failure.compareAndSet(null, t)) {
                LOG.debug("MCP transport failed", t);
            }
        }

        @Override
        public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
            return delegate.connect(messages -> handler.apply(messages.filter(m -> !(m instanceof McpSchema.JSONRPCNotification n
                    && McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED.equals(n.method()))))).doOnError(this::fail);
        }

        @Override
        public void setExceptionHandler(Consumer<Throwable> handler) {
            delegate.setExceptionHandler(t -> {
                fail(t);
                handler.accept(t);
            });
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return delegate.sendMessage(message).doOnError(this::fail);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return delegate.closeGracefully();
        }

        @Override
        public List<String> protocolVersions() {
            return delegate.protocolVersions();
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            if (typeRef.getType().equals(McpSchema.ListToolsResult.class)) {
                lastToolsResult.set(data);
            }
            return delegate.unmarshalFrom(data, typeRef);
        }

        /** The tools of the page just answered, as the server sent them: the import's requests are the only tools/list. */
        List<JsonNode> documents() {
            List<JsonNode> tools = new ArrayList<>();
            Json.MAPPER.valueToTree(lastToolsResult.getAndSet(null)).path("tools").forEach(tools::add);
            return tools;
        }
    }
}
