package org.qtastudio.catalog.importers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Hashing;
import org.qtastudio.common.Json;

/**
 * MetaTool: {@code plugin_des.json} (tool name -> description) and its queries, {@code all_clean_data.csv}
 * (columns {@code Query,Tool}) and {@code multi_tool_query_golden.json} (list of {@code {query, tool: [..]}}).
 * A folder imports all three; a single file imports just itself, so the query files can go into a catalog
 * that already has the tools (e.g. {@code mtrb-metatool}, whose keys are the same tool names).
 *
 * <p>Rows with the same query text are one query whose gold is the union of their tools (the CSV repeats 50
 * texts). Keys are {@code metatool:} plus a hash of the text, stable across re-imports. Split: the one the
 * user passes, else {@code train}; texts the catalog already holds (MTRB's 90 test queries) stay as they are.
 */
public final class MetaToolImporter implements CatalogImporter {

    static final String TOOLS = "plugin_des.json";
    static final String SINGLE = "all_clean_data.csv";
    static final String MULTI = "multi_tool_query_golden.json";

    @Override
    public String format() {
        return "metatool";
    }

    @Override
    public String description() {
        return "MetaTool: plugin_des.json tools + all_clean_data.csv / multi_tool_query_golden.json queries";
    }

    @Override
    public int detect(ImportSource source) throws IOException {
        if (source.isFolder()) {
            return Files.exists(source.path().resolve(TOOLS)) ? 100 : 0;
        }
        String name = source.fileName();
        if (name.equals(TOOLS) || name.equals(SINGLE) || name.equals(MULTI)) {
            return 90;
        }
        return name.endsWith(".csv") && source.head().startsWith("Query,Tool") ? 80 : 0;
    }

    @Override
    public String defaultCatalogName(ImportSource source) {
        return source.isFolder() || source.fileName().equals(TOOLS) ? "metatool" : source.baseName();
    }

    @Override
    public void read(ImportSource source, ImportSink sink) throws IOException {
        Path path = source.path();
        Map<String, Set<String>> queries = new LinkedHashMap<>();
        if (source.isFolder()) {
            readTools(path.resolve(TOOLS), sink);
            if (Files.exists(path.resolve(SINGLE))) {
                readCsv(path.resolve(SINGLE), queries);
            }
            if (Files.exists(path.resolve(MULTI))) {
                readMulti(path.resolve(MULTI), queries);
            }
        } else if (source.fileName().equals(TOOLS)) {
            readTools(path, sink);
        } else if (source.fileName().endsWith(".csv")) {
            readCsv(path, queries);
        } else {
            readMulti(path, queries);
        }
        for (Map.Entry<String, Set<String>> q : queries.entrySet()) {
            sink.query(new QueryDraft("metatool:" + Hashing.sha256Hex(q.getKey()).substring(0, 16), q.getKey(),
                    source.splitFor(!q.getValue().isEmpty()), List.copyOf(q.getValue())));
        }
    }

    private static void readTools(Path file, ImportSink sink) throws IOException {
        SourceFiles.fields(file, (name, value, index) -> {
            if (!value.isTextual()) {
                throw new ImportException(file, "expected the tool's description as text");
            }
            String doc = Json.write(Json.MAPPER.createObjectNode().put("name", name).put("description", value.asText()));
            sink.tool(new Tool(name, name, value.asText(), null, null, List.of(), "MetaTool", List.of(), "metatool", doc));
        });
    }

    private static void readCsv(Path file, Map<String, Set<String>> queries) throws IOException {
        SourceFiles.csvRows(file, (row, line) -> {
            String text = row.get("Query");
            String tool = row.get("Tool");
            if (text == null || text.isBlank()) {
                throw new ImportException(file, "missing required column 'Query'");
            }
            if (tool == null || tool.isBlank()) {
                throw new ImportException(file, "missing required column 'Tool'");
            }
            queries.computeIfAbsent(text.strip(), t -> new LinkedHashSet<>()).add(tool.strip());
        });
    }

    private static void readMulti(Path file, Map<String, Set<String>> queries) throws IOException {
        SourceFiles.elements(file, Set.of(), (node, index) -> {
            String text = SourceFiles.requireText(file, node, "query").strip();
            JsonNode tools = node.get("tool");
            if (tools == null || !tools.isArray()) {
                throw new ImportException(file, "missing required field 'tool' (a list of tool names)");
            }
            List<String> gold = new ArrayList<>();
            tools.forEach(t -> gold.add(t.asText().strip()));
            queries.computeIfAbsent(text, t -> new LinkedHashSet<>()).addAll(gold);
        });
    }
}
