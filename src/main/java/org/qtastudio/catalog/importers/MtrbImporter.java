package org.qtastudio.catalog.importers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Json;

/**
 * An MTRB subset folder (arXiv 2410.03212): its tool catalog with the descriptions MTRB rewrote, which are
 * what the paper embeds, and its 90 test queries. Gold comes from {@code relevant IDs}, 0-based indexes into
 * the catalog (RestBench: the tool's {@code ID} minus 1; MetaTool: key order); where an index disagrees with
 * the tool named in {@code relevant Tools} the import warns. The original description is kept in the document.
 *
 * <ul>
 *   <li>RestBench ({@code tmdb_tool_rewrite.json} + {@code mtr_restbench_test.json}): key = {@code tool_usage}
 *       such as {@code GET /movie/{movie_id}/keywords}, so RestBench gold strings match it.</li>
 *   <li>MetaTool ({@code ts_metatool_api_list_rewrite.json} + {@code mtr_metatool_test.json}): key = the tool name.</li>
 * </ul>
 * The ToolBench subset ships no catalog and is refused with a message saying so.
 */
public final class MtrbImporter implements CatalogImporter {

    static final String RESTBENCH_CATALOG = "tmdb_tool_rewrite.json";
    static final String RESTBENCH_TEST = "mtr_restbench_test.json";
    static final String METATOOL_CATALOG = "ts_metatool_api_list_rewrite.json";
    static final String METATOOL_TEST = "mtr_metatool_test.json";
    static final String TOOLBENCH_TEST = "mtr_toolbench_test.json";

    @Override
    public String format() {
        return "mtrb";
    }

    @Override
    public String description() {
        return "MTRB subset folder (restbench or metatool): rewritten tool catalog + 90 test queries";
    }

    @Override
    public int detect(ImportSource source) {
        Path folder = folder(source);
        if (folder == null) {
            return 0;
        }
        boolean known = Files.exists(folder.resolve(RESTBENCH_CATALOG)) || Files.exists(folder.resolve(METATOOL_CATALOG))
                || Files.exists(folder.resolve(TOOLBENCH_TEST)) || isRoot(folder);
        return known ? 100 : 0;
    }

    /** The MTRB root, which holds the subsets as folders: each is its own catalog. */
    private static boolean isRoot(Path folder) {
        return Files.exists(folder.resolve("restbench").resolve(RESTBENCH_CATALOG))
                || Files.exists(folder.resolve("metatool").resolve(METATOOL_CATALOG));
    }

    @Override
    public String defaultCatalogName(ImportSource source) {
        Path folder = folder(source);
        if (folder != null && Files.exists(folder.resolve(METATOOL_CATALOG))) {
            return "mtrb-metatool";
        }
        return "mtrb-restbench";
    }

    /** The subset folder: the source itself, or the folder of a file of it. */
    private static Path folder(ImportSource source) {
        Path p = source.path().toAbsolutePath().normalize();
        if (Files.isDirectory(p)) {
            return p;
        }
        String name = p.getFileName().toString();
        boolean member = Set.of(RESTBENCH_CATALOG, RESTBENCH_TEST, METATOOL_CATALOG, METATOOL_TEST, TOOLBENCH_TEST).contains(name);
        return member ? p.getParent() : null;
    }

