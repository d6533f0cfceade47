package org.qtastudio.serve.mcp;

import java.nio.file.Path;
import org.qtastudio.store.Workspace;
import org.slf4j.LoggerFactory;

/**
 * The stdio MCP server as a client starts it, in a child JVM: {@code WORKSPACE CATALOG}. Before serving it prints a
 * line with {@code System.out} and logs one, as a library might: neither may reach the client, which reads only
 * JSON-RPC on standard output.
 */
public final class StdioServerMain {

    /** What the child prints with {@code System.out} once standard output is taken for JSON-RPC. */
    static final String STRAY_LINE = "a banner printed with System.out";

    private StdioServerMain() {
    }

    public static void main(String[] args) throws Exception {
        McpToolSearchServer.takeStdout();
        System.out.println(STRAY_LINE);
        LoggerFactory.getLogger(StdioServerMain.class).warn("a log line while starting");
        try (Workspace workspace = Workspace.open(Path.of(args[0]));
                RetrieverToolSearch search = RetrieverToolSearch.open(workspace, args[1]);
                McpToolSearchServer server = new McpToolSearchServer(search)) {
            server.serveStdio();
        }
    }
}
