package org.qtastudio.cli;

import java.time.Duration;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.common.Progress;
import org.qtastudio.serve.ServeConfig;
import org.qtastudio.serve.ToolSearchService;
import org.qtastudio.store.Workspace;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every {@code serve} front end serves (workspace, catalog, retriever, aligned rewriter, query log), as options
 * shared by {@code serve http} and {@code serve mcp}; opens the {@link ToolSearchService} they put on the wire.
 */
public final class ServeOptions {

    @Mixin
    WorkspaceOptions workspace;

    @Mixin
    CatalogOption catalog;

    @Mixin
    RetrieverOptions retriever;

    @Option(names = "--align-run", paramLabel = "RUN",
            description = "Rewrite each query with the adapter of this completed alignment run before ranking (default: the retriever alone).")
    Long alignRun;

    @Option(names = "--rewrite-use", paramLabel = "HOW",
            description = "With --align-run: rank with the rewrite alone (rewrite) or with the reciprocal rank fusion of the "
                    + "query's and the rewrite's rankings (fusion). Default: rewrite")
    ServeConfig.RewriteUse rewriteUse;

    @Option(names = "--latency-budget", paramLabel = "MS",
            description = "With --align-run: answer with the retriever alone when the rewrite takes longer than MS milliseconds "
                    + "(default: always wait for it).")
    Long latencyBudgetMillis;

    @Option(names = "--log-queries",
            description = "Store every query the agents send in the workspace, as an unlabelled query of the catalog (to label "
                    + "in Annotate) with a row per request (time, rewrite, latency, tools returned). Off by default: the queries "
                    + "are your users' words; turn it on only where they may be kept.")
    boolean logQueries;

    /** Opens the workspace; the caller closes it after the service. */
    public Workspace openWorkspace() {
        return workspace.open();
    }

    /** The configuration these options describe; an option that needs another names it. */
    public ServeConfig config(Workspace w) {
        if (alignRun == null && rewriteUse != null) {
            throw new IllegalArgumentException("--rewrite-use says how an aligned rewriter's rewrite is used; give --align-run RUN too");
        }
        if (alignRun == null && latencyBudgetMillis != null) {
            throw new IllegalArgumentException("--latency-budget limits how long a request waits for the aligned rewriter; "
                    + "give --align-run RUN too");
        }
        if (latencyBudgetMillis != null && latencyBudgetMillis < 1) {
            throw new IllegalArgumentException("--latency-budget must be at least 1 ms, got " + latencyBudgetMillis);
        }
        return new ServeConfig(catalog.resolve(new CatalogStore(w)).name(), retriever.spec(), alignRun, rewriteUse,
                latencyBudgetMillis == null ? null : Duration.ofMillis(latencyBudgetMillis), logQueries);
    }

    /** Opens the search these options describe on {@code w} (building the retriever's index if needed). */
    public ToolSearchService open(Workspace w, Progress progress) {
        return ToolSearchService.open(w, config(w), progress);
    }
}
