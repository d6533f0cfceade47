package org.qtastudio.catalog.importers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import org.yaml.snakeyaml.events.ScalarEvent;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.qtastudio.common.Json;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Opens JSON, JSONL, YAML and CSV sources for the importers and turns every parse problem (syntax, invalid
 * UTF-8, wrong shape, a missing field) into an {@link ImportException} naming the file, line and column.
 * Arrays are streamed: one element is a tree in memory at a time, so file size does not bound memory.
 * A file holds one document: a second JSON value (or YAML document) after it is refused where it starts, so
 * nothing is ever read only in part. YAML anchors and aliases are resolved (merge keys {@code <<} included),
 * within limits that stop "billion laughs" documents.
 */
public final class SourceFiles {

    /** The largest YAML document read, in code points (SnakeYAML's own default, 3 MiB, is below real specs). */
    public static final int YAML_CODE_POINT_LIMIT = 128 * 1024 * 1024;
    /** How many alias uses a YAML document may hold. */
    public static final int YAML_ALIAS_LIMIT = 10_000;
    /** How many values the aliases of a YAML document may add when expanded. */
    public static final long YAML_EXPANSION_LIMIT = 1_000_000;

    private static final JsonFactory JSON = Json.MAPPER.getFactory();
    private static final JsonFactory YAML = yamlFactory();
    private static final CsvMapper CSV = new CsvMapper();

    private SourceFiles() {
    }

