package org.qtastudio.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.qtastudio.common.Json;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.common.OutputFiles;
import org.qtastudio.eval.EvalRunStore;
import org.qtastudio.eval.Metric;
import org.qtastudio.eval.PairedRandomizationTest;
import org.qtastudio.eval.QueryRecord;
import org.qtastudio.eval.ReportTable;
import org.qtastudio.eval.MetricComparison;
import org.qtastudio.eval.RunExport;
import org.qtastudio.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qta-studio runs}: list stored evaluation runs, compare two query by query, export one. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List, compare and export evaluation runs.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.Compare.class, RunsCommand.Export.class})
public final class RunsCommand {

    /** Prints a report table as a plain-text table. */
    static void print(ReportTable table, PrintWriter out) {
        TextTable text = new TextTable(table.header().toArray(String[]::new));
        table.rows().forEach(r -> text.row(r.toArray()));
        text.print(out, 70);
    }

    static void print(ReportTable table, ReportFormat format, PrintWriter out) {
        switch (format) {
            case text -> print(table, out);
            case markdown -> out.print(table.toMarkdown());
            case csv -> out.print(table.toCsv());
            case json -> throw new IllegalStateException("json is printed by the caller");
        }
        out.flush();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List evaluation runs, newest first.")
    static final class ListRuns implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        WorkspaceOptions ws;

        @Option(names = "--format", description = "text, markdown, csv or json. Default: ${DEFAULT-VALUE}")
        ReportFormat format = ReportFormat.text;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace w = ws.open()) {
                List<EvalRun> runs = new EvalRunStore(w).list();
                if (format == ReportFormat.json) {
                    out.println(Json.write(runs.stream().map(EvalCommand::json).toList()));
                    out.flush();
                } else if (runs.isEmpty() && format == ReportFormat.text) {
                    out.println("no evaluation runs yet; create one with 'qta-studio eval --catalog NAME'");
                    out.flush();
                } else {
                    print(EvalCommand.table(runs), format, out);
                }
            }
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Compare two runs per query: win/tie/loss of A against B and a paired randomization test per metric.")
    static final class Compare implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        WorkspaceOptions ws;

        @Parameters(index = "0", paramLabel = "A", description = "Run id A.")
        long a;

        @Parameters(index = "1", paramLabel = "B", description = "Run id B.")
        long b;

        @Option(names = "--metric", split = ",", description = "Metrics to compare (e.g. S@10,NDCG@10). Default: all of run A's")
        List<String> metrics;

        @Option(names = "--iterations", description = "Random sign flips of the test. Default: ${DEFAULT-VALUE}")
        int iterations = PairedRandomizationTest.DEFAULT_ITERATIONS;

        @Option(names = "--seed", description = "Seed of the test. Default: ${DEFAULT-VALUE}")
        long seed = PairedRandomizationTest.DEFAULT_SEED;

        @Option(names = "--format", description = "text, markdown, csv or json. Default: ${DEFAULT-VALUE}")
        ReportFormat format = ReportFormat.text;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace w = ws.open()) {
                EvalRunStore store = new EvalRunStore(w);
                EvalRun runA = store.require(a);
                EvalRun runB = store.require(b);
                List<QueryRecord> ra = store.records(a);
                List<QueryRecord> rb = store.records(b);
                List<Metric> chosen = metrics == null ? Metric.standard(runA.ks()) : metrics.stream().map(Metric::parse).toList();
                List<MetricComparison> comparisons = chosen.stream()
                        .map(m -> MetricComparison.compare(ra, rb, m, iterations, seed)).toList();
                if (format == ReportFormat.json) {
                    out.println(Json.write(java.util.Map.of("a", EvalCommand.json(runA), "b", EvalCommand.json(runB),
                            "comparisons", comparisons.stream().map(Compare::json).toList())));
                    out.flush();
                    return;
                }
                if (format == ReportFormat.text) {
                    out.println("A = run " + a + ": " + runA.spec().describe() + " on " + runA.catalogName());
                    out.println("B = run " + b + ": " + runB.spec().describe() + " on " + runB.catalogName());
                }
                ReportTable table = new ReportTable(List.of("metric", "A", "B", "A-B", "wins", "ties", "losses", "p"));
                for (MetricComparison c : comparisons) {
                    table.row(List.of(c.metric().label(), ReportTable.pct(c.meanA()), ReportTable.pct(c.meanB()),
                            ReportTable.pct(c.meanA() - c.meanB()), c.wins(), c.ties(), c.losses(),
                            String.format(Locale.ROOT, "%.4f", c.pValue())));
                }
                print(table, format, out);
                MetricComparison first = comparisons.getFirst();
                if (format == ReportFormat.text) {
                    out.printf("%d queries paired (%d only in A, %d only in B); wins/ties/losses count queries where A is better/equal/worse; "
                            + "p: two-sided paired randomization test, %d sign flips, seed %d%n",
                            first.paired(), first.onlyInA(), first.onlyInB(), iterations, seed);
                    out.flush();
                }
            }
        }

        private static java.util.Map<String, Object> json(MetricComparison c) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("metric", c.metric().label());
            m.put("a", c.meanA());
            m.put("b", c.meanB());
            m.put("wins", c.wins());
            m.put("ties", c.ties());
            m.put("losses", c.losses());
            m.put("p_value", c.pValue());
            m.put("paired", c.paired());
            m.put("only_in_a", c.onlyInA());
            m.put("only_in_b", c.onlyInB());
            return m;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export a run's per-query results as CSV or as a TREC run file (with --qrels, the matching qrels too).")
    static final class Export implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        WorkspaceOptions ws;

        @Parameters(index = "0", paramLabel = "RUN", description = "Run id.")
        long id;

        @Option(names = "--as", description = "csv or trec. Default: ${DEFAULT-VALUE}")
        String as = "csv";

        @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write here instead of standard output.")
        Path outFile;

        @Option(names = "--qrels", paramLabel = "FILE", description = "Also write TREC qrels of the run's gold tools here.")
        Path qrelsFile;

        @Option(names = "--force", description = "Overwrite FILE (and the qrels file) when it exists; a workspace is never overwritten.")
        boolean force;

        @Override
        public void run() {
            String kind = as.strip().toLowerCase(Locale.ROOT);
            if (!kind.equals("csv") && !kind.equals("trec")) {
                throw new IllegalArgumentException("--as must be csv or trec, got '" + as + "'");
            }
            try {
                if (outFile != null) {
                    OutputFiles.checkTarget(outFile, force);
                }
                if (qrelsFile != null) {
                    OutputFiles.checkTarget(qrelsFile, force);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            try (Workspace w = ws.open()) {
                EvalRunStore store = new EvalRunStore(w);
                EvalRun run = store.require(id);
                List<QueryRecord> records = store.records(id);
                write(outFile, out -> {
                    if (kind.equals("csv")) {
                        RunExport.csv(run, records, out);
                    } else {
                        RunExport.trec(run, records, out);
                    }
                });
                if (qrelsFile != null) {
                    write(qrelsFile, out -> RunExport.qrels(records, out));
                }
            }
        }

        private void write(Path file, java.util.function.Consumer<PrintWriter> body) {
            if (file == null) {
                body.accept(spec.commandLine().getOut());
                return;
            }
            try {
                OutputFiles.print(file, force, body::accept);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e.getMessage(), e);
            }
        }
    }
}
