package org.qtastudio.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Deletion;
import org.qtastudio.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tools delete}, {@code queries delete} and {@code catalogs delete}: each deletes in one transaction (an
 * unknown key deletes nothing) and prints the count of what went and what it touched; {@code --dry-run} prints the
 * same without deleting. Keys can come from a file with {@code @FILE}, one a line.
 */
public final class DeleteCommands {

    private DeleteCommands() {
    }

    /** Options every delete takes. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        WorkspaceOptions ws;

        @Option(names = "--dry-run", description = "Print what would be deleted and delete nothing.")
        boolean dryRun;

        abstract Deletion delete(CatalogStore store);

        @Override
        public Integer call() {
            Deletion d;
            try (Workspace w = ws.open()) {
                d = delete(new CatalogStore(w));
            }
            PrintWriter out = spec.commandLine().getOut();
            report(d, dryRun).forEach(out::println);
            out.flush();
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete tools by key; gold that named them stays on its queries as unresolved gold.")
    static final class Tools extends Base {
        @Mixin
        CatalogOption catalog;

        @Parameters(paramLabel = "KEY", arity = "1..*", description = "Keys of the tools to delete.")
        List<String> keys;

        @Override
        Deletion delete(CatalogStore store) {
            return store.deleteTools(catalog.resolve(store), keys, dryRun);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete queries by key, with their gold sets.")
    static final class Queries extends Base {
        @Mixin
        CatalogOption catalog;

        @Parameters(paramLabel = "KEY", arity = "1..*", description = "Keys of the queries to delete.")
        List<String> keys;

        @Override
        Deletion delete(CatalogStore store) {
            return store.deleteQueries(catalog.resolve(store), keys, dryRun);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a catalog with its tools, queries, gold and alignment runs; its evaluation runs stay readable.")
    static final class Catalogs extends Base {
        @Parameters(paramLabel = "NAME", description = "The catalog to delete.")
        String name;

        @Override
        Deletion delete(CatalogStore store) {
            return store.deleteCatalog(store.require(name), dryRun);
        }
    }

    /** The lines a user reads: what went (or would go), then what it touched. */
    static List<String> report(Deletion d, boolean dryRun) {
        List<String> lines = new ArrayList<>();
        String verb = dryRun ? "Would delete" : "Deleted";
        List<String> parts = new ArrayList<>();
        if (d.tools() > 0) {
            parts.add(d.tools() + " tools");
        }
        if (d.queries() > 0) {
            parts.add(d.queries() + " queries");
        }
        if (d.queries() > 0 || d.unresolvedGold().isEmpty()) {
            parts.add(d.goldReferences() + " gold references");
        }
        if (d.alignRuns() > 0) {
            parts.add(d.alignRuns() + " alignment runs");
        }
        lines.add(verb + " " + String.join(", ", parts) + " of catalog '" + d.catalog() + "'" + (dryRun ? " (dry run: nothing deleted)." : "."));
        if (!d.unresolvedGold().isEmpty()) {
            lines.add(d.goldReferences() + " gold references of " + d.unresolvedGold().size() + " queries named "
                    + (dryRun ? "them and would be" : "them and are") + " kept on those queries as unresolved gold:");
            d.unresolvedGold().forEach((query, tools) -> lines.add("  " + query + ": " + String.join(", ", tools)));
        }
        if (d.evalRunsKept() > 0) {
            lines.add(d.evalRunsKept() + " evaluation runs of this catalog keep their stored results (`runs` lists them).");
        }
        return lines;
    }
}