    private static JsonFactory yamlFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(YAML_CODE_POINT_LIMIT);
        return new AnchoringYamlFactory(YAMLFactory.builder().loaderOptions(options)).setCodec(Json.MAPPER);
    }

    /** Makes {@link AnchoringYamlParser}s. */
    private static final class AnchoringYamlFactory extends YAMLFactory {
        AnchoringYamlFactory(YAMLFactoryBuilder builder) {
            super(builder);
        }

        @Override
        protected YAMLParser _createParser(Reader reader, IOContext context) throws IOException {
            return new AnchoringYamlParser(context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, reader);
        }
    }

    /** Jackson's YAML parser, telling the anchor of a scalar value too (Jackson's own only tells those of collections). */
    private static final class AnchoringYamlParser extends YAMLParser {
        AnchoringYamlParser(IOContext context, int features, int yamlFeatures, LoaderOptions options, ObjectCodec codec, Reader reader) {
            super(context, features, yamlFeatures, options, codec, reader);
        }

        String anchor() {
            return currentToken() != null && currentToken().isScalarValue() && _lastEvent instanceof ScalarEvent scalar
                    ? scalar.getAnchor() : getCurrentAnchor();
        }
    }

    /** Called once per streamed element; problems it throws without a line are located at the element. */
    @FunctionalInterface
    public interface ElementHandler {
        void element(JsonNode node, int index) throws IOException;
    }

    /** Called once per top-level field of an object file. */
    @FunctionalInterface
    public interface FieldHandler {
        void field(String name, JsonNode value, int index) throws IOException;
    }

    /** Called once per CSV data row with its 1-based line. */
    @FunctionalInterface
    public interface RowHandler {
        void row(Map<String, String> row, long line) throws IOException;
    }

    /** Whether the file name says YAML. */
    public static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** The whole document as a tree, for sources that need random access (OpenAPI {@code $ref}s). */
    public static JsonNode readTree(Path file) throws IOException {
        try (JsonParser p = open(file)) {
            if (p.nextToken() == null) {
                throw new ImportException(file, "the file is empty");
            }
            JsonNode node = new TreeReader(file, p).read();
            requireEnd(file, p);
            return node;
        } catch (JsonProcessingException e) {
            throw located(file, e);
        }
    }

    /**
     * Streams the elements of the file's array: the root array, or, when the root is an object, the arrays
     * under any of the {@code containers} field names (searched recursively through objects under those
     * names, e.g. {@code {"result": {"tools": [...]}}}). Other fields are skipped unread.
     *
     * @return how many elements were streamed
     */
    public static int elements(Path file, Set<String> containers, ElementHandler handler) throws IOException {
        try (JsonParser p = open(file)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ImportException(file, "the file is empty");
            }
            int[] count = {0};
            TreeReader trees = new TreeReader(file, p);
            if (first == JsonToken.START_ARRAY) {
                streamArray(file, trees, handler, count);
            } else if (first == JsonToken.START_OBJECT && !containers.isEmpty()) {
                searchObject(file, trees, containers, handler, count);
            } else {
                throw at(file, p.currentTokenLocation(), "expected " + (containers.isEmpty() ? "a JSON array"
                        : "a JSON array or an object with " + String.join("/", containers)) + " but found " + describe(first));
            }
            requireEnd(file, p);
            return count[0];
        } catch (JsonProcessingException e) {
            throw located(file, e);
        }
    }

    private static void searchObject(Path file, TreeReader trees, Set<String> containers, ElementHandler handler, int[] count) throws IOException {
        JsonParser p = trees.parser;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (containers.contains(name) && value == JsonToken.START_ARRAY) {
                streamArray(file, trees, handler, count);
            } else if (containers.contains(name) && value == JsonToken.START_OBJECT) {
                searchObject(file, trees, containers, handler, count);
            } else {
                trees.skip();
            }
        }
    }

    private static void streamArray(Path file, TreeReader trees, ElementHandler handler, int[] count) throws IOException {
        JsonParser p = trees.parser;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == null) {
                throw at(file, p.currentLocation(), "the file ends inside an array");
            }
            JsonLocation start = p.currentTokenLocation();
            JsonNode node = trees.read();
            handle(file, start.getLineNr(), start.getColumnNr(), "element #" + (count[0] + 1), () -> handler.element(node, count[0]));
            count[0]++;
        }
    }

    /** Streams the top-level fields of an object file, one value tree at a time, in file order. */
    public static int fields(Path file, FieldHandler handler) throws IOException {
        try (JsonParser p = open(file)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ImportException(file, "the file is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw at(file, p.currentTokenLocation(), "expected a JSON object but found " + describe(first));
            }
            int index = 0;
            TreeReader trees = new TreeReader(file, p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                JsonLocation start = p.currentTokenLocation();
                JsonNode value = trees.read();
                int i = index++;
                handle(file, start.getLineNr(), start.getColumnNr(), "field '" + name + "'", () -> handler.field(name, value, i));
            }
            requireEnd(file, p);
            return index;
        } catch (JsonProcessingException e) {
            throw located(file, e);
        }
    }

    /**
     * Streams the records of a JSON file of any of the shapes people keep records in: the elements of a root
     * array, or every top-level value (JSON Lines, or JSON values one after another, whatever the file's name).
     *
     * @return how many records were streamed
     */
    public static int records(Path file, ElementHandler handler) throws IOException {
        try (JsonParser p = open(file)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ImportException(file, "the file is empty");
            }
            if (first == JsonToken.START_ARRAY) {
                int[] count = {0};
                streamArray(file, new TreeReader(file, p), handler, count);
                requireEnd(file, p);
                return count[0];
            }
        } catch (JsonProcessingException e) {
            throw located(file, e);
        }
        return lines(file, handler);
    }

    /** Streams a JSON Lines file (one value per line; blank lines allowed). */
    public static int lines(Path file, ElementHandler handler) throws IOException {
        requireNonEmpty(file);
        try (JsonParser p = JSON.createParser(new StrictUtf8Reader(file, Files.newInputStream(file)))) {
            int index = 0;
            while (p.nextToken() != null) {
                JsonLocation start = p.currentTokenLocation();
                JsonNode node = p.readValueAsTree();
                int i = index++;
                handle(file, start.getLineNr(), start.getColumnNr(), "record #" + (i + 1), () -> handler.element(node, i));
            }
            if (index == 0) {
                throw new ImportException(file, "the file holds no JSON lines");
            }
            return index;
        } catch (JsonProcessingException e) {
            throw located(file, e);
        }
    }

    /**
     * Streams a CSV file with a header row; text must be UTF-8 (a BOM is skipped), and invalid bytes are
     * reported with the line they are on.
     */
    public static int csvRows(Path file, RowHandler handler) throws IOException {
        return csvRows(file, CsvSchema.emptySchema().withHeader(), handler);
    }

    /** Streams a tab-separated file with a header row (no quoting), as BEIR qrels are. */
    public static int tsvRows(Path file, RowHandler handler) throws IOException {
        return csvRows(file, CsvSchema.emptySchema().withHeader().withColumnSeparator('\t').withoutQuoteChar(), handler);
    }

    private static int csvRows(Path file, CsvSchema schema, RowHandler handler) throws IOException {
        requireNonEmpty(file);
        try (Reader reader = new StrictUtf8Reader(file, Files.newInputStream(file))) {
            MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class).with(schema).readValues(reader);
            JsonParser p = rows.getParser();
            int count = 0;
            while (rows.hasNextValue()) {
                long line = p.currentLocation().getLineNr();
                Map<String, String> row = rows.nextValue();
                handle(file, line, -1, "row " + (count + 1), () -> handler.row(row, line));
                count++;
            }
            return count;
        } catch (JsonProcessingException e) {
            throw located(file, e);
        }
    }

    /** A JSON or YAML parser for the file (YAML by extension), refusing empty and missing files clearly. */
    public static JsonParser open(Path file) throws IOException {
        requireNonEmpty(file);
        // Jackson checks UTF-8 in JSON itself, with the location; SnakeYAML would only say "at char #n"
        return isYaml(file) ? YAML.createParser(new StrictUtf8Reader(file, Files.newInputStream(file))) : JSON.createParser(file.toFile());
    }

    /** Fails with a clear message when the file is missing or has no bytes. */
    public static void requireNonEmpty(Path file) throws IOException {
        try {
            if (Files.size(file) == 0) {
                throw new ImportException(file, "the file is empty");
            }
        } catch (NoSuchFileException e) {
            throw new ImportException(file, "no such file");
        }
    }

    /** Refuses anything after the document's one value, at the place the second value starts. */
    private static void requireEnd(Path file, JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw at(file, p.currentTokenLocation(), "a second " + (p instanceof YAMLParser ? "YAML document" : "JSON value")
                    + " starts here, but this format reads one document per file; split the file, or, for records one per line,"
                    + " name it .jsonl and import it with --format generic");
        }
    }

    /** A Jackson parse error as an ImportException at the line and column Jackson reports. */
    public static ImportException located(Path file, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String message = e.getOriginalMessage();
        if (message != null) {
            // Jackson names other places in the file as "[Source: REDACTED (…); line: 1, column: 13]": keep only the place
            message = message.replaceAll("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
        }
        if (message != null && message.contains("exceeds the limit") && message.contains("code points")) {
            message = "the YAML document is larger than " + YAML_CODE_POINT_LIMIT / (1024 * 1024)
                    + " MiB, the most this reads; convert it to JSON, which has no such limit";
        }
        if (message != null && message.toLowerCase(Locale.ROOT).contains("utf-8")) {
            message = message + " (the file is not valid UTF-8; save it as UTF-8)";
        }
        return loc == null ? new ImportException(file, -1, -1, message, e)
                : new ImportException(file, loc.getLineNr(), loc.getColumnNr(), message, e);
    }

    /** A problem at a parser location. */
    public static ImportException at(Path file, JsonLocation loc, String problem) {
        return new ImportException(file, loc.getLineNr(), loc.getColumnNr(), problem);
    }

    /** A required text field of an element, or a problem naming the field. */
    public static String requireText(Path file, JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new ImportException(file, "missing required field '" + field + "'");
        }
        return value;
    }

    /** A text field, or null when absent or null; numbers and booleans are given as text. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private interface Work {
        void run() throws IOException;
    }

    /** Runs a handler; a problem it reports without a location is placed at the element it was handling. */
    private static void handle(Path file, long line, long column, String what, Work work) throws IOException {
        try {
            work.run();
        } catch (ImportException e) {
            if (e.line() > 0) {
                throw e;
            }
            throw new ImportException(file, line, column, what + ": " + e.problem(), e);
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString();
        };
    }

    /**
     * Builds value trees from a parser. JSON is read by Jackson directly; for YAML, Jackson's streaming parser hands
     * over an alias as its anchor's name, so this builds the tree itself and puts the anchored value in the alias's
     * place (shared, not copied), counting what the aliases add so that a "billion laughs" document is refused.
     */
    private static final class TreeReader {
        private final Path file;
        private final JsonParser parser;
        private final AnchoringYamlParser yaml;
        private final Map<String, Anchored> anchors = new HashMap<>();
        private long values;
        private long expansion;
        private int aliases;

        private record Anchored(JsonNode node, long size) {
        }

        TreeReader(Path file, JsonParser parser) {
            this.file = file;
            this.parser = parser;
            this.yaml = parser instanceof AnchoringYamlParser y ? y : null;
        }

        /** Passes over the value that starts at the current token (YAML: still noting its anchors). */
        void skip() throws IOException {
            if (yaml == null) {
                parser.skipChildren();
            } else {
                build();
            }
        }

        /** The value that starts at the current token; the parser is left on its last token. */
        JsonNode read() throws IOException {
            return yaml == null ? parser.readValueAsTree() : build();
        }

        private JsonNode build() throws IOException {
            if (yaml.isCurrentAlias()) {
                return alias(parser.getText());
            }
            String anchor = yaml.anchor();
            long before = values;
            JsonNode node;
            switch (parser.currentToken()) {
                case START_OBJECT -> {
                    ObjectNode object = Json.MAPPER.createObjectNode();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        parser.nextToken();
                        JsonNode value = build();
                        if ("<<".equals(name) && (value.isObject() || value.isArray())) {
                            merge(object, value);
                        } else {
                            object.set(name, value);
                        }
                    }
                    node = object;
                }
                case START_ARRAY -> {
                    ArrayNode array = Json.MAPPER.createArrayNode();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        array.add(build());
                    }
                    node = array;
                }
                default -> {
                    JsonNode scalar = parser.readValueAsTree();
                    node = scalar == null ? Json.MAPPER.nullNode() : scalar;
                }
            }
            values++;
            if (anchor != null) {
                anchors.put(anchor, new Anchored(node, values - before));
            }
            return node;
        }

        /** A YAML merge key: the mapping's (or mappings') fields that the object does not set itself. */
        private void merge(ObjectNode object, JsonNode from) {
            Iterator<JsonNode> sources = from.isArray() ? from.elements() : java.util.List.of(from).iterator();
            while (sources.hasNext()) {
                JsonNode source = sources.next();
                source.properties().forEach(e -> {
                    if (!object.has(e.getKey())) {
                        object.set(e.getKey(), e.getValue());
                    }
                });
            }
        }

        private JsonNode alias(String name) {
            Anchored target = anchors.get(name);
            JsonLocation where = parser.currentTokenLocation();
            if (target == null) {
                throw at(file, where, "YAML alias *" + name + " names no anchor &" + name + " defined before it");
            }
            expansion += target.size();
            values += target.size();
            if (++aliases > YAML_ALIAS_LIMIT || expansion > YAML_EXPANSION_LIMIT) {
                throw at(file, where, "YAML aliases expand this document beyond " + YAML_ALIAS_LIMIT + " aliases or "
                        + YAML_EXPANSION_LIMIT + " added values (an alias bomb?); expand the anchors by hand or convert the file to JSON");
            }
            return target.node();
        }
    }
}
