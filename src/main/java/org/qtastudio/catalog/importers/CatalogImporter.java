package org.qtastudio.catalog.importers;

import java.io.IOException;

/**
 * Reads one source format into tools and queries. Importers stream: they hand each tool to the sink as
 * they parse it, so a 100,000-tool file needs no more memory than one tool.
 */
public interface CatalogImporter {

    /** The format's name on the command line and in the workspace, e.g. {@code openapi}. */
    String format();

    /** One line for {@code import --help} and the import dialog. */
    String description();

    /**
     * How sure this importer is that it can read the source: 0 when it cannot, higher is surer.
     * Detection looks at names and the first bytes only ({@link ImportSource#head()}).
     */
    int detect(ImportSource source) throws IOException;

    /** A catalog name for the source when the user gives none. */
    default String defaultCatalogName(ImportSource source) {
        return source.baseName();
    }

    /** Streams the source's tools and queries into the sink; throws {@link ImportException} on bad input. */
    void read(ImportSource source, ImportSink sink) throws IOException;
}
