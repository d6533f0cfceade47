package org.qtastudio.serve.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.qtastudio.serve.ToolSearchService;

/**
 * The tool search as a small JSON API over HTTP (Jetty, one servlet): {@code POST /v1/tool-search},
 * {@code GET /v1/info} and {@code GET /openapi.json}, documented in docs/serving.md and by the OpenAPI document
 * itself. Every answer, errors included, is JSON; errors are {@code {"error": {"status", "message"}}}.
 *
 * <p>Bound to {@link #DEFAULT_HOST} unless told otherwise: the API has no authentication, so it is for agents on the
 * same machine. Port 0 picks a free port; {@link #start()} says which.
 */
public final class HttpToolSearchServer implements AutoCloseable {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The largest request body accepted: a query is a sentence or two; anything near this is not a search. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** Request threads at most: beyond the cores, more threads only queue on the CPU. */
    private static final int MAX_THREADS = 64;
    /** How long stopping lets requests in progress finish. */
    private static final long STOP_MILLIS = 5_000;

    private final String host;
    private final Server server;
    private final ServerConnector connector;

    /** A server for {@code search} on {@code host}:{@code port}, not yet listening; the caller closes {@code search} after it. */
    public HttpToolSearchServer(ToolSearchService search, String host, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 (any free port) and 65535, got " + port);
        }
        this.host = host == null || host.isBlank() ? DEFAULT_HOST : host.strip();
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4);
        threads.setName("qta-http");
        threads.setDaemon(true);
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(this.host);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder("tool-search", new ToolSearchServlet(search, MAX_BODY_BYTES)), "/");
        context.setErrorHandler(new JsonErrorHandler());
        server.setHandler(context);
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(STOP_MILLIS);
    }

    /** Starts listening and returns the server's address, e.g. {@code http://127.0.0.1:41234/}. */
    public URI start() {
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            if (e instanceof IOException && (e instanceof BindException || e.getCause() instanceof BindException)) {
                throw new UncheckedIOException("cannot listen on " + host + ":" + connector.getPort() + " (" + e.getMessage()
                        + "): is another server on that port? choose another --port, or 0 for any free one", (IOException) e);
            }
            throw new IllegalStateException("cannot start the HTTP server on " + host + ":" + connector.getPort() + ": " + e.getMessage(), e);
        }
        return uri();
    }

    /** The address the server listens on (its actual port once started). */
    public URI uri() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + connector.getLocalPort() + "/");
    }

    /** Stops listening, letting requests in progress finish (a few seconds at most). Idempotent. */
    @Override
    public void close() {
        if (server.isStopped()) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP server did not stop cleanly: " + e.getMessage(), e);
        }
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // starting failed already; that error is the one reported
        }
    }
}
