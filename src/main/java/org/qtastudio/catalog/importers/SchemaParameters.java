package org.qtastudio.catalog.importers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.qtastudio.catalog.ToolParameter;

/**
 * Parameters from a JSON Schema object ({@code properties} + {@code required}), the shape OpenAI functions,
 * MCP {@code inputSchema} and OpenAPI request bodies share.
 */
final class SchemaParameters {

    private SchemaParameters() {
    }

    static List<ToolParameter> of(JsonNode schema) {
        List<ToolParameter> out = new ArrayList<>();
        if (schema == null || !schema.isObject()) {
            return out;
        }
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        schema.path("properties").properties().forEach(e -> out.add(new ToolParameter(
                e.getKey(), typeOf(e.getValue()), SourceFiles.text(e.getValue(), "description"), required.contains(e.getKey()))));
        return out;
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
