package org.qtastudio.serve.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.qtastudio.catalog.importers.ImportException;
import org.qtastudio.catalog.importers.mcp.McpClientConfig;
import org.qtastudio.catalog.importers.mcp.McpConnection;
import org.qtastudio.catalog.importers.mcp.McpServer;
import org.qtastudio.catalog.imports.ImportReport;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.common.Json;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proxy mode: one open session per upstream MCP server of a client configuration, and {@code call_tool}, which
 * forwards a call to the server that owns the tool and returns its result as the server gave it. A tool's key is
 * {@code server/tool}, the server named by its key in the configuration: the key import stores for it, so what
 * {@code search_tools} returns is what {@code call_tool} takes. A call that goes wrong (unknown tool, an upstream
 * JSON-RPC error, no answer in time, a server that exited) is a tool error naming the tool or the server, never a
 * failed request.
 */
public final class McpProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(McpProxy.class);

    static final String CALL_TOOL = "call_tool";

    private static final Map<String, Object> INPUT_SCHEMA = Json.read("""
            {"type": "object",
             "properties": {
               "name": {"type": "string", "description": "The tool's key as search_tools returned it: server/tool, e.g. \\"github/create_issue\\""},
               "arguments": {"type": "object", "description": "The tool's arguments, following the input schema search_tools returned"}
             },
             "required": ["name"]}""", new TypeReference<>() { });

    /** An upstream server: its session and the names of the tools it listed when the proxy connected. */
    private record Upstream(String key, McpConnection connection, Set<String> tools) {
    }

    private final Map<String, Upstream> upstreams;
    private final List<ImportReport> imports;
    private final AtomicBoolean closed = new AtomicBoolean();

    private McpProxy(Map<String, Upstream> upstreams, List<ImportReport> imports) {
        this.upstreams = upstreams;
        this.imports = List.copyOf(imports);
    }

    /**
     * Connects to every server (by its key in a client configuration) and lists its tools; when one fails, the
     * sessions already open are closed and its {@link ImportException} (naming it) is thrown.
     */
    public static McpProxy connect(Map<String, McpServer> servers, Duration timeout, Progress progress) {
        return connect(servers, timeout, progress, List.of());
    }

    /**
     * What proxy mode does before it serves: imports the tools of every server of {@code clientConfig} into
     * {@code catalog}, each under its configuration key as namespace (keys {@code server/tool}), with
     * {@link ImportService#importServers}, then connects to them all. Search that catalog (its {@code ToolSearch})
     * beside this proxy.
     */
    public static McpProxy importAndConnect(Workspace workspace, Path clientConfig, String catalog, Duration timeout,
            Progress progress) throws IOException {
        if (catalog == null || catalog.isBlank()) {
            throw new IllegalArgumentException("proxy mode imports every server's tools into one catalog: name it");
        }
        Map<String, McpServer> servers = McpClientConfig.read(clientConfig);
        List<ImportReport> reports = new ImportService(workspace).importServers(List.copyOf(servers.values()), catalog,
                null, timeout, false, progress);
        return connect(servers, timeout, progress, reports);
    }

    private static McpProxy connect(Map<String, McpServer> servers, Duration timeout, Progress progress, List<ImportReport> imports) {
        Map<String, Upstream> upstreams = new LinkedHashMap<>();
        try {
            for (var server : servers.entrySet()) {
                progress.checkCancelled();
                McpConnection connection = McpConnection.open(server.getValue(), timeout, progress);
                Set<String> tools = new HashSet<>();
                upstreams.put(server.getKey(), new Upstream(server.getKey(), connection, tools));
                connection.listTools(progress).tools().forEach(t -> tools.add(t.path("name").asText()));
            }
        } catch (RuntimeException e) {
            closeAll(upstreams.values());
            throw e;
        }
        return new McpProxy(upstreams, imports);
    }

    /** The servers' keys, in the configuration's order. */
    public List<String> servers() {
        return List.copyOf(upstreams.keySet());
    }

    /** What the import before connecting stored, one report a server; empty for {@link #connect}. */
    public List<ImportReport> imports() {
        return imports;
    }

    /**
     * The upstream server's result of calling the tool {@code key} ({@code server/tool}), as it answered; a tool
     * error naming the tool or the server when the call could not be made or answered.
     */
    public McpSchema.CallToolResult call(String key, Map<String, Object> arguments) {
        if (closed.get()) {
            return SearchToolsTool.error("the proxy is shutting down; " + key + " was not called");
        }
        Upstream owner = null;
        for (Upstream u : upstreams.values()) {
            if (key.startsWith(u.key() + "/") && (owner == null || u.key().length() > owner.key().length())) {
                owner = u;
            }
        }
        if (owner == null) {
            return SearchToolsTool.error("unknown tool '" + key + "': tool names are server/tool, the server one of "
                    + String.join(", ", upstreams.keySet()) + " (search_tools gives the names)");
        }
        String tool = key.substring(owner.key().length() + 1);
        if (!owner.tools().contains(tool)) {
            return SearchToolsTool.error("unknown tool '" + key + "': server '" + owner.key() + "' has no tool '" + tool
                    + "' (search_tools gives the names)");
        }
        try {
            return owner.connection().callTool(tool, arguments);
        } catch (ImportException e) {
            return SearchToolsTool.error(e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("calling {} failed", key, e);
            return SearchToolsTool.error(owner.connection().server().label() + ": calling " + tool + " failed: " + e);
        }
    }

    /** The {@code call_tool} tool over this proxy. */
    McpServerFeatures.SyncToolSpecification toolSpecification() {
        McpSchema.Tool tool = McpSchema.Tool.builder(CALL_TOOL, INPUT_SCHEMA).title("Call a tool")
                .description("Calls a tool that search_tools found, on the MCP server that owns it, and returns the"
                        + " tool's result unchanged. name is the tool's key as search_tools returned it: server/tool,"
                        + " the server's name in this proxy's configuration, a slash, and the tool's own name (the"
                        + " servers here: " + String.join(", ", upstreams.keySet()) + "). arguments is an object that"
                        + " follows the input schema search_tools returned for the tool.")
                .build();
        return McpServerFeatures.SyncToolSpecification.builder().tool(tool).callHandler((exchange, call) -> {
            Map<String, Object> args = call.arguments() == null ? Map.of() : call.arguments();
            if (!(args.get("name") instanceof String name) || name.isBlank()) {
                return SearchToolsTool.error("name must be the tool's key as search_tools returned it, e.g. \"github/create_issue\"");
            }
            Object arguments = args.get("arguments");
            if (arguments != null && !(arguments instanceof Map)) {
                return SearchToolsTool.error("arguments must be an object of the tool's arguments, got " + Json.write(arguments));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> toolArguments = arguments == null ? Map.of() : (Map<String, Object>) arguments;
            return call(name.strip(), toolArguments);
        }).build();
    }

    /** Ends every upstream session and server process, all at once; safe to call more than once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeAll(upstreams.values());
        }
    }

    private static void closeAll(Iterable<Upstream> upstreams) {
        List<McpConnection> connections = new ArrayList<>();
        upstreams.forEach(u -> connections.add(u.connection()));
        try (var closing = Executors.newVirtualThreadPerTaskExecutor()) {
            connections.forEach(c -> closing.submit(c::close));
        }
    }
}
