package org.qtastudio.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Json;
import org.qtastudio.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tools}: lists or searches the tools of a catalog, or shows one tool's full document. */
@Command(name = "tools", mixinStandardHelpOptions = true, subcommands = DeleteCommands.Tools.class,
        description = "List the tools of a catalog, search them by name and description, or show one in full.")
public final class ToolsCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions ws;

    @Mixin
    CatalogOption catalog;

    @Option(names = {"-s", "--search"}, paramLabel = "TEXT",
            description = "Full-text search over name and description (stemmed; every word must match), best first.")
    String search;

    @Option(names = "--show", paramLabel = "KEY", description = "Print one tool with its full original document.")
    String show;

    @Option(names = {"-n", "--limit"}, description = "At most this many rows (default: ${DEFAULT-VALUE}; 0 = all).")
    int limit = 50;

    @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.text;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (Workspace w = ws.open()) {
            CatalogStore store = new CatalogStore(w);
            Catalog c = catalog.resolve(store);
            if (show != null) {
                Tool tool = store.tool(c.id(), show).orElseThrow(() ->
                        new IllegalArgumentException("no tool with key '" + show + "' in catalog '" + c.name() + "'"));
                out.println(format == OutputFormat.json ? Json.write(tool) : describe(tool));
                out.flush();
                return 0;
            }
            int max = limit <= 0 ? Integer.MAX_VALUE : limit;
            List<Tool> tools = search == null ? store.tools(c.id()).stream().limit(max).toList() : store.search(c.id(), search, max);
            if (format == OutputFormat.json) {
                out.println(Json.write(tools.stream().map(t -> new ToolRow(t.key(), t.name(), t.description(), t.category())).toList()));
            } else if (tools.isEmpty()) {
                out.println(search == null ? "Catalog '" + c.name() + "' has no tools." : "No tool matches \"" + search + "\".");
            } else {
                TextTable table = new TextTable("key", "name", "description");
                tools.forEach(t -> table.row(t.key(), t.name(), t.description()));
                table.print(out, 70);
                if (search == null && tools.size() < c.toolCount()) {
                    out.printf("(%d of %d tools; --limit 0 lists all)%n", tools.size(), c.toolCount());
                }
            }
        }
        out.flush();
        return 0;
    }

    private static String describe(Tool t) {
        StringBuilder sb = new StringBuilder();
        sb.append(t.key()).append('\n');
        sb.append("name:        ").append(t.name()).append('\n');
        if (t.method() != null) {
            sb.append("operation:   ").append(t.method()).append(' ').append(t.path()).append('\n');
        }
        if (t.category() != null) {
            sb.append("category:    ").append(t.category()).append('\n');
        }
        if (!t.tags().isEmpty()) {
            sb.append("tags:        ").append(String.join(", ", t.tags())).append('\n');
        }
        sb.append("description: ").append(t.description()).append('\n');
        t.parameters().forEach(p -> sb.append("  - ").append(p.name()).append(p.required() ? " (required)" : "")
                .append(p.type() == null ? "" : " : " + p.type()).append(p.description().isEmpty() ? "" : " — " + p.description()).append('\n'));
        sb.append("document:\n").append(Json.pretty(t.documentJson()));
        return sb.toString();
    }

    /** The JSON shape scripts read. */
    record ToolRow(String key, String name, String description, String category) {
    }
}
