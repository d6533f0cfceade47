package org.qtastudio.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Json;
import org.qtastudio.retrieval.Hit;
import org.qtastudio.retrieval.Retriever;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qta-studio search}: ranks a catalog for one query and prints the top k tools with their scores. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Rank a catalog's tools for one query.")
public final class SearchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    WorkspaceOptions ws;

    @Mixin
    RetrieverOptions retriever;

    @Option(names = {"-c", "--catalog"}, required = true, description = "Catalog to search.")
    String catalog;

    @Option(names = {"-k", "--top"}, description = "How many tools to show. Default: ${DEFAULT-VALUE}")
    int top = 10;

    @Option(names = "--format", description = "text or json. Default: ${DEFAULT-VALUE}")
    OutputFormat format = OutputFormat.text;

    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "The query (several words are joined by spaces).")
    List<String> words;

    @Override
    public Integer call() {
        if (top < 1) {
            throw new IllegalArgumentException("--top must be at least 1, got " + top);
        }
        String query = Retriever.requireQuery(String.join(" ", words));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace w = ws.open(); Retrievers retrievers = new Retrievers(w)) {
            CatalogStore store = new CatalogStore(w);
            Catalog c = store.require(catalog);
            List<Hit> hits;
            List<String> warnings;
            try (Retriever r = retrievers.open(c, retriever.spec(), new CliProgress(System.err))) {
                hits = r.search(query, top);
                warnings = r.warnings();
            }
            warnings.forEach(x -> err.println("warning: " + x));
            err.flush();
            if (format == OutputFormat.json) {
                ObjectNode node = Json.MAPPER.createObjectNode();
                node.put("query", query);
                node.put("catalog", c.name());
                node.set("config", Json.MAPPER.valueToTree(retriever.spec()));
                ArrayNode array = node.putArray("hits");
                for (Hit h : hits) {
                    array.addObject().put("rank", h.rank()).put("key", h.key()).put("score", h.score());
                }
                out.println(Json.write(node));
            } else {
                TextTable table = new TextTable("rank", "score", "tool", "description");
                for (Hit h : hits) {
                    String description = store.tool(c.id(), h.key()).map(Tool::description).orElse("");
                    table.row(h.rank(), String.format(Locale.ROOT, "%.4f", h.score()), h.key(), description);
                }
                table.print(out, 80);
            }
            out.flush();
        }
        return 0;
    }
}