    @Override
    public void read(ImportSource source, ImportSink sink) throws IOException {
        Path folder = folder(source);
        if (folder == null) {
            throw new ImportException(source.path(), "not an MTRB subset folder: expected " + RESTBENCH_CATALOG + " or " + METATOOL_CATALOG);
        }
        if (Files.exists(folder.resolve(RESTBENCH_CATALOG))) {
            List<String> keys = readRestBenchTools(folder.resolve(RESTBENCH_CATALOG), sink);
            readTests(folder.resolve(RESTBENCH_TEST), MtrbSubset.RESTBENCH.queryKeyPrefix(), keys, source, sink);
        } else if (Files.exists(folder.resolve(METATOOL_CATALOG))) {
            List<String> keys = readMetaToolTools(folder.resolve(METATOOL_CATALOG), sink);
            readTests(folder.resolve(METATOOL_TEST), MtrbSubset.METATOOL.queryKeyPrefix(), keys, source, sink);
        } else if (isRoot(folder)) {
            throw new ImportException(folder, "this is the MTRB root; each subset is its own catalog: import "
                    + folder.resolve("restbench") + " and " + folder.resolve("metatool") + " one at a time");
        } else if (Files.exists(folder.resolve(TOOLBENCH_TEST))) {
            throw new ImportException(folder, "the MTRB ToolBench subset ships only its test queries: its 2,391-tool catalog "
                    + "(toolbench_tool_instruction_rewrite_revised.json) is not released, so there is nothing to retrieve from. "
                    + "Import the restbench or metatool subset, or StableToolBench with --format toolbench");
        } else {
            throw new ImportException(folder, "no MTRB catalog here: expected " + RESTBENCH_CATALOG + " or " + METATOOL_CATALOG);
        }
    }

    private static List<String> readRestBenchTools(Path file, ImportSink sink) throws IOException {
        List<String> keys = new ArrayList<>();
        SourceFiles.elements(file, Set.of(), (node, index) -> {
            String usage = SourceFiles.requireText(file, node, "tool_usage").strip();
            int space = usage.indexOf(' ');
            if (space < 0) {
                throw new ImportException(file, "tool_usage '" + usage + "' is not 'METHOD /path'");
            }
            String id = SourceFiles.text(node, "ID");
            if (id != null && !id.equals(String.valueOf(index + 1))) {
                sink.warning(file.getFileName() + ": tool #" + (index + 1) + " has ID " + id + "; gold indexes follow file order");
            }
            String description = SourceFiles.text(node, "rewrite_description");
            if (description == null || description.isBlank()) {
                description = SourceFiles.requireText(file, node, "tool_description");
            }
            sink.tool(new Tool(usage, SourceFiles.text(node, "tool_name"), description, usage.substring(0, space),
                    usage.substring(space + 1).strip(), List.of(), "TMDB", List.of(), "mtrb", Json.write(node)));
            keys.add(usage);
        });
        return keys;
    }

    private static List<String> readMetaToolTools(Path file, ImportSink sink) throws IOException {
        List<String> keys = new ArrayList<>();
        SourceFiles.fields(file, (name, value, index) -> {
            if (!value.isTextual()) {
                throw new ImportException(file, "expected the tool's rewritten description as text");
            }
            ObjectNode doc = Json.MAPPER.createObjectNode().put("name", name).put("rewrite_description", value.asText());
            sink.tool(new Tool(name, name, value.asText(), null, null, List.of(), "MetaTool", List.of(), "mtrb", Json.write(doc)));
            keys.add(name);
        });
        return keys;
    }

    private static void readTests(Path file, String keyPrefix, List<String> toolKeys, ImportSource source, ImportSink sink) throws IOException {
        if (!Files.exists(file)) {
            sink.warning("no test file " + file.getFileName() + " beside the catalog; imported the tools only");
            return;
        }
        Split split = source.splitOr(Split.TEST);
        SourceFiles.elements(file, Set.of(), (node, index) -> {
            String text = SourceFiles.requireText(file, node, "query");
            JsonNode ids = node.get("relevant IDs");
            if (ids == null || !ids.isArray()) {
                throw new ImportException(file, "missing required field 'relevant IDs'");
            }
            JsonNode names = node.path("relevant Tools");
            List<String> gold = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                int id = ids.get(i).asInt(-1);
                if (!ids.get(i).canConvertToInt() || id < 0 || id >= toolKeys.size()) {
                    throw new ImportException(file, "relevant ID " + ids.get(i) + " is not an index into the " + toolKeys.size() + " tools");
                }
                String key = toolKeys.get(id);
                String named = names.path(i).asText(null);
                if (named != null && !named.strip().equals(key)) {
                    sink.warning(file.getFileName() + " query #" + (index + 1) + ": relevant ID " + id + " is '" + key
                            + "' but relevant Tools names '" + named + "'; used the ID");
                }
                gold.add(key);
            }
            sink.query(new QueryDraft(keyPrefix + index, text, split, gold));
        });
    }
}
