package org.qtastudio.catalog.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.qtastudio.catalog.importers.CatalogImporter;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.importers.Importers;
import org.qtastudio.catalog.importers.QueryDraft;
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
}
