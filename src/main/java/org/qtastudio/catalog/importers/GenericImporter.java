package org.qtastudio.catalog.importers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burt.jmespath.Expression;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.ToolParameter;
import org.qtastudio.common.Hashing;
import org.qtastudio.common.Json;

/**
 * Records people keep in their own shape: CSV with a header row, JSON Lines, or JSON (an array of records, or
 * records one after another). Each record is a tool or a query, read through a field mapping
 * ({@link ImportSource#fieldMapping()}: our field -> a column name or a JMESPath path into the record, e.g.
 * {@code gold=calling[].api}); {@link #FIELDS} lists the fields and their default columns.
 *
 * <p>Nothing is guessed in silence: a mapped column that no record has is refused (with the columns seen), a
 * value of the wrong kind (an object where text belongs) is an error naming the record and field, and a record
 * that is neither a query (query text) nor a tool (a name or description) is an error, never an empty tool.
 * A query whose source names no split gets a null split: the import service keeps the split a re-import finds.
 */
public final class GenericImporter implements CatalogImporter {

    /** A mappable field: our name, the column read when unmapped, and what it holds (for {@code import --help}). */
    public record Field(String name, String defaultColumn, String meaning) {
    }

    /** The mapping key that names the format of {@code document} instead of a column. */
    public static final String PARSE_AS = "parse-as";

    /** Every mappable field, in the order {@code import --help} lists them. */
    public static final List<Field> FIELDS = List.of(
            new Field("key", "id", "tool or query key (a tool's falls back to its name)"),
            new Field("name", "name", "tool name"),
            new Field("description", "description", "tool description"),
            new Field("category", "category", "tool category"),
            new Field("tags", "tags", "tool tags: a list, or text separated by |"),
            new Field("method", "method", "HTTP method of a REST tool"),
            new Field("path", "path", "HTTP path of a REST tool"),
            new Field("parameters", "parameters", "JSON Schema, {name: schema}, or [{name, type, ...}]"),
            new Field("required", "required", "required parameter names, if not in parameters"),
            new Field("query", "query", "query text: a record with it is a query"),
            new Field("gold", "gold", "gold tool keys: a list, or text separated by |"),
            new Field("split", "split", "the query's split: train, test or unlabelled"),
            new Field("document", "document", "tools held as a document, read by parse-as"),
            new Field(PARSE_AS, "-", "format of document: openapi, openai, mcp, ..."));

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final JacksonRuntime JMESPATH = new JacksonRuntime();
    private static final int COLUMNS_SHOWN = 40;

    @Override
    public String format() {
        return "generic";
    }

    @Override
    public String description() {
        return "records in CSV, JSONL or JSON (tools, or queries with a query field) read through a field mapping";
    }

    @Override
    public int detect(ImportSource source) {
        String name = source.fileName();
        return !source.isFolder() && (name.endsWith(".jsonl") || name.endsWith(".csv")) ? 10 : 0;
    }

    @Override
    public void read(ImportSource source, ImportSink sink) throws IOException {
        Path file = source.path();
        Mapping mapping = Mapping.of(file, source.fieldMapping());
        Survey survey = new Survey(mapping);
        records(file, (record, index) -> survey.add(record));
        survey.check(file);
        records(file, (record, index) -> record(file, new Values(mapping, record), source, sink));
    }

    /**
     * The columns the records of {@code file} have, in the order first seen (the survey's first pass): what the
     * import dialog offers for each field.
     */
    public static List<String> columns(Path file) throws IOException {
        Survey survey = new Survey(Mapping.of(file, Map.of()));
        records(file, (record, index) -> survey.add(record));
        return List.copyOf(survey.columnsSeen);
    }

