package org.qtastudio.catalog.importers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Json;

/**
 * OpenAI function / tool schemas: a JSON array of {@code {"type":"function","function":{name, description,
 * parameters}}} or of bare {@code {name, description, parameters}}, an object {@code {"tools": [...]}} or
 * {@code {"functions": [...]}}, or JSON Lines with one of those per line. Key = the function name; parameters
 * from its JSON Schema. Streamed element by element, so the file's size does not bound memory.
 */
public final class OpenAiImporter implements CatalogImporter {

    @Override
    public String format() {
        return "openai";
    }

    @Override
    public String description() {
        return "OpenAI function/tool schemas (JSON array, {tools:[...]}, {functions:[...]} or JSONL)";
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
        return head.contains("\"function\"") || head.contains("\"functions\"") ? 85 : 50;
    }

    @Override
    public void read(ImportSource source, ImportSink sink) throws IOException {
        Path file = source.path();
        SourceFiles.ElementHandler handler = (node, index) -> sink.tool(tool(file, node));
        if (source.fileName().endsWith(".jsonl")) {
            SourceFiles.lines(file, handler);
        } else {
            SourceFiles.elements(file, Set.of("tools", "functions"), handler);
        }
    }

    private static Tool tool(Path file, JsonNode node) {
        JsonNode function = node.has("function") && node.get("function").isObject() ? node.get("function") : node;
        String name = SourceFiles.requireText(file, function, "name").strip();
        return new Tool(name, name, SourceFiles.text(function, "description"), null, null,
                SchemaParameters.of(function.get("parameters")), null, java.util.List.of(), "openai", Json.write(node));
    }
}
