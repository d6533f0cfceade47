package org.qtastudio.catalog.importers;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The shape of a JSON or YAML file, from one streamed pass over its tokens (no tree, no fixed prefix): the keys of a
 * root object, however far into the file they come, the keys of the first record (first element of a root array,
 * or first value of several), and how many top-level values there are (1, or 2 meaning "more than one"). A file
 * that does not parse keeps the located syntax error, so detection can report it instead of "unknown format".
 *
 * @param root the first token: {@code START_OBJECT}, {@code START_ARRAY}, a scalar, or null when it did not parse
 * @param rootKeys the root object's keys in file order, else empty
 * @param recordKeys the first record's keys, else empty
 * @param values how many top-level values were seen, at most 2
 * @param syntaxError where and why the file does not parse, or null
 */
public record SourceOutline(JsonToken root, Set<String> rootKeys, Set<String> recordKeys, int values, ImportException syntaxError) {

    /** No outline: a folder, or a file that is not JSON or YAML by name. */
    public static final SourceOutline NONE = new SourceOutline(null, Set.of(), Set.of(), 0, null);

    /** Whether the file holds records: a root array, or several top-level values (JSON Lines under any name). */
    public boolean holdsRecords() {
        return root == JsonToken.START_ARRAY || values > 1;
    }

    /** Streams the file once; never throws for bad content (see {@link #syntaxError()}). */
    public static SourceOutline of(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(file) || Files.size(file) == 0
                || !(name.endsWith(".json") || name.endsWith(".jsonl") || SourceFiles.isYaml(file))) {
            return NONE;
        }
        Set<String> rootKeys = new LinkedHashSet<>();
        Set<String> recordKeys = new LinkedHashSet<>();
        JsonToken root = null;
        int values = 0;
        try (JsonParser p = SourceFiles.open(file)) {
            root = p.nextToken();
            if (root == null) {
                return NONE;
            }
            values = 1;
            if (root == JsonToken.START_OBJECT) {
                keys(p, rootKeys);
                recordKeys.addAll(rootKeys);
            } else if (root == JsonToken.START_ARRAY) {
                if (p.nextToken() == JsonToken.START_OBJECT) {
                    keys(p, recordKeys);
                }
                while (p.currentToken() != JsonToken.END_ARRAY && p.currentToken() != null) {
                    p.skipChildren();
                    p.nextToken();
                }
            }
            if (p.nextToken() != null) {
                values = 2;
            }
            return new SourceOutline(root, Set.copyOf(rootKeys), Set.copyOf(recordKeys), values, null);
        } catch (JsonProcessingException e) {
            return new SourceOutline(null, Set.copyOf(rootKeys), Set.copyOf(recordKeys), values, SourceFiles.located(file, e));
        }
    }

    /** The keys of the object whose start is the current token, values skipped; leaves the parser on its end. */
    private static void keys(JsonParser p, Set<String> into) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            into.add(p.currentName());
            p.nextToken();
            p.skipChildren();
        }
    }
}
