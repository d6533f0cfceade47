package org.qtastudio.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One tool of a catalog, normalised from whatever format it came in, with its original document kept
 * verbatim so nothing the source said is lost.
 *
 * @param key stable identifier from the source (e.g. {@code GET /movie/{movie_id}}), unique in a catalog
 * @param name short human name
 * @param description what the tool does, the text retrievers see first
 * @param method HTTP method for REST operations, else null
 * @param path HTTP path for REST operations, else null
 * @param parameters declared parameters, possibly empty
 * @param category grouping from the source (API, plugin, server), or null
 * @param tags free labels from the source, possibly empty
 * @param format the importer that read it (e.g. {@code openapi})
 * @param documentJson the tool's full original document as JSON
 */
public record Tool(
        String key,
        String name,
        String description,
        String method,
        String path,
        List<ToolParameter> parameters,
        String category,
        List<String> tags,
        String format,
        String documentJson) {

    public Tool {
        Objects.requireNonNull(key, "key");
        if (key.isBlank()) {
            throw new IllegalArgumentException("tool key is blank");
        }
        name = name == null || name.isBlank() ? key : name;
        description = description == null ? "" : description;
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        tags = tags == null ? List.of() : List.copyOf(tags);
        Objects.requireNonNull(format, "format");
        documentJson = documentJson == null ? "{}" : documentJson;
    }
}