    /** Every record of the file as a JSON object; CSV cells that are empty are left out. */
    private static void records(Path file, SourceFiles.ElementHandler handler) throws IOException {
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            int[] index = {0};
            SourceFiles.csvRows(file, (row, line) -> {
                ObjectNode record = Json.MAPPER.createObjectNode();
                row.forEach((column, value) -> {
                    if (value != null && !value.isBlank()) {
                        record.put(column, value);
                    }
                });
                handler.element(record, index[0]++);
            });
        } else {
            SourceFiles.records(file, handler);
        }
    }

    private static void record(Path file, Values v, ImportSource source, ImportSink sink) throws IOException {
        if (!v.record.isObject()) {
            throw new ImportException(file, "a record must be a JSON object, not " + v.record.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        boolean embedded = v.mapping.parseAs() != null && v.present("document");
        Map<String, String> local = embedded ? embeddedTools(v, sink) : Map.of();
        if (v.present("query") || v.present("gold") || v.present("split")) {
            queries(file, v, source, local, sink);
            return;
        }
        if (embedded) {
            return;
        }
        String name = v.text("name");
        String description = v.text("description");
        if (name == null && description == null) {
            throw new ImportException(file, "neither a query (no " + v.mapping.describe("query") + ") nor a tool (no "
                    + v.mapping.describe("name") + " or " + v.mapping.describe("description") + "); fields of this record: "
                    + String.join(", ", fieldNames(v.record)) + "; map them with --map FIELD=COLUMN");
        }
        String key = v.text("key") != null ? v.text("key") : name;
        if (key == null) {
            throw new ImportException(file, "a tool needs a key: no " + v.mapping.describe("key") + " and no " + v.mapping.describe("name")
                    + "; map one with --map key=COLUMN");
        }
        sink.tool(new Tool(key, name, description, v.text("method"), v.text("path"), v.parameters(),
                v.text("category"), v.list("tags"), "generic", Json.write(v.record)));
    }

    /**
     * The record's queries: one, or, when the query field is a list of texts, one per text, with the gold field a
     * list of as many gold lists; keys are the record's key (plus {@code #n} for a list), else a hash of the text.
     * Gold naming a tool of the record's own document ({@code local}: its key or name there) is that tool.
     */
    private static void queries(Path file, Values v, ImportSource source, Map<String, String> local, ImportSink sink) {
        String key = v.text("key");
        String splitText = v.text("split");
        Split split = splitText != null ? split(file, splitText) : source.defaultSplit();
        JsonNode texts = v.mapping.value(v.record, "query");
        if (texts == null || !texts.isArray()) {
            String query = v.text("query");
            if (query == null) {
                throw new ImportException(file, "query has no text (" + v.mapping.describe("query") + "); every query needs its text");
            }
            sink.query(new QueryDraft(key != null ? key : hashKey(query), query, split, localised(v.list("gold"), local)));
            return;
        }
        JsonNode golds = v.mapping.value(v.record, "gold");
        if (golds != null && (!golds.isArray() || golds.size() != texts.size())) {
            throw new ImportException(file, "field " + v.mapping.describe("query") + " is a list of " + texts.size() + " queries, so "
                    + v.mapping.describe("gold") + " must be a list of " + texts.size() + " gold lists, one for each");
        }
        for (int i = 0; i < texts.size(); i++) {
            JsonNode text = texts.get(i);
            if (text.isContainerNode() || text.isNull() || text.asText().isBlank()) {
                throw new ImportException(file, "query " + (i + 1) + " of field " + v.mapping.describe("query") + " has no text");
            }
            String query = text.asText().strip();
            sink.query(new QueryDraft(key != null ? key + "#" + (i + 1) : hashKey(query), query, split,
                    golds == null ? List.of() : localised(v.names("gold", golds.get(i)), local)));
        }
    }

    private static List<String> localised(List<String> gold, Map<String, String> local) {
        return local.isEmpty() ? gold : gold.stream().map(g -> local.getOrDefault(g, g)).toList();
    }

    private static String hashKey(String query) {
        return "generic:" + Hashing.sha256Hex(query).substring(0, 16);
    }

    /**
     * The tools of a document the record holds (as text or as a value), read by the importer of the parse-as format
     * and keyed under the record's key: ToolAlpaca, say, keeps each API's OpenAPI spec as a JSON string. Returns the
     * names the record's gold may use for them (their key, name or operationId in the document) -> their key here.
     */
    private static Map<String, String> embeddedTools(Values v, ImportSink sink) throws IOException {
        String prefix = v.text("key") != null ? v.text("key") : v.text("name");
        if (prefix == null) {
            throw new ImportException(null, "a record with a document needs a key to name its tools under; map it with key=COLUMN");
        }
        JsonNode node = v.mapping.value(v.record, "document");
        String content = node.isTextual() ? node.asText() : Json.write(node);
        String category = v.text("category");
        String start = content.stripLeading();
        Path document = Files.createTempFile("qta-document-", start.startsWith("{") || start.startsWith("[") ? ".json" : ".yaml");
        // the document's own key and name of each tool -> its key here; a name two tools share names neither
        Map<String, String> local = new LinkedHashMap<>();
        Set<String> shared = new HashSet<>();
        try {
            Files.writeString(document, content);
            // no namespace of the document's own (an OpenAPI title): its tools are keyed under the record
            Importers.forFormat(v.mapping.parseAs()).read(new ImportSource(document, Map.of(), null, "", null), new ImportSink() {
                @Override
                public void tool(Tool t) {
                    String key = prefix + "/" + t.key();
                    local.put(t.key(), key);
                    for (String alias : new LinkedHashSet<>(List.of(t.name(), operationId(t)))) {
                        if (!alias.isEmpty() && !alias.equals(t.key()) && local.putIfAbsent(alias, key) != null) {
                            shared.add(alias);
                        }
                    }
                    sink.tool(new Tool(key, t.name(), t.description(), t.method(), t.path(), t.parameters(),
                            category != null ? category : t.category(), t.tags(), t.format(), t.documentJson()));
                }

                @Override
                public void query(QueryDraft query) {
                    sink.query(query);
                }

                @Override
                public void warning(String message) {
                    sink.warning(prefix + ": " + message);
                }
            });
        } catch (ImportException e) {
            throw new ImportException(null, -1, -1, "field " + v.mapping.describe("document") + " of '" + prefix + "'"
                    + (e.line() > 0 ? ", line " + e.line() + (e.column() > 0 ? ", column " + e.column() : "") : "")
                    + " of the document: " + e.problem(), e);
        } finally {
            Files.deleteIfExists(document);
        }
        local.keySet().removeAll(shared);
        return local;
    }

    /** An OpenAPI tool's operationId (the name tool-use datasets call it by), else "". */
    private static String operationId(Tool tool) {
        try {
            return Json.MAPPER.readTree(tool.documentJson()).path("operation").path("operationId").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private static Split split(Path file, String text) {
        try {
            return Split.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ImportException(file, e.getMessage());
        }
    }

    private static List<String> fieldNames(JsonNode record) {
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Our field -> where in a record its value is: a column name, or a compiled JMESPath path. */
    private record Mapping(Map<String, String> columns, Map<String, Expression<JsonNode>> paths, Map<String, String> notPaths,
                           Set<String> explicit, String parseAs) {

        static Mapping of(Path file, Map<String, String> given) {
            String parseAs = given.get(PARSE_AS);
            if (parseAs != null) {
                if (!given.containsKey("document")) {
                    throw new ImportException(file, "parse-as=" + parseAs + " needs the column that holds the documents: map it with document=COLUMN");
                }
                try {
                    if (Importers.forFormat(parseAs).format().equals("generic")) {
                        throw new IllegalArgumentException("parse-as names the format of a tool document, not generic");
                    }
                } catch (IllegalArgumentException e) {
                    throw new ImportException(file, e.getMessage());
                }
            } else if (given.containsKey("document")) {
                throw new ImportException(file, "document=" + given.get("document") + " needs the documents' format: add --parse-as FORMAT");
            }
            Map<String, String> userMapping = new LinkedHashMap<>(given);
            userMapping.remove(PARSE_AS);
            Map<String, String> columns = new LinkedHashMap<>();
            FIELDS.stream().filter(f -> !f.name().equals(PARSE_AS)).forEach(f -> columns.put(f.name(), f.defaultColumn()));
            userMapping.forEach((ours, theirs) -> {
                if (!columns.containsKey(ours)) {
                    throw new ImportException(file, "unknown mapping field '" + ours + "'; known: " + String.join(", ", columns.keySet()));
                }
                if (theirs == null || theirs.isBlank()) {
                    throw new ImportException(file, "mapping " + ours + "= names no column");
                }
                columns.put(ours, theirs.strip());
            });
            Map<String, Expression<JsonNode>> paths = new LinkedHashMap<>();
            Map<String, String> notPaths = new LinkedHashMap<>();
            columns.forEach((ours, theirs) -> {
                if (!PLAIN_NAME.matcher(theirs).matches()) {
                    try {
                        paths.put(ours, JMESPATH.compile(theirs));
                    } catch (RuntimeException e) {
                        // still a column name, such as a CSV header "api-name"; the survey says so if no record has it
                        notPaths.put(ours, e.getMessage());
                    }
                }
            });
            return new Mapping(Map.copyOf(columns), Map.copyOf(paths), Map.copyOf(notPaths), Set.copyOf(userMapping.keySet()), parseAs);
        }

        /** The field's value in the record: a column of exactly that name first, else the path; null when absent. */
        JsonNode value(JsonNode record, String field) {
            String column = columns.get(field);
            JsonNode direct = record.get(column);
            if (direct != null || !paths.containsKey(field)) {
                return direct;
            }
            // a projection that matches nothing gives [], which is no value
            JsonNode found = paths.get(field).search(record);
            return found == null || found.isNull() || found.isMissingNode() || found.isArray() && found.isEmpty() ? null : found;
        }

        /** How an error names a field: "'gold' (column 'golds')". */
        String describe(String field) {
            String column = columns.get(field);
            return "'" + field + "'" + (column.equals(field) ? "" : " (" + (paths.containsKey(field) ? "path '" : "column '") + column + "')");
        }
    }

    /**
     * The first pass over the file: how many records, the columns they have, and which mapped fields any record
     * has, so that a mapping naming no column of the file is refused before anything is read into the catalog.
     */
    private static final class Survey {
        private final Mapping mapping;
        private final Set<String> columnsSeen = new LinkedHashSet<>();
        private final Set<String> fieldsFound = new HashSet<>();
        private int records;

        Survey(Mapping mapping) {
            this.mapping = mapping;
        }

        void add(JsonNode record) {
            records++;
            if (record.isObject()) {
                record.fieldNames().forEachRemaining(columnsSeen::add);
                for (String field : mapping.explicit()) {
                    if (!fieldsFound.contains(field) && mapping.value(record, field) != null) {
                        fieldsFound.add(field);
                    }
                }
            }
        }

        void check(Path file) {
            for (String field : mapping.explicit()) {
                if (!fieldsFound.contains(field)) {
                    String column = mapping.columns().get(field);
                    if (mapping.notPaths().containsKey(field)) {
                        throw new ImportException(file, "mapping " + field + "=" + column + " is neither a column of the " + records
                                + " records nor a valid JMESPath path (" + mapping.notPaths().get(field) + ")");
                    }
                    List<String> seen = new ArrayList<>(columnsSeen);
                    String shown = String.join(", ", seen.subList(0, Math.min(COLUMNS_SHOWN, seen.size())))
                            + (seen.size() > COLUMNS_SHOWN ? ", … (" + seen.size() + " in all)" : "");
                    throw new ImportException(file, (mapping.paths().containsKey(field) ? "path '" : "column '") + column
                            + "' (mapped to " + field + ") occurs in none of the " + records + " records; columns seen: "
                            + (shown.isEmpty() ? "none" : shown));
                }
            }
        }
    }

    /** One record read through the mapping, with errors that name the field. */
    private record Values(Mapping mapping, JsonNode record) {

        boolean present(String field) {
            return mapping.value(record, field) != null;
        }

        String text(String field) {
            JsonNode node = mapping.value(record, field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (node.isContainerNode()) {
                throw new ImportException(null, "field " + mapping.describe(field) + " is " + kind(node) + ", not text;"
                        + " map it to a path that reaches text (e.g. " + field + "=" + mapping.columns().get(field) + ".name)");
            }
            String text = node.asText().strip();
            return text.isEmpty() ? null : text;
        }

        List<String> list(String field) {
            return names(field, mapping.value(record, field));
        }

        /** A list of names from a value of the field: a list of texts, or text separated by {@code |}. */
        List<String> names(String field, JsonNode node) {
            List<String> out = new ArrayList<>();
            if (node == null || node.isNull()) {
                return out;
            }
            if (node.isArray()) {
                for (JsonNode item : node) {
                    if (item.isContainerNode()) {
                        throw new ImportException(null, "field " + mapping.describe(field) + " holds " + kind(item)
                                + " where a name belongs; map a path to the names, e.g. " + field + "=" + mapping.columns().get(field) + "[].name");
                    }
                    if (!item.isNull() && !item.asText().isBlank()) {
                        out.add(item.asText().strip());
                    }
                }
                return out;
            }
            if (node.isObject()) {
                throw new ImportException(null, "field " + mapping.describe(field) + " is an object, not a list of names");
            }
            for (String part : node.asText().split("\\|")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
            return out;
        }

        List<ToolParameter> parameters() {
            JsonNode node = mapping.value(record, "parameters");
            if (node != null && node.isTextual() && !node.asText().isBlank()) {
                try {
                    node = Json.MAPPER.readTree(node.asText());
                } catch (IOException e) {
                    throw new ImportException(null, "field " + mapping.describe("parameters") + " is text that is not JSON: " + e.getMessage());
                }
            }
            if (node == null || node.isNull() || node.isTextual()) {
                return List.of();
            }
            Set<String> required = new HashSet<>(list("required"));
            if (node.isObject()) {
                ObjectNode schema = node.has("properties") ? node.deepCopy() : Json.MAPPER.createObjectNode().set("properties", node);
                if (!required.isEmpty()) {
                    schema.set("required", Json.MAPPER.valueToTree(required));
                }
                if (!schema.get("properties").isObject()) {
                    throw new ImportException(null, "field " + mapping.describe("parameters") + " has 'properties' that is not an object");
                }
                return SchemaParameters.of(schema);
            }
            if (!node.isArray()) {
                throw new ImportException(null, "field " + mapping.describe("parameters") + " is " + kind(node)
                        + "; expected a JSON Schema object or a list of {name, type, description, required}");
            }
            List<ToolParameter> out = new ArrayList<>();
            for (JsonNode p : node) {
                String name = SourceFiles.text(p, "name");
                if (!p.isObject() || name == null || name.isBlank()) {
                    throw new ImportException(null, "field " + mapping.describe("parameters") + " holds " + kind(p)
                            + " without a 'name'; each parameter needs {name, type, description, required}");
                }
                out.add(new ToolParameter(name.strip(), SourceFiles.text(p, "type"), SourceFiles.text(p, "description"),
                        p.path("required").asBoolean(false) || required.contains(name.strip())));
            }
            return out;
        }

        private static String kind(JsonNode node) {
            return node.isObject() ? "an object" : node.isArray() ? "a list" : node.isTextual() ? "text" : "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
