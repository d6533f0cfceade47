package org.qtastudio.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.ToolParameter;
import org.qtastudio.common.Json;

/**
 * A catalog tool as it is served: with the name an agent calls it by and the JSON Schema of its arguments. A tool
 * imported with a schema of its own (an MCP tool's {@code inputSchema}, an OpenAI function's {@code parameters}, a
 * generic record's JSON Schema) keeps it verbatim; for the others (OpenAPI operations, whose parameters are spread
 * over path, query and body; ToolBench APIs; catalogs without parameters) one is built from the catalog's
 * {@link ToolParameter}s.
 */
final class ServedTools {

    /** JSON Schema's own type names, and the spellings catalogs use for them. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("string", "string"), Map.entry("str", "string"),
            Map.entry("number", "number"), Map.entry("float", "number"), Map.entry("double", "number"),
            Map.entry("integer", "integer"), Map.entry("int", "integer"), Map.entry("long", "integer"),
            Map.entry("boolean", "boolean"), Map.entry("bool", "boolean"),
            Map.entry("array", "array"), Map.entry("list", "array"),
            Map.entry("object", "object"), Map.entry("dict", "object"),
            Map.entry("null", "null"));

    private ServedTools() {
    }

    /** {@code tool} at {@code rank} of an answer, with the retriever's score. */
    static ServedTool of(Tool tool, int rank, double score) {
        JsonNode doc = document(tool);
        return new ServedTool(rank, tool.key(), callName(tool, doc), tool.category(), tool.description(), inputSchema(tool, doc), score);
    }

    /** The name an agent calls the tool by: an MCP tool's own name (the catalog may show its title), else the catalog's. */
    private static String callName(Tool tool, JsonNode doc) {
        JsonNode name = doc.get("name");
        if ("mcp".equals(tool.format()) && name != null && name.isTextual() && !name.asText().isBlank()) {
            return name.asText();
        }
        return tool.name();
    }

    /** The tool's input schema: its source's own where it had one, else one built from its parameters. */
    private static ObjectNode inputSchema(Tool tool, JsonNode doc) {
        JsonNode own = switch (tool.format()) {
            case "mcp" -> doc.get("inputSchema");
            case "openai" -> (doc.path("function").isObject() ? doc.get("function") : doc).get("parameters");
            case "generic" -> doc.path("inputSchema").isObject() ? doc.get("inputSchema") : doc.get("parameters");
            default -> null;
        };
        if (own instanceof ObjectNode schema && (schema.has("properties") || "object".equals(schema.path("type").asText()))) {
            return schema;
        }
        return fromParameters(tool);
    }

    /** An object schema with one property per parameter (the first of a repeated name wins) and the required ones listed. */
    private static ObjectNode fromParameters(Tool tool) {
        ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = Json.MAPPER.createArrayNode();
        for (ToolParameter p : tool.parameters()) {
            if (p.name() == null || p.name().isBlank() || properties.has(p.name())) {
                continue;
            }
            ObjectNode property = properties.putObject(p.name());
            type(p.type(), property);
            if (!p.description().isBlank()) {
                property.put("description", p.description().strip());
            }
            if (p.required()) {
                required.add(p.name());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        return schema;
    }

    /**
     * Writes the JSON Schema type for a catalog's type text ({@code string}, {@code array<integer>},
     * {@code string|null}, ToolBench's {@code STRING}); a type JSON Schema has no word for (a date, {@code enum}) is
     * left out rather than guessed.
     */
    private static void type(String text, ObjectNode property) {
        if (text == null || text.isBlank()) {
            return;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("array<") && t.endsWith(">")) {
            property.put("type", "array");
            String items = TYPES.get(t.substring(6, t.length() - 1).strip());
            if (items != null) {
                property.putObject("items").put("type", items);
            }
            return;
        }
        if (t.contains("|")) {
            ArrayNode types = Json.MAPPER.createArrayNode();
            for (String part : t.split("\\|")) {
                String known = TYPES.get(part.strip());
                if (known == null) {
                    return;
                }
                types.add(known);
            }
            property.set("type", types);
            return;
        }
        String known = TYPES.get(t);
        if (known != null) {
            property.put("type", known);
        }
    }

    private static JsonNode document(Tool tool) {
        try {
            JsonNode doc = Json.MAPPER.readTree(tool.documentJson());
            return doc == null ? Json.MAPPER.createObjectNode() : doc;
        } catch (JsonProcessingException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
