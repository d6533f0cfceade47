package org.qtastudio.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.store.Workspace;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code annotate}: sets the gold tools of a query, or adds a new annotated query. */
@Command(name = "annotate", mixinStandardHelpOptions = true,
        description = "Set the gold tools of an existing query (--query KEY) or add a new one (--text TEXT).")
public final class AnnotateCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions ws;

    @Mixin
    CatalogOption catalog;

    @ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--query", paramLabel = "KEY", description = "Key of an existing query.")
        String key;

        @Option(names = "--text", paramLabel = "TEXT", description = "Text of a new query.")
        String text;
    }

    @Option(names = "--gold", paramLabel = "TOOL_KEY", split = ",", required = true,
            description = "Gold tool keys (comma-separated or repeated); they replace the query's gold set.")
    List<String> gold;

    @Option(names = "--split", paramLabel = "SPLIT", description = "Split of a new query (default: ${DEFAULT-VALUE}).")
    String split = "train";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (Workspace w = ws.open()) {
            CatalogStore store = new CatalogStore(w);
            Catalog c = catalog.resolve(store);
            List<String> keys = gold.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (target.key != null) {
                store.setGold(c.id(), target.key, keys);
                out.printf("Query %s now has %d gold tools.%n", target.key, keys.size());
            } else {
                UserQuery q = store.addQuery(c.id(), target.text, Split.parse(split), keys);
                out.printf("Added query %s (%s) with %d gold tools.%n", q.key(), q.split().id(), q.gold().size());
            }
        }
        out.flush();
        return 0;
    }
}
