package org.qtastudio.catalog.importers;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Hashing;
import org.qtastudio.common.Json;

/**
 * OpenAI function / tool schemas: a JSON array of {@code {"type":"function","function":{name, description,
 * parameters}}} or of bare {@code {name, description, parameters}}, an object {@code {"tools": [...]}} or
 * {@code {"functions": [...]}}, or JSON Lines with one of those per line. Key = the function name; parameters
 * from its JSON Schema. Streamed element by element, so the file's size does not bound memory.
 *
 * <p>Function-calling benchmarks in the Berkeley Function-Calling Leaderboard layout are read too: JSON Lines (even
 * under a {@code .json} name) of {@code {"id", "question": [[{"role", "content"}, ...], ...], "function": [...]}}.
 * Each record's functions become tools and its user messages a query keyed by its id; the query's gold comes from
 * an answer file ({@link ImportSource#answers()}, BFCL's {@code possible_answer}: {@code {"id", "ground_truth":
 * [{"function_name": {...}}, ...]}}) when one is given, else the query is unlabelled. Benchmarks repeat functions
 * across records: a byte-identical repeat collapses into the first; the same name with another schema is kept as
 * its own tool under {@code name#2}, {@code name#3}, ... and reported, so no schema is lost and none overwritten.
 */
public final class OpenAiImporter implements CatalogImporter {

    private static final Set<String> CONTAINERS = Set.of("tools", "functions");
    private static final Pattern CALL_NAME = Pattern.compile("^\\s*([^\\s(]+)\\s*\\(");
    /** Examples named in a warning; the rest are counted. */
    private static final int EXAMPLES = 3;

    @Override
    public String format() {
        return "openai";
    }

    @Override
    public String description() {
        return "OpenAI function/tool schemas (JSON array, {tools:[...]}, {functions:[...]} or JSONL), or a BFCL benchmark file";
    }

    @Override
    public int detect(ImportSource source) throws IOException {
        String name = source.fileName();
        if (source.isFolder() || !(name.endsWith(".json") || name.endsWith(".jsonl"))) {
            return 0;
        }
        String head = source.head();
        if (head.contains("\"inputSchema\"") || !head.contains("\"parameters\"")) {
            return 0;
        }
        JsonNode first = firstRecord(source.path());
        if (first != null) {
            // a file of records: ours only when they are function schemas or benchmark records (an exported
            // catalog's tool lines also have "parameters", as a list)
            return isBenchmark(first) || isSchema(first) ? 85 : 0;
        }
        return head.contains("\"function\"") || head.contains("\"functions\"") ? 85 : 50;
    }

    /**
     * The file's first JSON value when it is a record (an object, not a {@code {"tools": [...]}} wrapper, which is
     * not read further), else null; also null when it does not parse, which reading then reports with its place.
     */
    private static JsonNode firstRecord(Path file) throws IOException {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode record = Json.MAPPER.createObjectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (CONTAINERS.contains(name)) {
                    return null;
                }
                p.nextToken();
                record.set(name, p.readValueAsTree());
            }
            return record;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static boolean isBenchmark(JsonNode record) {
        return record != null && record.has("question") && record.path("function").isArray();
    }

    private static boolean isSchema(JsonNode record) {
        return record.path("function").isObject() || record.hasNonNull("name") && record.path("parameters").isObject();
    }

    @Override
    public void read(ImportSource source, ImportSink sink) throws IOException {
        Path file = source.path();
        Functions functions = new Functions(file, sink);
        boolean benchmark = isBenchmark(firstRecord(file));
        if (!benchmark && source.answers() != null) {
            throw new ImportException(source.answers(), "--answers gives the gold of a function-calling benchmark file (records with"
                    + " \"id\", \"question\" and \"function\"), but " + file.getFileName() + " holds no such records");
        }
        if (benchmark) {
            Map<String, List<String>> gold = source.answers() == null ? Map.of() : answers(source.answers());
            int[] labelled = {0};
            SourceFiles.lines(file, (node, index) -> {
                if (benchmarkRecord(file, node, functions, gold, source, sink)) {
                    labelled[0]++;
                }
            });
            if (gold.size() > labelled[0]) {
                sink.warning((gold.size() - labelled[0]) + " of the " + gold.size() + " answers in " + source.answers().getFileName()
                        + " name a record id that " + file.getFileName() + " does not have; their gold was not used");
            }
        } else if (source.fileName().endsWith(".jsonl")) {
            SourceFiles.lines(file, (node, index) -> functions.add(node));
        } else {
            SourceFiles.elements(file, CONTAINERS, (node, index) -> functions.add(node));
        }
        functions.report();
    }

