package org.qtastudio.serve.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.qtastudio.common.Json;
import org.qtastudio.serve.ToolSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ToolSearch} served to agents as an MCP server named {@code qta-studio} with one tool,
 * {@code search_tools}, and in proxy mode a second, {@code call_tool} ({@link McpProxy}): over stdio
 * ({@link #serveStdio}), the way a client starts a local server, or over streamable HTTP ({@link #startHttp}), bound
 * to loopback unless told otherwise, with the SDK's protection against DNS rebinding (the {@code Host} and
 * {@code Origin} headers are checked). Built on the official MCP Java SDK's server and Jetty.
 *
 * <p>Closing stops the HTTP server and ends the proxy's upstream servers; it is quick and safe to call more than
 * once, from a shutdown hook too. The {@link ToolSearch} stays open: whoever opened it closes it.
 */
public final class McpToolSearchServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(McpToolSearchServer.class);

    /** The streamable-HTTP endpoint's path. */
    public static final String ENDPOINT = "/mcp";

    /** The host {@link #startHttp} binds to when given none: this machine alone. */
    public static final String LOOPBACK = "127.0.0.1";

    private static final String NAME = "qta-studio";

    private static final String VERSION = McpToolSearchServer.class.getPackage().getImplementationVersion() == null
            ? "development" : McpToolSearchServer.class.getPackage().getImplementationVersion();

    /** How long stopping the HTTP server waits for requests under way. */
    private static final long STOP_MILLIS = 2000;

    /** The names an HTTP client may give this machine by: a name that resolves here but is not one is refused. */
    private static final List<String> LOOPBACK_NAMES = List.of("127.0.0.1", "localhost", "[::1]");

    /** Lenient about fields it does not know, as the application's mapper is. */
    private static final McpJsonMapper JSON = new JacksonMcpJsonMapper(Json.MAPPER);

    private static OutputStream jsonRpcOut;

    private final ToolSearch search;
    private final McpProxy proxy;
    private final List<McpSyncServer> servers = new ArrayList<>();
    private Server jetty;
    private boolean closed;

    /** Serves {@code search} alone: an agent calls the tools it finds by their names, as it has them. */
    public McpToolSearchServer(ToolSearch search) {
        this(search, null);
    }

    /**
     * Proxy mode: serves {@code search} (over the catalog the proxy's servers were imported into) and
     * {@code call_tool} through {@code proxy}, which this server closes with itself.
     */
    public McpToolSearchServer(ToolSearch search, McpProxy proxy) {
        this.search = search;
        this.proxy = proxy;
    }

    /**
     * This process's standard output, kept for JSON-RPC alone: from the first call on, {@code System.out} prints to
     * standard error, and so does any library that logs or prints through it. Call it before anything can print
     * (before the search is opened) when serving over stdio; {@link #serveStdio()} calls it too.
     */
    public static synchronized OutputStream takeStdout() {
        if (jsonRpcOut == null) {
            System.out.flush();
            jsonRpcOut = new FileOutputStream(FileDescriptor.out);
            System.setOut(System.err);
        }
        return jsonRpcOut;
    }

    /** Serves over this process's standard input and output until the input ends (the client closed it). */
    public void serveStdio() throws IOException {
        serveStdio(System.in, takeStdout());
    }

    /**
     * Serves one client over newline-delimited JSON-RPC on {@code in} and {@code out} until {@code in} ends; a line
     * that is not a JSON-RPC message is answered with a JSON-RPC error and the next one is read as usual.
     */
    public void serveStdio(InputStream in, OutputStream out) throws IOException {
        StdioServerTransport transport = new StdioServerTransport(in, out, JSON);
        McpSyncServer server;
        synchronized (this) {
            requireOpen();
            server = build(McpServer.sync(transport));
            servers.add(server);
        }
        try {
            transport.run();
        } finally {
            server.closeGracefully();
        }
    }

    /**
     * Starts serving over streamable HTTP at {@code http://HOST:PORT/mcp} and returns that address; {@code port} 0
     * picks a free one, {@code host} null is {@link #LOOPBACK}. Requests whose {@code Host} header names another
     * machine (unless bound to all addresses) or whose {@code Origin} is a web page not on this machine are refused.
     */
    public synchronized URI startHttp(String host, int port) throws IOException {
        requireOpen();
        if (jetty != null) {
            throw new IllegalStateException("the HTTP server is already started");
        }
        String bind = host == null || host.isBlank() ? LOOPBACK : host.strip();
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(JSON).mcpEndpoint(ENDPOINT).securityValidator(dnsRebindingProtection(bind)).build();
        servers.add(build(McpServer.sync(transport)));
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(bind);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder servlet = new ServletHolder("mcp", transport);
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, ENDPOINT);
        server.setHandler(context);
        server.setStopTimeout(STOP_MILLIS);
        try {
            server.start();
        } catch (Exception e) {
            stop(server);
            throw new IOException("cannot serve MCP over HTTP at " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        jetty = server;
        try {
            return new URI("http", null, bind, connector.getLocalPort(), ENDPOINT, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + bind + "' is not a host name or address", e);
        }
    }

    /**
     * The SDK's check of the {@code Host} and {@code Origin} headers: a page on another site that a browser is made
     * to send to this machine (DNS rebinding, a cross-site request) is refused. Bound to all addresses, any
     * {@code Host} is accepted, as this server cannot know the names it is reached by.
     */
    private static ServerTransportSecurityValidator dnsRebindingProtection(String bind) throws IOException {
        InetAddress address = InetAddress.getByName(bind);
        String literal = bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
        List<String> names = new ArrayList<>(LOOPBACK_NAMES);
        if (!address.isLoopbackAddress() && !address.isAnyLocalAddress()) {
            names.add(literal);
        }
        DefaultServerTransportSecurityValidator.Builder validator = DefaultServerTransportSecurityValidator.builder();
        for (String name : names) {
            validator.allowedOrigin("http://" + name + ":*").allowedOrigin("https://" + name + ":*");
            if (!address.isAnyLocalAddress()) {
                validator.allowedHost(name + ":*");
            }
        }
        return validator.build();
    }

    private McpSyncServer build(McpServer.SyncSpecification<?> specification) {
        List<McpServerFeatures.SyncToolSpecification> tools = new ArrayList<>();
        tools.add(SearchToolsTool.of(search, proxy == null
                ? "To use a tool found here, call it by its name with arguments that follow its input schema."
                : "To use a tool found here, call the " + McpProxy.CALL_TOOL + " tool with its key (server/tool) and"
                        + " arguments that follow its input schema."));
        if (proxy != null) {
            tools.add(proxy.toolSpecification());
        }
        return specification.serverInfo(NAME, VERSION)
                .instructions("Tool search over " + search.describe() + ". Call " + SearchToolsTool.NAME
                        + " with what you want to do to find the tools for it.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(tools)
                // search_tools checks its arguments itself, with the messages every front end gives
                .validateToolInputs(false)
                .jsonMapper(JSON)
                .build();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the MCP server is closed");
        }
    }

    /** Stops the HTTP server, ends the sessions and the proxy's upstream servers; quick, and safe to call again. */
    @Override
    public void close() {
        List<McpSyncServer> sessions;
        Server http;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            sessions = List.copyOf(servers);
            http = jetty;
        }
        for (McpSyncServer server : sessions) {
            try {
                server.closeGracefully();
            } catch (RuntimeException e) {
                LOG.debug("closing an MCP session failed", e);
            }
        }
        if (http != null) {
            stop(http);
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private static void stop(Server http) {
        try {
            http.stop();
        } catch (Exception e) {
            LOG.warn("stopping the MCP HTTP server failed: {}", e.toString());
        }
    }
}
