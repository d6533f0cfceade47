package org.qtastudio.catalog.importers;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The importers this build knows, and format auto-detection among them. Detection asks each importer (names,
 * folders, the file's first bytes) and checks the {@link #SHAPES} against a streamed {@link SourceOutline} of the
 * whole file, so a telling key is found wherever it is; the surest answer wins. A file no format claims that does
 * not parse is reported as its syntax error, with the line and column.
 */
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

    /** A shape told by the outline: the format that reads it and how sure that is (as {@link CatalogImporter#detect}). */
    private record Shape(String format, int score, Predicate<SourceOutline> test) {
    }

    /** Shapes by their structure, one line each. */
    private static final List<Shape> SHAPES = List.of(
            new Shape("openapi", 95, o -> o.root() != null && (o.rootKeys().contains("openapi") || o.rootKeys().contains("swagger"))),
            new Shape("generic", 60, o -> o.holdsRecords() && o.recordKeys().contains("query")),
            new Shape("generic", 20, o -> o.holdsRecords() && o.recordKeys().contains("description")));

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

    /**
     * The importer surest it can read the source, or an {@link ImportException} naming the formats tried. A field
     * mapping is for generic records only, so a source given one is read as such.
     */
    public static CatalogImporter detect(ImportSource source) throws IOException {
        if (!Files.exists(source.path())) {
            throw new ImportException(source.path(), "no such file or folder");
        }
        if (!source.fieldMapping().isEmpty()) {
            return forFormat("generic");
        }
        SourceOutline outline = SourceOutline.of(source.path());
        CatalogImporter best = null;
        int bestScore = 0;
        for (CatalogImporter importer : ALL) {
            int score = importer.detect(source);
            for (Shape shape : SHAPES) {
                if (shape.format().equals(importer.format()) && shape.score() > score && shape.test().test(outline)) {
                    score = shape.score();
                }
            }
            if (score > bestScore) {
                best = importer;
                bestScore = score;
            }
        }
        if (best == null && outline.syntaxError() != null) {
            throw outline.syntaxError();
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
