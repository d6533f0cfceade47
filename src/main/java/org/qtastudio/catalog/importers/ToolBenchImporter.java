package org.qtastudio.catalog.importers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.ToolParameter;
import org.qtastudio.common.Hashing;
import org.qtastudio.common.Json;

/**
 * ToolBench / StableToolBench query files: each query carries the API documents it may use ({@code api_list})
 * and its gold ({@code relevant APIs}: {@code [tool_name, api_name]} pairs). There is no corpus file, so the
 * catalog is the union of all {@code api_list} entries, keyed {@code tool_name/api_name} with whitespace
 * trimmed and collapsed; an API listed again with a different document keeps its first one (a warning counts them).
 *
 * <p>A folder imports every {@code *.json} query file under it (for StableToolBench, those of
 * {@code solvable_queries/test_instruction}), in name order. Query keys are {@code toolbench:<file>:<query_id>}.
 * Split: the one the user passes, else {@code test} (these are ToolBench's test queries).
 */
public final class ToolBenchImporter implements CatalogImporter {

    private static final Pattern SPACES = Pattern.compile("\\s+");

    @Override
    public String format() {
        return "toolbench";
    }

    @Override
    public String description() {
        return "ToolBench / StableToolBench query files (api_list + relevant APIs); a folder imports them all";
    }

    @Override
    public int detect(ImportSource source) throws IOException {
        if (source.isFolder()) {
            return queryFiles(source.path()).isEmpty() ? 0 : 95;
        }
        String head = source.head();
        return source.fileName().endsWith(".json") && head.contains("\"api_list\"") ? 90 : 0;
    }

    @Override
    public String defaultCatalogName(ImportSource source) {
        return source.isFolder() ? "toolbench" : "toolbench-" + source.baseName();
    }

    /** Query files of a folder: those under test_instruction when there is one, else every JSON file naming api_list. */
    static List<Path> queryFiles(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder, 4)) {
            List<Path> json = walk.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .filter(Files::isRegularFile).sorted().toList();
            List<Path> instructions = json.stream().filter(p -> p.getParent().getFileName().toString().equals("test_instruction")).toList();
            if (!instructions.isEmpty()) {
                return instructions;
            }
            List<Path> out = new ArrayList<>();
            for (Path p : json) {
                if (ImportSource.of(p).head().contains("\"api_list\"")) {
                    out.add(p);
                }
            }
            return out;
        }
    }

    @Override
    public void read(ImportSource source, ImportSink sink) throws IOException {
        List<Path> files = source.isFolder() ? queryFiles(source.path()) : List.of(source.path());
        if (files.isEmpty()) {
            throw new ImportException(source.path(), "no ToolBench query files (JSON with api_list) in this folder");
        }
        Map<String, String> documentHashes = new HashMap<>();
        int[] conflicts = {0};
        Split split = source.splitOr(Split.TEST);
        for (Path file : files) {
            String group = ImportSource.of(file).baseName();
            SourceFiles.elements(file, Set.of(), (node, index) -> {
                String text = SourceFiles.requireText(file, node, "query");
                JsonNode apis = node.get("api_list");
                if (apis == null || !apis.isArray()) {
                    throw new ImportException(file, "missing required field 'api_list'");
                }
                for (JsonNode api : apis) {
                    String key = key(SourceFiles.requireText(file, api, "tool_name"), SourceFiles.requireText(file, api, "api_name"));
                    String doc = Json.write(api);
                    String hash = Hashing.sha256Hex(doc);
                    String known = documentHashes.putIfAbsent(key, hash);
                    if (known == null) {
                        sink.tool(tool(key, api, doc));
                    } else if (!known.equals(hash)) {
                        conflicts[0]++;
                    }
                }
                List<String> gold = new ArrayList<>();
                for (JsonNode pair : node.path("relevant APIs")) {
                    if (!pair.isArray() || pair.size() != 2) {
                        throw new ImportException(file, "'relevant APIs' entries must be [tool_name, api_name] pairs, found " + pair);
                    }
                    gold.add(key(pair.get(0).asText(), pair.get(1).asText()));
                }
                String id = SourceFiles.text(node, "query_id");
                sink.query(new QueryDraft("toolbench:" + group + ":" + (id == null ? "#" + index : id), text.strip(), split, gold));
            });
        }
        if (conflicts[0] > 0) {
            sink.warning(conflicts[0] + " api_list entries repeat an API with a different document (e.g. another template_response); kept the first");
        }
    }

    /** {@code tool_name/api_name}, whitespace trimmed and collapsed, so gold pairs and api_list entries agree. */
    static String key(String toolName, String apiName) {
        return SPACES.matcher(toolName.strip()).replaceAll(" ") + "/" + SPACES.matcher(apiName.strip()).replaceAll(" ");
    }

    private static Tool tool(String key, JsonNode api, String doc) {
        List<ToolParameter> parameters = new ArrayList<>();
        for (String list : List.of("required_parameters", "optional_parameters")) {
            for (JsonNode p : api.path(list)) {
                String name = SourceFiles.text(p, "name");
                if (name != null) {
                    parameters.add(new ToolParameter(name, SourceFiles.text(p, "type"), SourceFiles.text(p, "description"),
                            list.startsWith("required")));
                }
            }
        }
        String toolName = api.get("tool_name").asText().strip();
        String apiName = api.get("api_name").asText().strip();
        String description = SourceFiles.text(api, "api_description");
        if (description == null || description.isBlank()) {
            description = toolName + ": " + apiName;
        }
        return new Tool(key, apiName, description.strip(), SourceFiles.text(api, "method"), null, parameters,
                SourceFiles.text(api, "category_name"), List.of(toolName), "toolbench", doc);
    }
}
