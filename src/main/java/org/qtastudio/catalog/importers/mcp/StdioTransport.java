package org.qtastudio.catalog.importers.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * MCP over stdio: starts the server as a child process and exchanges newline-delimited JSON-RPC on its standard input
 * and output. The SDK's own {@code StdioClientTransport} keeps its process to itself, so a server that exits at once
 * or writes something that is not JSON-RPC shows only in its log while the request waits out its timeout; this one
 * reports either at once, with the exit code and the server's last error output, through the transport's exception
 * handler, and on close ends the whole process tree ({@code npx} and {@code sh -c} start children of their own).
 */
final class StdioTransport implements McpClientTransport {

    private static final Logger LOG = LoggerFactory.getLogger(StdioTransport.class);

    /** How many of the server's last stderr lines an error quotes. */
    private static final int STDERR_LINES = 5;

    /** ENOENT as {@link ProcessBuilder#start()} reports it ("error=2," or "error: 2"). */
    private static final Pattern NOT_FOUND = Pattern.compile("error(=|: )2\\b");

    /** How much of a line that is not JSON-RPC an error quotes. */
    private static final int QUOTE_CHARS = 200;

    private final McpServer server;
    private final McpJsonMapper json;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private volatile Consumer<Throwable> exceptionHandler = t -> { };
    private volatile boolean closing;
    private volatile Process process;
    private Thread stderrReader;

    StdioTransport(McpServer server, McpJsonMapper json) {
        this.server = server;
        this.json = json;
    }

    /** Starts the server at once, in the caller's thread, so that the first request finds it running. */
    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> start(handler));
    }

    private synchronized void start(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        ProcessBuilder builder = new ProcessBuilder(server.command());
        builder.environment().putAll(server.env());
        try {
            process = builder.start();
        } catch (IOException e) {
            String reason = e.getMessage() != null && NOT_FOUND.matcher(e.getMessage()).find()
                    ? "no such command '" + server.command().getFirst() + "' (is it installed and on the PATH?)"
                    : e.getMessage();
            throw new ServerFailure("cannot start it: " + reason, e);
        }
        stderrReader = Thread.ofPlatform().daemon().name("mcp-stderr").start(this::readStderr);
        Thread.ofPlatform().daemon().name("mcp-stdout").start(() -> readStdout(handler));
    }

    private void readStdout(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                McpSchema.JSONRPCMessage message;
                try {
                    message = McpSchema.deserializeJsonRpcMessage(json, line);
                } catch (IOException | RuntimeException e) {
                    fail(new ServerFailure("wrote a line that is not a JSON-RPC message to its standard output"
                            + " (where MCP allows nothing else): " + quote(line), e));
                    return;
                }
                handler.apply(Mono.just(message)).subscribe(m -> { }, this::fail);
            }
        } catch (IOException e) {
            if (!closing) {
                fail(new ServerFailure("its standard output failed: " + e.getMessage(), e));
            }
            return;
        }
        if (!closing) {
            fail(new ServerFailure(ended()));
        }
    }

    private void readStderr() {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                LOG.debug("{} stderr: {}", server.label(), line);
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_LINES) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
            }
        } catch (IOException e) {
            LOG.debug("reading the stderr of {} failed", server.label(), e);
        }
    }

    /** Why the server stopped answering: its exit code, when it has exited within a moment. */
    private String ended() {
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                return "closed its standard output";
            }
            stderrReader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "exited with code " + process.exitValue();
    }

    /** The last lines the server wrote to stderr, as the end of an error message; empty when it wrote none. */
    String lastErrors() {
        synchronized (stderrTail) {
            return stderrTail.isEmpty() ? "" : "; its last error output: " + quote(String.join(" | ", stderrTail));
        }
    }

    private static String quote(String text) {
        String t = text.strip();
        return t.length() <= QUOTE_CHARS ? t : t.substring(0, QUOTE_CHARS) + "...";
    }

    private void fail(Throwable t) {
        exceptionHandler.accept(t);
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        this.exceptionHandler = handler;
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.fromRunnable(() -> {
            if (process == null) {
                throw new ServerFailure("was not started");
            }
            try {
                byte[] line = (json.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
                OutputStream in = process.getOutputStream();
                synchronized (this) {
                    in.write(line);
                    in.flush();
                }
            } catch (IOException e) {
                throw new ServerFailure(process.isAlive() ? "cannot write to its standard input: " + e.getMessage() : ended(), e);
            }
        });
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.<Void>fromRunnable(this::stop).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Ends the server and every process it started: closes its input (the MCP way to ask a stdio server to stop),
     * then SIGTERM, then SIGKILL, a moment apart. Safe to call more than once, and before the server started.
     */
    synchronized void stop() {
        closing = true;
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = process.descendants().toList();
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("closing the stdin of {} failed", server.label(), e);
        }
        ProcessHandle main = process.toHandle();
        if (!exits(main, System.nanoTime() + TimeUnit.SECONDS.toNanos(1))) {
            main.destroy();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        Stream.concat(Stream.of(main), tree.stream()).filter(p -> !exits(p, deadline)).forEach(ProcessHandle::destroyForcibly);
    }

    /** Whether {@code p} has exited by {@code deadline} ({@link System#nanoTime()}). */
    private static boolean exits(ProcessHandle p, long deadline) {
        try {
            p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return json.convertValue(data, typeRef);
    }

    /** What the server did wrong, said so that it reads after the server's name. */
    static final class ServerFailure extends RuntimeException {
        ServerFailure(String message) {
            super(message);
        }

        ServerFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
