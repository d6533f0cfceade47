package org.qtastudio.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.common.Json;
import org.qtastudio.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code queries}: lists the queries of a catalog with their split and gold tools. */
@Command(name = "queries", mixinStandardHelpOptions = true, description = "List the queries of a catalog with their split and gold tools.")
public final class QueriesCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions ws;

    @Mixin
    CatalogOption catalog;

    @Option(names = "--split", paramLabel = "SPLIT", description = "Only this split: train, test or unlabelled.")
    String split;

    @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.text;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        List<UserQuery> queries;
        Catalog c;
        try (Workspace w = ws.open()) {
            CatalogStore store = new CatalogStore(w);
            c = catalog.resolve(store);
            queries = store.queries(c.id(), split == null ? null : Split.parse(split));
        }
        if (format == OutputFormat.json) {
            out.println(Json.write(queries));
        } else if (queries.isEmpty()) {
            out.println("Catalog '" + c.name() + "' has no queries" + (split == null ? "" : " in split " + split) + ".");
        } else {
            TextTable table = new TextTable("key", "split", "query", "gold");
            queries.forEach(q -> table.row(q.key(), q.split().id(), q.text(), String.join(" | ", q.gold())));
            table.print(out, 80);
            long labelled = queries.stream().filter(q -> !q.gold().isEmpty()).count();
            out.printf("%d queries, %d with gold tools%n", queries.size(), labelled);
        }
        out.flush();
        return 0;
    }
}
