package org.qtastudio.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.common.Json;
import org.qtastudio.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code catalogs}: lists the catalogs of a workspace. */
@Command(name = "catalogs", mixinStandardHelpOptions = true, subcommands = DeleteCommands.Catalogs.class, description = "List the catalogs of the workspace.")
public final class CatalogsCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions ws;

    @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.text;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<Catalog> catalogs;
        try (Workspace w = ws.open()) {
            catalogs = new CatalogStore(w).catalogs();
        }
        var out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            out.println(Json.write(catalogs.stream()
                    .map(c -> new CatalogRow(c.name(), c.toolCount(), c.queryCount(), c.createdAt().toString())).toList()));
        } else if (catalogs.isEmpty()) {
            out.println("No catalogs yet. Import one: qta-studio import --workspace " + ws.workspace + " FILE");
        } else {
            TextTable table = new TextTable("catalog", "tools", "queries", "created");
            catalogs.forEach(c -> table.row(c.name(), c.toolCount(), c.queryCount(), c.createdAt()));
            table.print(out, 60);
        }
        out.flush();
        return 0;
    }

    /** The JSON shape scripts read. */
    record CatalogRow(String name, int tools, int queries, String created) {
    }
}
