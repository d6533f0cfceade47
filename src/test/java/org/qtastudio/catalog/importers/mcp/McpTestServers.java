package org.qtastudio.catalog.importers.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.qtastudio.common.Hashing;
import org.qtastudio.common.Json;

/**
 * The real MCP servers that the live-import and MCP proxy tests start, and the MCP Inspector CLI that the MCP server
 * tests call, from npm: {@code src/test/mcp-servers} (a package.json with pinned versions and its lock file, and a
 * small paging server on the official TypeScript SDK) installed by
 * {@code npm ci} into {@code target/mcp-servers}, again only when the lock file changes. Without Node.js and npm the
 * tests fail and say what to install: running real servers is their point, and CI has both ({@code .ci/run}).
 */
public final class McpTestServers {

    private static final Path SOURCE = Path.of("src", "test", "mcp-servers");
    private static final Path TARGET = Path.of("target", "mcp-servers");
    private static final String STAMP = ".installed-lock-sha256";
    private static final long EXCHANGE_SECONDS = 60;

    private static boolean installed;

    private McpTestServers() {
    }

    /** {@code node} and the script of an npm package's binary, e.g. {@code mcp-server-everything}, then {@code args}. */
    public static List<String> command(String bin, String... args) {
        List<String> command = new ArrayList<>(List.of("node", dir().resolve("node_modules").resolve(".bin").resolve(bin).toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** The paging server: {@code TOOL_COUNT} tools (25), {@code PAGE_SIZE} a page (10), descriptions ending in {@code TOOL_NOTE}. */
    public static List<String> pagingServer() {
        return List.of("node", dir().resolve("paging-server.mjs").toString());
    }

    /** The installed folder, installing it first when the lock file changed since the last install. */
    public static synchronized Path dir() {
        if (!installed) {
            install();
            installed = true;
        }
        return TARGET.toAbsolutePath();
    }

    private static void install() {
        for (String tool : List.of("node", "npm")) {
            try {
                if (new ProcessBuilder(tool, "--version").redirectErrorStream(true).start().waitFor() != 0) {
                    throw new IOException(tool + " --version failed");
                }
            } catch (IOException | InterruptedException e) {
                fail("the live MCP import tests run real MCP servers from npm and need Node.js and npm on the PATH"
                        + " (Debian/Ubuntu: apt-get install nodejs npm; .ci/run installs them): " + e.getMessage());
            }
        }
        try {
            Files.createDirectories(TARGET);
            try (Stream<Path> files = Files.list(SOURCE)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, TARGET.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            String lock = Hashing.sha256Hex(Files.readString(SOURCE.resolve("package-lock.json")));
            Path stamp = TARGET.resolve(STAMP);
            if (Files.isDirectory(TARGET.resolve("node_modules")) && Files.exists(stamp) && Files.readString(stamp).equals(lock)) {
                return;
            }
            Path log = TARGET.resolve("npm-ci.log");
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(TARGET.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                fail("npm ci in " + TARGET + " failed (is the npm registry reachable?):\n" + Files.readString(log));
            }
            Files.writeString(stamp, lock);
        } catch (IOException | InterruptedException e) {
            fail("installing the test MCP servers into " + TARGET + " failed: " + e);
        }
    }

    /** Every process this JVM started is gone: what an import, a listing or a closed MCP proxy must leave. */
    public static void assertNoServerLeft() {
        List<String> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
        assertEquals(List.of(), left, "processes left running");
    }

    /**
     * A server's {@code tools/list}, every page, by a raw JSON-RPC exchange over its stdio written here without the
     * SDK: what the imports are compared with.
     */
    public static List<JsonNode> rawToolsList(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        Process server = builder.start();
        try {
            return CompletableFuture.supplyAsync(() -> exchange(server)).get(EXCHANGE_SECONDS, TimeUnit.SECONDS);
        } finally {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly().waitFor();
        }
    }

    private static List<JsonNode> exchange(Process server) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            OutputStream in = server.getOutputStream();
            request(in, out, 1, "initialize", Json.MAPPER.readTree("""
                    {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "raw-test", "version": "1"}}"""));
            in.write("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n".getBytes(StandardCharsets.UTF_8));
            List<JsonNode> tools = new ArrayList<>();
            String cursor = null;
            int id = 2;
            do {
                ObjectNode params = Json.MAPPER.createObjectNode();
                if (cursor != null) {
                    params.put("cursor", cursor);
                }
                JsonNode result = request(in, out, id++, "tools/list", params);
                result.get("tools").forEach(tools::add);
                cursor = result.hasNonNull("nextCursor") ? result.get("nextCursor").asText() : null;
            } while (cursor != null);
            return tools;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode request(OutputStream in, BufferedReader out, int id, String method, JsonNode params) throws IOException {
        ObjectNode request = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        request.set("params", params);
        in.write((Json.write(request) + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        String line;
        while ((line = out.readLine()) != null) {
            JsonNode message = Json.MAPPER.readTree(line);
            if (message.path("id").asInt(-1) == id) {
                if (message.has("error")) {
                    throw new IOException(method + " failed: " + message.get("error"));
                }
                return message.get("result");
            }
        }
        throw new IOException("the server closed its output before answering " + method);
    }
}
