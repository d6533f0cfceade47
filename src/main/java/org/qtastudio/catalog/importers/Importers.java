package org.qtastudio.catalog.importers;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The importers this build knows, and format auto-detection among them. */
public final class Importers {

    private static final List<CatalogImporter> ALL = List.of(
            new MtrbImporter(),
            new OpenApiImporter(),
            new RestBenchImporter(),
            new MetaToolImporter(),
            new ToolBenchImporter(),
            new OpenAiImporter(),
            new McpImporter(),
            new BeirImporter(),
            new GenericImporter());

    private Importers() {
    }

    public static List<CatalogImporter> all() {
        return ALL;
    }

    /** The importer of that format name, or an error listing the known ones. */
    public static CatalogImporter forFormat(String format) {
        String wanted = format.toLowerCase(Locale.ROOT).strip();
        return ALL.stream().filter(i -> i.format().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown format '" + format + "'; known formats: " + formatNames()));
    }

    /** The importer surest it can read the source, or an {@link ImportException} naming the formats tried. */
    public static CatalogImporter detect(ImportSource source) throws IOException {
        if (!java.nio.file.Files.exists(source.path())) {
            throw new ImportException(source.path(), "no such file or folder");
        }
        CatalogImporter best = null;
        int bestScore = 0;
        for (CatalogImporter importer : ALL) {
            int score = importer.detect(source);
            if (score > bestScore) {
                best = importer;
                bestScore = score;
            }
        }
        if (best == null) {
            throw new ImportException(source.path(), "cannot tell which format this is; pass --format with one of: " + formatNames());
        }
        return best;
    }

    public static String formatNames() {
        return ALL.stream().map(CatalogImporter::format).sorted(Comparator.naturalOrder()).collect(Collectors.joining(", "));
    }
}
