package org.qtastudio.catalog.importers;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.ToolParameter;
import org.qtastudio.common.Json;

/**
 * OpenAPI 3.0/3.1 and Swagger 2.0 (JSON or YAML), one spec or a folder of specs: one tool per operation, keyed
 * {@code NAMESPACE/METHOD /path}. The namespace is the spec's {@code info.title} (else its file name) or the
 * user's {@code --namespace}; an empty namespace gives bare {@code METHOD /path} keys (the form RestBench gold
 * uses, which the gold resolver also matches to namespaced keys). Namespacing is what lets two APIs that both have
 * {@code GET /search} meet in one catalog. A folder is walked for {@code .json}/{@code .yaml}/{@code .yml} specs,
 * each under its own namespace; files that are not specs are skipped with a warning.
 *
 * <p>Name = summary, else operationId; description = summary and description; parameters from the path and the
 * operation ({@code $ref}s into the document resolved) plus the request body's properties (OpenAPI 3
 * {@code requestBody}, Swagger 2 {@code in: body}), with {@code allOf}/{@code oneOf}/{@code anyOf} flattened;
 * tags kept, category = first tag, else the API title. A spec is read as one tree: {@code $ref}s need random
 * access, and even large real specs (TMDB, 1.3 MB) are small next to the heap.
 */
public final class OpenApiImporter implements CatalogImporter {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern OPENAPI_HEAD = Pattern.compile("[\"']?(openapi|swagger)[\"']?\\s*:");
    /** How many files of a folder detection looks into before it gives up. */
    private static final int DETECT_FILES = 50;

    @Override
    public String format() {
        return "openapi";
    }

    @Override
    public String description() {
        return "OpenAPI 3.0/3.1 or Swagger 2.0 spec (JSON or YAML), or a folder of them: one tool per operation, keyed API/METHOD /path";
    }

    @Override
    public int detect(ImportSource source) throws IOException {
        if (source.isFolder()) {
            // below the dataset folders' own formats (RestBench, MTRB, BEIR), which know their layouts better
            try (Stream<Path> files = specFiles(source.path())) {
                return files.limit(DETECT_FILES).anyMatch(OpenApiImporter::looksLikeSpec) ? 40 : 0;
            }
        }
        String name = source.fileName();
        boolean json = name.endsWith(".json");
        if (!json && !SourceFiles.isYaml(source.path())) {
            return 0;
        }
        boolean hasPaths = source.head().contains("paths");
        return OPENAPI_HEAD.matcher(source.head()).find() ? (hasPaths ? 90 : 60) : (name.contains("oas") || name.contains("openapi") ? 30 : 0);
    }

    @Override
    public void read(ImportSource source, ImportSink sink) throws IOException {
        if (!source.isFolder()) {
            Path file = source.path();
            JsonNode root = SourceFiles.readTree(file);
            requireSpec(file, root);
            readSpec(file, root, source.namespace() != null ? source.namespace().strip() : namespaceOf(file, root), sink);
            return;
        }
        if (source.namespace() != null) {
            throw new ImportException(source.path(), "--namespace names the API of one spec; in a folder each spec is keyed under"
                    + " its own info.title. Import the specs one by one to choose their namespaces");
        }
        Map<String, Path> namespaces = new HashMap<>();
        int specs = 0;
        List<Path> files;
        try (Stream<Path> walk = specFiles(source.path())) {
            files = walk.toList();
        }
        for (Path file : files) {
            JsonNode root = SourceFiles.readTree(file);
            if (!isSpec(root)) {
                sink.warning("skipped " + source.path().relativize(file) + ": not an OpenAPI or Swagger document (no 'openapi' or 'swagger' field)");
                continue;
            }
            String namespace = namespaceOf(file, root);
            Path first = namespaces.putIfAbsent(namespace, file);
            if (first != null) {
                String relative = source.path().relativize(file).toString();
                sink.warning(relative + " has the same title as " + source.path().relativize(first) + " ('" + namespace
                        + "'); its tools are keyed under '" + namespace + " (" + relative + ")'");
                namespace = namespace + " (" + relative + ")";
            }
            readSpec(file, root, namespace, sink);
            specs++;
        }
        if (specs == 0) {
            throw new ImportException(source.path(), "no OpenAPI or Swagger spec (.json, .yaml, .yml with an 'openapi' or 'swagger' field) in this folder");
        }
    }

