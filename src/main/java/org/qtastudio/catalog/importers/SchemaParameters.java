package org.qtastudio.catalog.importers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.qtastudio.catalog.ToolParameter;

/**
 * Parameters from a JSON Schema object ({@code properties} + {@code required}), the shape OpenAI functions,
 * MCP {@code inputSchema} and OpenAPI request bodies share. Composed schemas are flattened, since a retriever and
 * a reader want the fields, not the composition: {@code allOf} parts add their properties and requirements;
 * {@code oneOf}/{@code anyOf} alternatives add theirs as optional (no single alternative is required).
 */
final class SchemaParameters {

    /** Deeper compositions than this are cut off rather than followed (a cyclic {@code $ref} would never end). */
    private static final int MAX_DEPTH = 16;

    private SchemaParameters() {
    }

    static List<ToolParameter> of(JsonNode schema) {
        return of(schema, UnaryOperator.identity());
    }

    /**
     * The parameters of {@code schema}, with {@code resolve} applied to every sub-schema read (an OpenAPI spec
     * passes its {@code $ref} resolver).
     */
    static List<ToolParameter> of(JsonNode schema, UnaryOperator<JsonNode> resolve) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        Set<String> required = new HashSet<>();
        collect(schema, resolve, true, properties, required, 0);
        List<ToolParameter> out = new ArrayList<>();
        properties.forEach((name, property) -> out.add(new ToolParameter(name, typeOf(property),
                SourceFiles.text(property, "description"), required.contains(name))));
        return out;
    }

    private static void collect(JsonNode node, UnaryOperator<JsonNode> resolve, boolean binding, Map<String, JsonNode> properties,
                                Set<String> required, int depth) {
        JsonNode schema = node == null ? null : resolve.apply(node);
        if (schema == null || !schema.isObject() || depth > MAX_DEPTH) {
            return;
        }
        schema.path("properties").properties().forEach(e -> properties.putIfAbsent(e.getKey(), resolve.apply(e.getValue())));
        // an alternative's own required list binds only when that alternative is chosen
        if (binding) {
            schema.path("required").forEach(r -> required.add(r.asText()));
        }
        for (JsonNode part : schema.path("allOf")) {
            collect(part, resolve, binding, properties, required, depth + 1);
        }
        for (String alternatives : List.of("oneOf", "anyOf")) {
            for (JsonNode part : schema.path(alternatives)) {
                collect(part, resolve, false, properties, required, depth + 1);
            }
        }
    }

    /** The schema's type as text ({@code string}, {@code array<integer>}), or null when it declares none. */
    static String typeOf(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return schema.has("enum") ? "enum" : null;
        }
        if (type.isArray()) {
            List<String> types = new ArrayList<>();
            type.forEach(t -> types.add(t.asText()));
            return String.join("|", types);
        }
        String t = type.asText();
        JsonNode items = schema.get("items");
        return "array".equals(t) && items != null && items.has("type") ? "array<" + items.get("type").asText() + ">" : t;
    }
}
