package org.qtastudio.catalog.importers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Hashing;
import org.qtastudio.common.Json;

/**
 * Generic JSON Lines ({@code .jsonl}) or CSV ({@code .csv}, header row) where each row is a tool or a query,
 * with a field mapping ({@link ImportSource#fieldMapping()}: our field -> the source's column). Mapping keys and
 * their default columns:
 * <ul>
 *   <li>{@code key} ({@code id}): tool key, required for tools (falls back to the name column); also the query key</li>
 *   <li>{@code name} ({@code name}), {@code description} ({@code description}), {@code category} ({@code category}),
 *       {@code tags} ({@code tags}: a JSON array, or text separated by {@code |}), {@code method}, {@code path}</li>
 *   <li>{@code query} ({@code query}): a row with text here is a query, not a tool</li>
 *   <li>{@code gold} ({@code gold}): the query's gold tool keys, a JSON array or text separated by {@code |}</li>
 *   <li>{@code split} ({@code split}): train, test or unlabelled; else the user's choice, else train with gold</li>
 * </ul>
 * A query without a key column gets {@code generic:} plus a hash of its text as key.
 */
public final class GenericImporter implements CatalogImporter {

    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String f : List.of("name", "description", "category", "tags", "method", "path", "query", "gold", "split")) {
            m.put(f, f);
        }
        m.put("key", "id");
        return Map.copyOf(m);
    }

    @Override
    public String format() {
        return "generic";
    }

    @Override
    public String description() {
        return "generic JSONL or CSV rows (tools, or queries with a query column) with a field mapping";
    }

    @Override
    public int detect(ImportSource source) {
        String name = source.fileName();
        return !source.isFolder() && (name.endsWith(".jsonl") || name.endsWith(".csv")) ? 10 : 0;
    }

    @Override
    public void read(ImportSource source, ImportSink sink) throws IOException {
        Path file = source.path();
        Map<String, String> columns = new LinkedHashMap<>(DEFAULTS);
        source.fieldMapping().forEach((ours, theirs) -> {
            if (!DEFAULTS.containsKey(ours)) {
                throw new ImportException(file, "unknown mapping field '" + ours + "'; known: " + DEFAULTS.keySet());
            }
            columns.put(ours, theirs);
        });
        if (source.fileName().endsWith(".csv")) {
            SourceFiles.csvRows(file, (row, line) -> row(file, new Row(columns, row, null), source, sink));
        } else {
            SourceFiles.lines(file, (node, index) -> row(file, new Row(columns, null, node), source, sink));
        }
    }

    private static void row(Path file, Row row, ImportSource source, ImportSink sink) {
        String query = row.text("query");
        String key = row.text("key");
        if (query != null) {
            List<String> gold = row.list("gold");
            String split = row.text("split");
            sink.query(new QueryDraft(key != null ? key : "generic:" + Hashing.sha256Hex(query.strip()).substring(0, 16),
                    query.strip(), split != null ? split(file, split) : source.splitFor(!gold.isEmpty()), gold));
            return;
        }
        if (key == null) {
            key = row.text("name");
        }
        if (key == null) {
            throw new ImportException(file, "missing required field '" + row.columns.get("key") + "' (the tool key; map it with key=COLUMN)"
                    + " and no '" + row.columns.get("query") + "' either");
        }
        sink.tool(new Tool(key, row.text("name"), row.text("description"), row.text("method"), row.text("path"), List.of(),
                row.text("category"), row.list("tags"), "generic", row.document()));
    }

    private static Split split(Path file, String text) {
        try {
            return Split.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ImportException(file, e.getMessage());
        }
    }

    /** One CSV row or JSON line read through the mapping. */
    private record Row(Map<String, String> columns, Map<String, String> csv, JsonNode json) {

        String text(String field) {
            String column = columns.get(field);
            String value = csv != null ? csv.get(column) : SourceFiles.text(json, column);
            return value == null || value.isBlank() ? null : value.strip();
        }

        List<String> list(String field) {
            List<String> out = new ArrayList<>();
            JsonNode node = json == null ? null : json.get(columns.get(field));
            if (node != null && node.isArray()) {
                node.forEach(n -> out.add(n.asText().strip()));
                return out;
            }
            String value = text(field);
            if (value != null) {
                for (String part : value.split("\\|")) {
                    if (!part.isBlank()) {
                        out.add(part.strip());
                    }
                }
            }
            return out;
        }

        String document() {
            return json != null ? Json.write(json) : Json.write(csv);
        }
    }
}
