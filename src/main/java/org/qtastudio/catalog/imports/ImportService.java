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
 * <p>A re-import replaces only what the source states: a query it gives without gold keeps the gold it has, and
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
     * Imports the tools of live MCP servers. Each server is listed first ({@link McpToolLister}: started or
     * connected to, every page of {@code tools/list}, then ended); only then are all of them stored, in one
     * transaction, so a server that fails leaves the workspace as it was and none holds it while it answers.
     * Each server's tools go to {@code catalogName}, else to a catalog named after the server: its configuration key,
     * else its name from {@code initialize} ({@link McpToolListing#shortName}); they are keyed {@code NAMESPACE/tool},
     * the namespace being {@code namespace} ({@code ""} for bare names), else that same name.
     *
     * @param dryRun list the servers and report what would be stored, then store nothing
     * @return one report per server, in order
     */
    public List<ImportReport> importServers(List<McpServer> servers, String catalogName, String namespace, Duration timeout,
            boolean dryRun, Progress progress) throws IOException {
        if (namespace != null && servers.size() > 1) {
            throw new IllegalArgumentException("--namespace applies to one server; the servers of a configuration are each"
                    + " keyed under their own name");
        }
        List<McpToolListing> listings = new ArrayList<>();
        for (McpServer server : servers) {
            progress.checkCancelled();
            listings.add(McpToolLister.list(server, timeout, progress));
        }
        Workspace.SqlWork<List<ImportReport>> store = c -> {
            List<ImportReport> reports = new ArrayList<>();
            for (int i = 0; i < servers.size(); i++) {
                McpServer server = servers.get(i);
                McpServerImporter importer = new McpServerImporter(server, listings.get(i));
                String name = server.key() != null ? server.key() : listings.get(i).shortName();
                ImportSource source = ImportSource.server(server.origin(), namespace != null ? namespace : name);
                String catalog = catalogName != null && !catalogName.isBlank() ? catalogName.strip() : name;
                reports.add(new ImportStore(c, source, importer, catalog, progress, dryRun).execute());
            }
            return reports;
        };
        try {
            return dryRun ? workspace.dryRun(store) : workspace.write(store);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