    /** JSON and YAML files under a folder, in a stable (sorted) order. */
    private static Stream<Path> specFiles(Path folder) throws IOException {
        return Files.walk(folder).filter(Files::isRegularFile)
                .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") || SourceFiles.isYaml(p))
                .sorted();
    }

    private static boolean looksLikeSpec(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return OPENAPI_HEAD.matcher(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8)).find();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isSpec(JsonNode root) {
        return root.isObject() && (root.has("openapi") || root.has("swagger"));
    }

    private static void requireSpec(Path file, JsonNode root) {
        if (!isSpec(root)) {
            throw new ImportException(file, "not an OpenAPI document: missing required field 'openapi' (or 'swagger' for Swagger 2.0)");
        }
    }

    /** The spec's title, else its file name without extension. */
    private static String namespaceOf(Path file, JsonNode root) {
        String title = clean(root.path("info").path("title").asText(null));
        if (title != null) {
            return title;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static void readSpec(Path file, JsonNode root, String namespace, ImportSink sink) {
        JsonNode paths = root.get("paths");
        if (paths == null && root.path("openapi").asText().startsWith("3.1")) {
            // OpenAPI 3.1 makes paths optional (a spec may hold only webhooks or components)
            sink.warning(file.getFileName() + " ('" + namespace + "') has no paths, so no operations to import");
            return;
        }
        if (paths == null || !paths.isObject()) {
            throw new ImportException(file, "missing required field 'paths' (an object of path -> operations)");
        }
        Refs refs = new Refs(file, root);
        String title = root.path("info").path("title").asText(null);
        String prefix = namespace.isEmpty() ? "" : namespace + "/";
        for (Map.Entry<String, JsonNode> pathEntry : paths.properties()) {
            String path = pathEntry.getKey();
            JsonNode item = refs.resolve(pathEntry.getValue());
            for (String method : METHODS) {
                JsonNode op = item.get(method);
                if (op != null && op.isObject()) {
                    sink.tool(operation(refs, prefix, path, method.toUpperCase(Locale.ROOT), item, op, title));
                }
            }
        }
    }

    private static Tool operation(Refs refs, String prefix, String path, String method, JsonNode item, JsonNode op, String title) {
        String summary = clean(SourceFiles.text(op, "summary"));
        String detail = clean(SourceFiles.text(op, "description"));
        String name = summary != null ? summary : clean(SourceFiles.text(op, "operationId"));
        String description = describe(summary, detail);
        UnaryOperator<JsonNode> resolver = refs::resolve;
        // path-level parameters apply unless the operation redeclares the same name+location
        Map<String, ToolParameter> parameters = new LinkedHashMap<>();
        List<ToolParameter> body = new ArrayList<>();
        for (JsonNode list : List.of(item.path("parameters"), op.path("parameters"))) {
            for (JsonNode p : list) {
                JsonNode param = refs.resolve(p);
                String pname = SourceFiles.text(param, "name");
                if (pname == null) {
                    continue;
                }
                JsonNode schema = refs.resolve(param.path("schema"));
                if ("body".equals(param.path("in").asText())) {
                    // Swagger 2.0: the request body is a parameter whose schema holds the fields
                    body = SchemaParameters.of(schema, resolver);
                    continue;
                }
                parameters.put(pname + "@" + param.path("in").asText(), new ToolParameter(pname,
                        schema.isObject() ? SchemaParameters.typeOf(schema) : SourceFiles.text(param, "type"),
                        clean(SourceFiles.text(param, "description")), param.path("required").asBoolean(false)));
            }
        }
        List<ToolParameter> all = new ArrayList<>(parameters.values());
        all.addAll(op.has("requestBody") ? bodyParameters(refs, op) : body);
        List<String> tags = new ArrayList<>();
        op.path("tags").forEach(t -> tags.add(t.asText()));
        ObjectNode doc = Json.MAPPER.createObjectNode().put("method", method).put("path", path);
        if (item.has("parameters")) {
            doc.set("pathParameters", item.get("parameters"));
        }
        doc.set("operation", op);
        return new Tool(prefix + method + " " + path, name, description, method, path, all,
                tags.isEmpty() ? title : tags.get(0), tags, "openapi", Json.write(doc));
    }

    /** OpenAPI 3: the first media type of the request body whose schema declares fields. */
    private static List<ToolParameter> bodyParameters(Refs refs, JsonNode op) {
        JsonNode body = refs.resolve(op.path("requestBody"));
        for (JsonNode media : body.path("content")) {
            List<ToolParameter> fields = SchemaParameters.of(media.path("schema"), refs::resolve);
            if (!fields.isEmpty()) {
                return fields;
            }
        }
        return List.of();
    }

    /**
     * Follows a spec's {@code $ref}s: local ones ({@code #/components/...}) and ones into other files beside it
     * ({@code parameters.yaml#/tagsParam}, as split specs have), each file read once. A referenced file's own
     * local refs are rewritten to name that file, so they resolve there. A dangling ref is an error naming it.
     */
    private static final class Refs {
        private final Path file;
        private final JsonNode root;
        private final Map<Path, JsonNode> documents = new HashMap<>();

        Refs(Path file, JsonNode root) {
            this.file = file;
            this.root = root;
        }

        JsonNode resolve(JsonNode node) {
            JsonNode current = node;
            for (int hops = 0; current.has("$ref") && hops < 20; hops++) {
                String ref = current.get("$ref").asText();
                int hash = ref.indexOf('#');
                String location = hash < 0 ? ref : ref.substring(0, hash);
                String pointer = hash < 0 ? "" : ref.substring(hash + 1);
                if (location.contains("://")) {
                    throw new ImportException(file, "remote $ref '" + ref + "' is not supported; bundle the spec into one file first");
                }
                JsonNode document = location.isEmpty() ? root : document(file.toAbsolutePath().getParent().resolve(location).normalize(), ref);
                JsonNode target = document.at(JsonPointer.compile(pointer));
                if (target.isMissingNode()) {
                    throw new ImportException(file, "$ref '" + ref + "' points to nothing");
                }
                current = target;
            }
            return current;
        }

        private JsonNode document(Path other, String ref) {
            JsonNode cached = documents.get(other);
            if (cached != null) {
                return cached;
            }
            if (!Files.isRegularFile(other)) {
                throw new ImportException(file, "$ref '" + ref + "' names " + other + ", which does not exist");
            }
            try {
                JsonNode document = SourceFiles.readTree(other).deepCopy();
                anchor(document, other, other.getParent());
                documents.put(other, document);
                return document;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** Rewrites the refs inside a referenced file to absolute ones, so they resolve against that file. */
        private static void anchor(JsonNode node, Path self, Path folder) {
            if (node.isObject()) {
                JsonNode ref = node.get("$ref");
                if (ref != null && ref.isTextual() && !ref.asText().contains("://")) {
                    String text = ref.asText();
                    String target = text.startsWith("#") ? self + text : folder.resolve(text).normalize().toString();
                    ((ObjectNode) node).put("$ref", target);
                }
                node.forEach(child -> anchor(child, self, folder));
            } else if (node.isArray()) {
                node.forEach(child -> anchor(child, self, folder));
            }
        }
    }

    /** Summary then description, without repeating a summary the description already starts with. */
    private static String describe(String summary, String detail) {
        if (summary == null || detail == null) {
            return summary == null ? detail : summary;
        }
        if (detail.startsWith(summary)) {
            return detail;
        }
        return summary + (summary.matches(".*[.!?:]$") ? " " : ". ") + detail;
    }

    private static String clean(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
