package org.qtastudio.catalog.importers.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import org.qtastudio.catalog.importers.CatalogImporter;
import org.qtastudio.catalog.importers.ImportException;
import org.qtastudio.catalog.importers.ImportSink;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.importers.McpImporter;

/**
 * The tools a live server listed, read as the {@code mcp} format reads a file of its {@code tools/list}
 * ({@link McpImporter#tool}): keyed {@code NAMESPACE/name} with the {@link ImportSource#namespace} ({@code ""} for
 * bare names), so that re-importing a server, or importing it after a saved {@code tools/list}, reports what changed.
 */
public final class McpServerImporter implements CatalogImporter {

    private final McpServer server;
    private final McpToolListing listing;

    public McpServerImporter(McpToolListing listing) {
        this.server = listing.server();
        this.listing = listing;
    }

    @Override
    public String format() {
        return "mcp";
    }

    @Override
    public String description() {
        return "the tools a live MCP server lists (import --mcp-stdio, --mcp-http, --mcp-config)";
    }

    /** Never a file's format: a server is named by the import options, not detected. */
    @Override
    public int detect(ImportSource source) {
        return 0;
    }

    @Override
    public String defaultCatalogName(ImportSource source) {
        return listing.shortName();
    }

    @Override
    public void read(ImportSource source, ImportSink sink) {
        if (listing.tools().isEmpty()) {
            throw new ImportException(server.label(), "lists no tools (its tools/list is empty); nothing to import", null);
        }
        String namespace = source.namespace() == null || source.namespace().isBlank() ? null : source.namespace().strip();
        int index = 0;
        for (JsonNode tool : listing.tools()) {
            index++;
            try {
                sink.tool(McpImporter.tool(null, tool, namespace));
            } catch (ImportException e) {
                throw new ImportException(server.label(), "tool #" + index + " of its tools/list: " + e.problem(), e);
            }
        }
    }
}
