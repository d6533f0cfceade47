package org.qtastudio.catalog.importers;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.ToolParameter;
import org.qtastudio.common.Json;

/**
 * OpenAPI 3 (JSON or YAML): one tool per operation, keyed {@code METHOD /path} (the form RestBench gold uses).
 * Name = summary, else operationId; description = summary and description; parameters from the path and the
 * operation ({@code $ref}s into the document resolved) plus the request body's top-level properties;
 * tags kept, category = first tag, else the API title. The spec is read as one tree: {@code $ref}s need random
 * access, and even large real specs (TMDB, 1.3 MB) are small next to the heap.
 */
public final class OpenApiImporter implements CatalogImporter {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern OPENAPI_HEAD = Pattern.compile("[\"']?(openapi|swagger)[\"']?\\s*:");

    @Override
    public String format() {
        return "openapi";
    }

    @Override
    public String description() {
        return "OpenAPI 3 spec (JSON or YAML): one tool per operation";
    }

    @Override
    public int detect(ImportSource source) throws IOException {
        if (source.isFolder()) {
            return 0;
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
        Path file = source.path();
        JsonNode root = SourceFiles.readTree(file);
        if (!root.isObject() || !(root.has("openapi") || root.has("swagger"))) {
            throw new ImportException(file, "not an OpenAPI document: missing required field 'openapi'");
        }
        JsonNode paths = root.get("paths");
        if (paths == null || !paths.isObject()) {
            throw new ImportException(file, "missing required field 'paths' (an object of path -> operations)");
        }
        String title = root.path("info").path("title").asText(null);
        for (Map.Entry<String, JsonNode> pathEntry : paths.properties()) {
            String path = pathEntry.getKey();
            JsonNode item = resolve(root, pathEntry.getValue(), file);
            for (String method : METHODS) {
                JsonNode op = item.get(method);
                if (op != null && op.isObject()) {
                    sink.tool(operation(root, file, path, method.toUpperCase(Locale.ROOT), item, op, title));
                }
            }
        }
    }

    private static Tool operation(JsonNode root, Path file, String path, String method, JsonNode item, JsonNode op, String title) {
        String summary = clean(SourceFiles.text(op, "summary"));
        String detail = clean(SourceFiles.text(op, "description"));
        String name = summary != null ? summary : clean(SourceFiles.text(op, "operationId"));
        String description = describe(summary, detail);
        // path-level parameters apply unless the operation redeclares the same name+location
        Map<String, ToolParameter> parameters = new LinkedHashMap<>();
        for (JsonNode list : List.of(item.path("parameters"), op.path("parameters"))) {
            for (JsonNode p : list) {
                JsonNode param = resolve(root, p, file);
                String pname = SourceFiles.text(param, "name");
                if (pname == null) {
                    continue;
                }
                JsonNode schema = resolve(root, param.path("schema"), file);
                parameters.put(pname + "@" + param.path("in").asText(), new ToolParameter(pname,
                        schema.isObject() ? SchemaParameters.typeOf(schema) : SourceFiles.text(param, "type"),
                        clean(SourceFiles.text(param, "description")), param.path("required").asBoolean(false)));
            }
        }
        List<ToolParameter> all = new ArrayList<>(parameters.values());
        all.addAll(bodyParameters(root, file, op));
        List<String> tags = new ArrayList<>();
        op.path("tags").forEach(t -> tags.add(t.asText()));
        ObjectNode doc = Json.MAPPER.createObjectNode().put("method", method).put("path", path);
        if (item.has("parameters")) {
            doc.set("pathParameters", item.get("parameters"));
        }
        doc.set("operation", op);
        return new Tool(method + " " + path, name, description, method, path, all,
                tags.isEmpty() ? title : tags.get(0), tags, "openapi", Json.write(doc));
    }

    private static List<ToolParameter> bodyParameters(JsonNode root, Path file, JsonNode op) {
        JsonNode body = resolve(root, op.path("requestBody"), file);
        for (JsonNode media : body.path("content")) {
            JsonNode schema = resolve(root, media.path("schema"), file);
            if (schema.has("properties")) {
                ObjectNode resolved = schema.deepCopy();
                ObjectNode props = Json.MAPPER.createObjectNode();
                schema.get("properties").properties().forEach(e -> props.set(e.getKey(), resolve(root, e.getValue(), file)));
                resolved.set("properties", props);
                return SchemaParameters.of(resolved);
            }
        }
        return List.of();
    }

    /** Follows local {@code $ref}s ({@code #/components/...}); a dangling one is an error naming it. */
    private static JsonNode resolve(JsonNode root, JsonNode node, Path file) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 20; hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new ImportException(file, "external $ref '" + ref + "' is not supported; bundle the spec into one file first");
            }
            JsonNode target = root.at(JsonPointer.compile(ref.substring(1)));
            if (target.isMissingNode()) {
                throw new ImportException(file, "$ref '" + ref + "' points to nothing in this document");
            }
            current = target;
        }
        return current;
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