    /** One benchmark record: its functions as tools, its user turns as a query; true when it had an answer. */
    private static boolean benchmarkRecord(Path file, JsonNode node, Functions functions, Map<String, List<String>> gold,
                                           ImportSource source, ImportSink sink) {
        String id = SourceFiles.requireText(file, node, "id").strip();
        JsonNode list = node.get("function");
        if (list == null || !list.isArray()) {
            throw new ImportException(file, "record '" + id + "': missing required field 'function' (the list of function schemas)");
        }
        Map<String, String> keyByName = new HashMap<>();
        for (JsonNode f : list) {
            Functions.Variant variant = functions.add(f);
            keyByName.putIfAbsent(variant.name(), variant.key());
        }
        String text = userText(node.get("question"));
        if (text.isBlank()) {
            throw new ImportException(file, "record '" + id + "': no user message in 'question' (expected [[{\"role\": \"user\", \"content\": ...}]])");
        }
        List<String> names = gold.get(id);
        List<String> refs = names == null ? List.of() : names.stream().map(n -> keyByName.getOrDefault(n, n)).toList();
        sink.query(new QueryDraft(id, text, source.splitFor(!refs.isEmpty()), refs));
        return names != null;
    }

    /** The user messages' contents of a question (turns of messages, one list of messages, or plain text). */
    private static String userText(JsonNode question) {
        if (question == null || question.isNull()) {
            return "";
        }
        if (question.isTextual()) {
            return question.asText().strip();
        }
        List<String> parts = new ArrayList<>();
        collectUserText(question, parts);
        return String.join("\n", parts);
    }

    private static void collectUserText(JsonNode node, List<String> parts) {
        if (node.isArray()) {
            node.forEach(n -> collectUserText(n, parts));
        } else if (node.isObject() && "user".equals(SourceFiles.text(node, "role"))) {
            String content = SourceFiles.text(node, "content");
            if (content != null && !content.isBlank()) {
                parts.add(content.strip());
            }
        }
    }

    /**
     * An answer file: record id -> the function names its ground truth calls, from {@code {"name": {args}}} objects or
     * call strings {@code name(args)} (BFCL multi-turn), nested lists flattened.
     */
    static Map<String, List<String>> answers(Path file) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        SourceFiles.lines(file, (node, index) -> {
            String id = SourceFiles.requireText(file, node, "id").strip();
            JsonNode truth = node.get("ground_truth");
            if (truth == null || !truth.isArray()) {
                throw new ImportException(file, "answer '" + id + "': missing required field 'ground_truth' (a list of calls)");
            }
            List<String> names = new ArrayList<>();
            callNames(truth, names);
            if (out.put(id, names.stream().distinct().toList()) != null) {
                throw new ImportException(file, "answer '" + id + "' is given twice");
            }
        });
        return out;
    }

    private static void callNames(JsonNode node, List<String> names) {
        if (node.isArray()) {
            node.forEach(n -> callNames(n, names));
        } else if (node.isObject()) {
            node.fieldNames().forEachRemaining(names::add);
        } else if (node.isTextual()) {
            var m = CALL_NAME.matcher(node.asText());
            if (m.find()) {
                names.add(m.group(1));
            }
        }
    }

    /**
     * The functions read so far by name, so repeats collapse and same-name variants get their own keys. It keeps a
     * digest per schema, not the schema, so memory grows with the number of functions, not their size.
     */
    private static final class Functions {

        /** A function's tool key and the digest of its schema document. */
        record Variant(String name, String key, String digest) {
        }

        private final Path file;
        private final ImportSink sink;
        private final Map<String, List<Variant>> byName = new HashMap<>();
        private final List<String> variants = new ArrayList<>();
        private int repeats;

        Functions(Path file, ImportSink sink) {
            this.file = file;
            this.sink = sink;
        }

        /** The variant of a function schema: the one already read when identical, else a new tool sent to the sink. */
        Variant add(JsonNode node) {
            JsonNode function = node.has("function") && node.get("function").isObject() ? node.get("function") : node;
            String name = SourceFiles.requireText(file, function, "name").strip();
            String document = Json.write(node);
            String digest = Hashing.sha256Hex(document);
            List<Variant> seen = byName.computeIfAbsent(name, n -> new ArrayList<>(1));
            for (Variant v : seen) {
                if (v.digest().equals(digest)) {
                    repeats++;
                    return v;
                }
            }
            Variant variant = new Variant(name, seen.isEmpty() ? name : name + "#" + (seen.size() + 1), digest);
            if (!seen.isEmpty()) {
                variants.add(variant.key());
            }
            seen.add(variant);
            sink.tool(new Tool(variant.key(), name, SourceFiles.text(function, "description"), null, null,
                    SchemaParameters.of(function.get("parameters")), null, List.of(), "openai", document));
            return variant;
        }

        void report() {
            if (repeats > 0) {
                sink.warning(repeats + " repeated function definitions were identical to one read before and were collapsed into it");
            }
            if (!variants.isEmpty()) {
                sink.warning(variants.size() + " functions share a name with an earlier function but not its schema; each is kept"
                        + " under its own key (" + String.join(", ", variants.subList(0, Math.min(EXAMPLES, variants.size())))
                        + (variants.size() > EXAMPLES ? ", ..." : "") + ")");
            }
        }
    }
}
