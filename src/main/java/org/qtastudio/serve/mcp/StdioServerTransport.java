package org.qtastudio.serve.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.qtastudio.common.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * MCP's stdio transport on the server side: one session, newline-delimited JSON-RPC on an input and an output
 * stream. The SDK's own {@code StdioServerTransportProvider} ends the session at the first line that is not a
 * JSON-RPC message and gives its caller no way to wait for the end of the input; this one answers such a line with
 * the JSON-RPC error the specification names (parse error, invalid request) and keeps serving, and {@link #run}
 * returns once the input has ended and the requests under way have been answered.
 */
final class StdioServerTransport implements McpServerTransportProvider {

    private static final Logger LOG = LoggerFactory.getLogger(StdioServerTransport.class);

    /** The longest line read as a message (the SDK's limit): a longer one is answered with an error and skipped. */
    static final int MAX_LINE_CHARS = 16 * 1024 * 1024;

    /**
     * How long the end of the input waits for requests still being answered: longer than any search, and as long as
     * the proxy waits for an upstream server by default. A request sent before the session was initialized is never
     * answered (the SDK holds it until then), so the wait cannot be unbounded.
     */
    private static final Duration DRAIN = Duration.ofSeconds(60);

    private final InputStream in;
    private final OutputStream out;
    private final McpJsonMapper json;
    private McpServerSession session;

    StdioServerTransport(InputStream in, OutputStream out, McpJsonMapper json) {
        this.in = in;
        this.out = out;
        this.json = json;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory sessionFactory) {
        session = sessionFactory.create(new SessionTransport());
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return session.sendNotification(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return session == null ? Mono.empty() : session.closeGracefully();
    }

    /**
     * Reads and answers messages until the input ends, then waits (a bounded time) for the answers still under way.
     * Requests are handled concurrently, as the SDK's transports handle them.
     */
    void run() throws IOException {
        Sinks.Many<McpSchema.JSONRPCMessage> inbound = Sinks.many().unicast().onBackpressureBuffer();
        CompletableFuture<Void> handled = inbound.asFlux()
                .flatMap(message -> session.handle(message).onErrorResume(e -> {
                    LOG.warn("handling an MCP message failed: {}", e.toString());
                    return Mono.empty();
                }))
                .then().toFuture();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            while (true) {
                String line;
                try {
                    line = readLine(reader);
                } catch (LineTooLong e) {
                    writeError(null, McpSchema.ErrorCodes.INVALID_REQUEST, e.getMessage());
                    continue;
                }
                if (line == null) {
                    break;
                }
                McpSchema.JSONRPCMessage message = line.isBlank() ? null : parse(line);
                if (message != null) {
                    inbound.tryEmitNext(message);
                }
            }
        } finally {
            inbound.tryEmitComplete();
            try {
                handled.get(DRAIN.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                LOG.warn("the input ended with requests still unanswered after {} s; stopping without their answers",
                        DRAIN.toSeconds());
            } catch (ExecutionException e) {
                LOG.warn("handling MCP messages failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The next line without its line break, or null at the end of the input; a line longer than
     * {@link #MAX_LINE_CHARS} is read to its end and refused, so that the next one is read as usual.
     */
    private static String readLine(BufferedReader reader) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = reader.read()) != -1 && c != '\n') {
            if (line.length() == MAX_LINE_CHARS) {
                while ((c = reader.read()) != -1 && c != '\n') {
                    // skipped with the rest of the line
                }
                throw new LineTooLong();
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return c == -1 && line.isEmpty() ? null : line.toString();
    }

    /** The message on {@code line}, or null after answering a line that is none with a JSON-RPC error. */
    private McpSchema.JSONRPCMessage parse(String line) {
        try {
            return McpSchema.deserializeJsonRpcMessage(json, line);
        } catch (IOException | IllegalArgumentException e) {
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (JsonProcessingException notJson) {
                writeError(null, McpSchema.ErrorCodes.PARSE_ERROR, "Parse error: the line is not JSON: " + notJson.getOriginalMessage());
                return null;
            }
            JsonNode id = node.path("id");
            writeError(id.isTextual() || id.isIntegralNumber() ? id : null, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: not a JSON-RPC 2.0 message; expected an object with \"method\" (a request or"
                            + " notification) or with \"result\" or \"error\" (a response)");
            return null;
        }
    }

    /** A JSON-RPC error response written here: the SDK's response type refuses the null id that a parse error has. */
    private void writeError(JsonNode id, int code, String message) {
        ObjectNode response = Json.MAPPER.createObjectNode().put("jsonrpc", McpSchema.JSONRPC_VERSION);
        response.set("id", id);
        response.putObject("error").put("code", code).put("message", message);
        try {
            writeLine(Json.write(response));
        } catch (IOException e) {
            LOG.warn("cannot write to the MCP client: {}", e.toString());
        }
    }

    private void writeLine(String message) throws IOException {
        byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    /** The session's side: what the SDK sends goes out as one line each. */
    private final class SessionTransport implements McpServerTransport {

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromRunnable(() -> {
                try {
                    // a serialized message has no raw line breaks: JSON escapes them inside strings
                    writeLine(json.writeValueAsString(message));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write to the MCP client", e);
                }
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return json.convertValue(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }

    /** A line over {@link #MAX_LINE_CHARS}, already skipped. */
    private static final class LineTooLong extends IOException {
        LineTooLong() {
            super("Invalid Request: a message longer than " + MAX_LINE_CHARS + " characters was skipped");
        }
    }
}
