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

/**
 * {@code queries}: lists the queries of a catalog with their split and gold tools, including the gold references
 * that resolved to no tool, so a query whose gold did not resolve is never taken for one without gold.
 */
@Command(name = "queries", mixinStandardHelpOptions = true, subcommands = DeleteCommands.Queries.class,
        description = "List the queries of a catalog with their split, gold tools and unresolved gold references.")
public final class QueriesCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions ws;

    @Mixin
    CatalogOption catalog;

    @Option(names = "--split", paramLabel = "SPLIT", description = "Only this split: train, test or unlabelled.")
    String split;

    @Option(names = "--unresolved", description = "Only queries with gold references that name no tool of the catalog.")
    boolean unresolvedOnly;

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
        if (unresolvedOnly) {
            queries = queries.stream().filter(q -> !q.unresolvedGold().isEmpty()).toList();
        }
        if (format == OutputFormat.json) {
            out.println(Json.write(queries));
        } else if (queries.isEmpty()) {
            out.println("Catalog '" + c.name() + "' has no queries" + (unresolvedOnly ? " with unresolved gold" : "")
                    + (split == null ? "" : " in split " + split) + ".");
        } else {
            TextTable table = new TextTable("key", "split", "query", "gold");
            queries.forEach(q -> table.row(q.key(), q.split().id(), q.text(), goldCell(q)));
            table.print(out, 80);
            long labelled = queries.stream().filter(q -> !q.gold().isEmpty()).count();
            long unresolved = queries.stream().filter(q -> !q.unresolvedGold().isEmpty()).count();
            long onlyUnresolved = queries.stream().filter(q -> q.gold().isEmpty() && !q.unresolvedGold().isEmpty()).count();
            long without = queries.stream().filter(q -> !q.hasAnyGold()).count();
            out.printf("%d queries: %d with gold tools, %d with unresolved gold (%d of them with no resolved gold), %d without gold%n",
                    queries.size(), labelled, unresolved, onlyUnresolved, without);
            if (unresolved > 0) {
                out.println("Unresolved gold names no tool of this catalog (or several); set the gold with `annotate`, or import the missing tools.");
            }
        }
        out.flush();
        return 0;
    }

    /** Resolved gold keys, then the unresolved references marked as such. */
    static String goldCell(UserQuery q) {
        String gold = String.join(" | ", q.gold());
        if (q.unresolvedGold().isEmpty()) {
            return gold;
        }
        return (gold.isEmpty() ? "" : gold + " | ") + "unresolved: " + String.join(" | ", q.unresolvedGold());
    }
}
