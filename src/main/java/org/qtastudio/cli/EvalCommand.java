package org.qtastudio.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qtastudio.catalog.Split;
import org.qtastudio.common.Json;
import org.qtastudio.eval.EvalResult;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.eval.EvalRunStore;
import org.qtastudio.eval.EvalService;
import org.qtastudio.eval.GoldCoverage;
import org.qtastudio.eval.ReportTable;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qta-studio eval}: evaluates a retriever on a catalog's annotated queries, stores the run and prints its
 * metrics (percent). {@code --format json} prints one object with the metrics as top-level keys ({@code S@5},
 * {@code NDCG@10}, {@code R@5}, {@code MRR}, ...) beside {@code run_id} and {@code config}.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a retriever on a catalog's queries (S@k, NDCG@k, R@k, MRR) and store the run.")
public final class EvalCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    WorkspaceOptions ws;

    @Mixin
    RetrieverOptions retriever;

    @Option(names = {"-c", "--catalog"}, required = true, description = "Catalog to evaluate on.")
    String catalog;

    @Option(names = "--split", description = "train, test, unlabelled or all. Default: ${DEFAULT-VALUE}")
    String split = "test";

    @Option(names = "--k", split = ",", paramLabel = "K", description = "Cutoffs. Default: 5,10")
    List<Integer> ks = new ArrayList<>(List.of(5, 10));

    @Option(names = "--format", description = "text, markdown, csv or json. Default: ${DEFAULT-VALUE}")
    ReportFormat format = ReportFormat.text;

    @Option(names = "--exclude-unresolved", description = "Leave out queries with any unresolved gold (a gold name that matched"
            + " no tool); by default they are scored on their resolved gold, and those with none are left out.")
    boolean excludeUnresolved;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Split chosen = split.strip().equalsIgnoreCase("all") ? null : Split.parse(split);
        try (Workspace w = ws.open(); Retrievers retrievers = new Retrievers(w)) {
            EvalService.Outcome outcome = new EvalService(w, retrievers)
                    .evaluate(catalog, chosen, retriever.spec(), ks, excludeUnresolved, new CliProgress(System.err));
            EvalRun run = outcome.run();
            outcome.coverage().notes().forEach(n -> err.println("note: " + n));
            printWarnings(outcome.result(), err);
            switch (format) {
                case json -> out.println(Json.write(json(run).set("gold_coverage", Json.MAPPER.valueToTree(outcome.coverage()))));
                case csv -> out.print(table(List.of(run)).toCsv());
                case markdown -> out.print(table(List.of(run)).toMarkdown());
                case text -> {
                    RunsCommand.print(table(List.of(run)), out);
                    GoldCoverage g = outcome.coverage();
                    out.printf("%d queries evaluated (%d of them with some unresolved gold%s), %d excluded (%d without gold,"
                                    + " %d with only unresolved gold%s), %d tools, %.1f s; stored as run %d%n",
                            run.queryCount(), g.partlyExcluded() ? 0 : g.partlyUnresolved(), g.partlyExcluded() ? "" : ", scored on their resolved gold",
                            run.excluded(), g.withoutGold(), g.onlyUnresolved(),
                            g.partlyExcluded() ? ", " + g.partlyUnresolved() + " with some unresolved gold" : "",
                            run.toolCount(), run.wallMillis() / 1000.0, run.id());
                }
            }
            out.flush();
        }
        return 0;
    }

    static void printWarnings(EvalResult result, PrintWriter err) {
        result.warnings().forEach(w -> err.println("warning: " + w));
        err.flush();
    }

    /** One object for scripts: metrics as top-level keys in percent, the run id and the retriever config. */
    static ObjectNode json(EvalRun run) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("run_id", run.id());
        node.put("catalog", run.catalogName());
        node.put("split", run.split() == null ? "all" : run.split());
        for (Map.Entry<String, Double> m : run.metrics().entrySet()) {
            node.put(m.getKey(), m.getValue());
        }
        node.put("queries", run.queryCount());
        node.put("excluded_without_gold", run.excluded());
        node.put("tools", run.toolCount());
        node.put("wall_ms", run.wallMillis());
        node.set("config", Json.MAPPER.valueToTree(run.spec()));
        return node;
    }

    /** Runs as rows: id, catalog, split, retriever, counts, every metric (percent), seconds. */
    static ReportTable table(List<EvalRun> runs) {
        List<String> metricLabels = new ArrayList<>();
        for (EvalRun r : runs) {
            r.metrics().keySet().stream().filter(k -> !metricLabels.contains(k)).forEach(metricLabels::add);
        }
        List<String> header = new ArrayList<>(List.of("run", "catalog", "split", "retriever", "queries", "excluded"));
        header.addAll(metricLabels);
        header.add("seconds");
        ReportTable table = new ReportTable(header);
        for (EvalRun r : runs) {
            String retriever = r.spec().describe()
                    + (EvalRunStore.ORIGINAL_QUERIES.equals(r.queries()) ? "" : " — searched with " + r.queries());
            List<Object> row = new ArrayList<>(List.of(r.id(), r.catalogName(), r.split() == null ? "all" : r.split(),
                    retriever, r.queryCount(), r.excluded()));
            for (String label : metricLabels) {
                Double v = r.metrics().get(label);
                row.add(v == null ? "" : ReportTable.pct(v));
            }
            row.add(String.format(java.util.Locale.ROOT, "%.1f", r.wallMillis() / 1000.0));
            table.row(row);
        }
        return table;
    }
}
