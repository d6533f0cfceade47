package org.qtastudio.catalog.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.qtastudio.catalog.importers.CatalogImporter;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.importers.Importers;
import org.qtastudio.catalog.importers.QueryDraft;
import org.qtastudio.catalog.importers.mcp.McpServer;
import org.qtastudio.catalog.importers.mcp.McpServerImporter;
import org.qtastudio.catalog.importers.mcp.McpToolLister;
import org.qtastudio.catalog.importers.mcp.McpToolListing;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;

/**
 * Imports a source into a catalog as one transaction: on any error or cancel nothing of it is stored.
 * Re-importing the same source changes nothing and says so (every row counted as unchanged); tools and queries
 * are matched by key and compared by content hash, so a modified source reports what it updated.
 *
 * <p>A new query whose text the catalog already holds under another key (say, a RestBench query that MTRB's test
 * set also has) is not added again: the existing one, with its split and gold, is kept and counted unchanged,
 * and a warning says how many. That lets several sources of one benchmark meet in one catalog without duplicates.
 *
 * <p>A re-import replaces only what the source states (a live MCP server states its whole tool list: see
 * {@link #importListings}): a query it gives without gold keeps the gold it has, and
 * one whose source names no split ({@link QueryDraft#split()} null) keeps its split (an unlabelled query that
 * gains gold moves to train). New queries without a stated split go to the user's choice, else train with gold,
 * else unlabelled.
 */
public final class ImportService {

    private final Workspace workspace;

    public ImportService(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * Imports {@code source}.
     *
     * @param format the format name, or null to detect it
     * @param catalogName the catalog to import into (created when absent), or null for the importer's default
     */
    public ImportReport importSource(ImportSource source, String format, String catalogName, Progress progress) throws IOException {
        CatalogImporter importer = format == null ? Importers.detect(source) : Importers.forFormat(format);
        String name = catalogName != null && !catalogName.isBlank() ? catalogName.strip() : importer.defaultCatalogName(source);
        progress.update("Importing " + source.path().getFileName() + " as " + importer.format(), 0, -1);
        try {
            return workspace.write(c -> new ImportStore(c, source, importer, name, progress, false).execute());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * What {@link #importSource} would store, computed by running the import and rolling it back: exact counts,
     * unmatched gold and warnings, and the first tools and queries read, for a look before committing.
     */
    public ImportPreview preview(ImportSource source, String format, String catalogName, Progress progress) throws IOException {
        CatalogImporter importer = format == null ? Importers.detect(source) : Importers.forFormat(format);
        String name = catalogName != null && !catalogName.isBlank() ? catalogName.strip() : importer.defaultCatalogName(source);
        progress.update("Reading " + source.path().getFileName() + " as " + importer.format(), 0, -1);
        try {
            return workspace.dryRun(c -> {
                ImportStore run = new ImportStore(c, source, importer, name, progress, true);
                return run.preview(run.execute());
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Imports the tools of live MCP servers: {@link #listServers} then {@link #importListings} (or, for a dry run,
     * {@link #previewListings}). Every server is listed before anything is stored, so a server that fails leaves the
     * workspace as it was and none holds it while it answers.
     *
     * @param dryRun list the servers and report what would be stored, then store nothing
     * @return one report per server, in order
     */
    public List<ImportReport> importServers(List<McpServer> servers, String catalogName, String namespace, Duration timeout,
            boolean dryRun, Progress progress) throws IOException {
        checkNamespace(servers.size(), namespace);
        List<McpToolListing> listings = listServers(servers, timeout, progress);
        return dryRun ? previewListings(listings, catalogName, namespace, progress).stream().map(ImportPreview::report).toList()
                : importListings(listings, catalogName, namespace, progress);
    }

    /**
     * Lists each server in turn ({@link McpToolLister}: started or connected to, every page of {@code tools/list}, then
     * ended); the first that fails stops the rest with its {@link org.qtastudio.catalog.importers.ImportException}.
     */
    public static List<McpToolListing> listServers(List<McpServer> servers, Duration timeout, Progress progress) {
        List<McpToolListing> listings = new ArrayList<>();
        for (McpServer server : servers) {
            progress.checkCancelled();
            listings.add(McpToolLister.list(server, timeout, progress));
        }
        return listings;
    }

    /**
     * Stores servers' listings in one transaction. Each server's tools go to {@code catalogName}, else to a catalog named
     * after the server ({@link McpToolListing#defaultName}: its configuration key, else its name from {@code initialize});
     * they are keyed {@code NAMESPACE/tool}, the namespace being {@code namespace} ({@code ""} for bare names), else that
     * same name. A re-import removes the tools of the namespace the server no longer lists.
     *
     * @return one report per listing, in order
     */
    public List<ImportReport> importListings(List<McpToolListing> listings, String catalogName, String namespace, Progress progress)
            throws IOException {
        return storeListings(listings, catalogName, namespace, false, progress).stream().map(ImportPreview::report).toList();
    }

    /** What {@link #importListings} would store, with the first tools of each server, rolled back. */
    public List<ImportPreview> previewListings(List<McpToolListing> listings, String catalogName, String namespace, Progress progress)
            throws IOException {
        return storeListings(listings, catalogName, namespace, true, progress);
    }

    private List<ImportPreview> storeListings(List<McpToolListing> listings, String catalogName, String namespace, boolean dryRun,
            Progress progress) throws IOException {
        checkNamespace(listings.size(), namespace);
        Workspace.SqlWork<List<ImportPreview>> store = c -> {
            List<ImportPreview> previews = new ArrayList<>();
            for (McpToolListing listing : listings) {
                String name = listing.defaultName();
                ImportSource source = ImportSource.server(listing.server().origin(), namespace != null ? namespace : name);
                String catalog = catalogName != null && !catalogName.isBlank() ? catalogName.strip() : name;
                ImportStore run = new ImportStore(c, source, new McpServerImporter(listing), catalog, progress, dryRun);
                previews.add(run.preview(run.execute()));
            }
            return previews;
        };
        try {
            return dryRun ? workspace.dryRun(store) : workspace.write(store);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void checkNamespace(int servers, String namespace) {
        if (namespace != null && servers > 1) {
            throw new IllegalArgumentException("--namespace applies to one server; the servers of a configuration are each"
                    + " keyed under their own name");
        }
    }
}
