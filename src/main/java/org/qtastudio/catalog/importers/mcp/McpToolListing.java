package org.qtastudio.catalog.importers.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.qtastudio.catalog.CatalogNames;

/**
 * What a live server said: its name from the {@code initialize} result and its tools, every page of
 * {@code tools/list}, each entry as the server sent it. Kept whole so that what a user looked at is what is stored.
 *
 * @param server the server that was asked
 * @param serverName {@code serverInfo.name}, e.g. {@code mcp-servers/everything}
 */
public record McpToolListing(McpServer server, String serverName, List<JsonNode> tools) {

    public McpToolListing {
        java.util.Objects.requireNonNull(server, "server");
        tools = List.copyOf(tools);
    }

    /**
     * The name its catalog and the namespace of its tools get by default: the server's key in a client configuration,
     * else {@link #shortName()}.
     */
    public String defaultName() {
        return server.key() != null ? server.key() : shortName();
    }

    /**
     * The name a catalog and the tools' namespace get by default: the last {@code /}-separated part of the server's
     * name ({@code mcp-servers/everything} is {@code everything}; registry names such as
     * {@code io.github.owner/server} read the same way), made safe as a catalog name.
     */
    public String shortName() {
        String name = serverName == null ? "" : serverName.strip();
        String last = name.substring(name.lastIndexOf('/') + 1).strip();
        return last.isEmpty() ? "mcp-server" : CatalogNames.fileName(last);
    }
}
