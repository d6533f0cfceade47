package org.qtastudio.catalog.importers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.qtastudio.catalog.Split;

/**
 * What the user asked to import: a file or a folder (or a live MCP server), plus options that only some formats use.
 *
 * @param path the file or folder; null for a live server
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
 * @param server for a live MCP server (no path), its command line or URL: what import history records as the source
 *     and what errors name
 */
public record ImportSource(Path path, Map<String, String> fieldMapping, Split defaultSplit, String namespace, Path answers,
        String server) {

    private static final int HEAD_BYTES = 64 * 1024;

    public ImportSource {
        fieldMapping = fieldMapping == null ? Map.of() : Map.copyOf(fieldMapping);
        if ((path == null) == (server == null)) {
            throw new IllegalArgumentException("an import source is either a file or folder, or a live server");
        }
    }

    public ImportSource(Path path, Map<String, String> fieldMapping, Split defaultSplit, String namespace, Path answers) {
        this(path, fieldMapping, defaultSplit, namespace, answers, null);
    }

    public ImportSource(Path path, Map<String, String> fieldMapping, Split defaultSplit) {
        this(path, fieldMapping, defaultSplit, null, null);
    }

    public static ImportSource of(Path path) {
        return new ImportSource(path, Map.of(), null);
    }

    /** A live MCP server, named by its command line or URL, whose tools are keyed under {@code namespace} (see {@link #namespace}). */
    public static ImportSource server(String server, String namespace) {
        return new ImportSource(null, Map.of(), null, namespace, null, server);
    }

    /**
     * The source as import history records it, and as a re-import's earlier source is compared: a file's absolute
     * path, a server's command line or URL.
     */
    public String origin() {
        return path == null ? server : path.toAbsolutePath().toString();
    }

    /** The source as the user named it, for reports. */
    public String shown() {
        return path == null ? server : path.toString();
    }

    /** A problem with the whole source, named as the user named it. */
    public ImportException problem(String message) {
        return path == null ? new ImportException(server, message, null) : new ImportException(path, message);
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
