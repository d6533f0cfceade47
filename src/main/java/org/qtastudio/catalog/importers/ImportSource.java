package org.qtastudio.catalog.importers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.qtastudio.catalog.Split;

/**
 * What the user asked to import: a file or a folder, plus options that only some formats use.
 *
 * @param path the file or folder
 * @param fieldMapping for generic records: our field (see {@link GenericImporter#FIELDS}) to the source's column
 *     or a JMESPath path into the record
 * @param defaultSplit the split the user chose for the source's queries, or null to let the format decide
 *     (see {@link #splitOr}): test sets stay {@code test}, other queries with gold go to {@code train}, queries
 *     without gold to {@code unlabelled}
 * @param namespace what OpenAPI and MCP tool keys are prefixed with ({@code NAMESPACE/KEY}) so that several APIs
 *     meet in one catalog without overwriting each other: null for the format's default (an OpenAPI spec's
 *     {@code info.title}), empty for no prefix
 * @param answers a function-calling benchmark's answer file (BFCL {@code possible_answer}) giving the queries'
 *     gold, or null
 */
public record ImportSource(Path path, Map<String, String> fieldMapping, Split defaultSplit, String namespace, Path answers) {

    private static final int HEAD_BYTES = 64 * 1024;

    public ImportSource {
        fieldMapping = fieldMapping == null ? Map.of() : Map.copyOf(fieldMapping);
    }

    public ImportSource(Path path, Map<String, String> fieldMapping, Split defaultSplit) {
        this(path, fieldMapping, defaultSplit, null, null);
    }

    public static ImportSource of(Path path) {
        return new ImportSource(path, Map.of(), null);
    }

    /** The split the user chose, else the format's own choice for this query. */
    public Split splitOr(Split formatChoice) {
        return defaultSplit == null ? formatChoice : defaultSplit;
    }

    /** The usual choice for queries whose source names no split: train when they have gold, else unlabelled. */
    public Split splitFor(boolean hasGold) {
        return splitOr(hasGold ? Split.TRAIN : Split.UNLABELLED);
    }

    public boolean isFolder() {
        return Files.isDirectory(path);
    }

    /** The file or folder name without extension, a fallback catalog name. */
    public String baseName() {
        String name = path.toAbsolutePath().normalize().getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Lower-case file name, for extension checks. */
    public String fileName() {
        return path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    }

    /** The first 64 KiB of a file as text (lossy), for cheap format detection; empty for folders. */
    public String head() throws IOException {
        if (isFolder()) {
            return "";
        }
        try (InputStream in = Files.newInputStream(path)) {
            return new String(in.readNBytes(HEAD_BYTES), StandardCharsets.UTF_8);
        }
    }
}
