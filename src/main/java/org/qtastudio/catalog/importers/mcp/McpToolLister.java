package org.qtastudio.catalog.importers.mcp;

import java.time.Duration;
import org.qtastudio.catalog.importers.ImportException;
import org.qtastudio.common.Progress;

/**
 * Lists a live MCP server's tools: a {@link McpConnection} opened, paged through {@code tools/list}, and closed, also
 * on an error or a cancel, so that the server's processes never outlive the listing.
 */
public final class McpToolLister {

    private McpToolLister() {
    }

    /** The server's name and all its tools; throws {@link ImportException} naming the server when it fails. */
    public static McpToolListing list(McpServer server, Duration timeout, Progress progress) {
        try (McpConnection connection = McpConnection.open(server, timeout, progress)) {
            return connection.listTools(progress);
        }
    }
}
