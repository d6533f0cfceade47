package org.qtastudio.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qtastudio.align.RewriteEvaluator;
import org.qtastudio.common.Json;
import org.qtastudio.common.OutputFiles;
import org.qtastudio.eval.ReportTable;
import org.qtastudio.experiment.BesideThePaper;
import org.qtastudio.experiment.CellResult;
import org.qtastudio.experiment.ExperimentPlan;
import org.qtastudio.experiment.ExperimentResults;
import org.qtastudio.experiment.ExperimentRunner;
import org.qtastudio.experiment.ExperimentSpec;
import org.qtastudio.experiment.ExperimentStore;
import org.qtastudio.experiment.WallTimeEstimate;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qta-studio experiment}: grids of alignment runs and rewrite evaluations, stored, resumable and reported. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Experiments: a named grid over alignment settings (data efficiency, transfer, backbones, any setting) "
                + "run as a resumable queue of alignment + rewrite-evaluation cells, with means, 95% intervals and paired tests.",
        subcommands = {ExperimentCommand.Create.class, ExperimentCommand.Run.class, ExperimentCommand.Resume.class,
                ExperimentCommand.ListExperiments.class, ExperimentCommand.Show.class, ExperimentCommand.Export.class})
public final class ExperimentCommand {

    private ExperimentCommand() {
    }

    @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Define an experiment and plan its cells; prints the queue and a wall-time estimate. Nothing runs yet.")
    static final class Create implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        WorkspaceOptions ws;

        @Parameters(index = "0", paramLabel = "NAME", description = "Name of the experiment.")
        String name;

        @Option(names = "--kind", required = true, description = "data-efficiency, transfer, backbones or settings.")
        String kind;

        @Option(names = {"-c", "--catalog"}, required = true, split = ",", paramLabel = "NAME",
                description = "The catalog; for transfer two or more, comma-separated.")
        List<String> catalogs;

        @Option(names = "--model", required = true, split = ",", paramLabel = "DIR",
                description = "Model folder; for backbones two or more, comma-separated.")
        List<Path> models;

        @Option(names = "--sizes", split = ",", description = "data-efficiency: training-set sizes drawn from the train split, "
                + "0 = the base model without alignment (e.g. 0,1,2,5,10).")
        List<Integer> sizes;

        @Option(names = "--seeds", split = ",", description = "Seeds, one cell per seed at each grid point (default: ${DEFAULT-VALUE}).")
        List<Long> seeds = List.of(1L, 2L, 3L);

        @Option(names = "--setting", description = "settings: the setting varied (samples, beta, ranking-function, tool-docs, lr, "
                + "epochs, rounds, temperature, lora-rank, max-new-tokens, sft-weight, or retriever).")
        String setting;

        @Option(names = "--values", split = ",", description = "settings: its values (for retriever: bm25, bm25-paper, dense, hybrid).")
        List<String> values;

        @Option(names = "--device", description = "cpu, gpu, gpu:N or auto (default: ${DEFAULT-VALUE}).")
        String device = "cpu";

        @Option(names = "--dtype", description = "float32, bfloat16 or float16 (default: ${DEFAULT-VALUE}).")
        String dtype = "float32";

        @Option(names = "--eval-batch-size", description = "Test queries rewritten together (default: ${DEFAULT-VALUE}).")
        int evalBatch = RewriteEvaluator.Request.DEFAULT_BATCH_SIZE;

        @Mixin
        RetrieverOptions retriever;

        @Mixin
        AlignSettingsOptions alignSettings;

        @Override
        public void run() {
            if (spec.commandLine().getParseResult().hasMatchedOption("--seed")) {
                throw new IllegalArgumentException("--seed: an experiment takes its seeds from --seeds (one cell per seed)");
            }
            ExperimentSpec.Kind k = ExperimentSpec.Kind.parse(kind);
            boolean retrieverGrid = k == ExperimentSpec.Kind.settings && "retriever".equals(setting);
            List<RetrieverSpec> retrievers = new ArrayList<>();
            if (retrieverGrid) {
                for (String v : values == null ? List.<String>of() : values) {
                    retriever.retriever = v;
                    retrievers.add(retriever.spec());
                }
            } else {
                retrievers.add(retriever.spec());
            }
            ExperimentSpec experiment = new ExperimentSpec(k, catalogs, models.stream().map(m -> m.toAbsolutePath().toString()).toList(),
                    device, dtype, retrievers, alignSettings.settings(), sizes, seeds, setting, retrieverGrid ? null : values, evalBatch);
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace w = ws.open()) {
                var cells = ExperimentPlan.cells(experiment, new CatalogStore(w));
                ExperimentStore store = new ExperimentStore(w);
                ExperimentStore.Experiment e = store.create(name, experiment, cells);
                out.printf("experiment '%s' (%s): %d cells%n", e.name(), k.id(), cells.size());
                printQueue(store.cells(e.id()), out);
                out.println(WallTimeEstimate.of(w, store.cells(e.id())).describe());
                out.printf("run it with 'qta-studio experiment run %s'%n", e.name());
            }
            out.flush();
        }
    }

    /** Runs (or continues) the queue with progress on stderr; Ctrl-C stops at the next unit of work. */
    static void runQueue(WorkspaceOptions ws, String name, boolean continuing, PrintWriter out) {
        CliProgress progress = new CliProgress(System.err);
        try (SignalCancel signals = SignalCancel.install(progress); Workspace w = ws.open(); Retrievers retrievers = new Retrievers(w)) {
            ExperimentStore store = new ExperimentStore(w);
            ExperimentStore.Experiment e = store.require(name);
            out.println(WallTimeEstimate.of(w, store.cells(e.id())).describe());
            out.flush();
            ExperimentRunner runner = new ExperimentRunner(w, retrievers);
            ExperimentRunner.Outcome outcome = runner.run(name, continuing, progress, new ExperimentRunner.Listener() {
                @Override
                public void started(ExperimentStore.Cell cell, int position, int total) {
                    out.printf("cell %d/%d %s seed %d: %s%n", position, total, cell.point(), cell.seed(),
                            cell.plan().align() == null ? "rewriting with the base model" : "aligning, then rewriting");
                    out.flush();
                }

                @Override
                public void finished(ExperimentStore.Cell cell, int position, int total) {
                    Map<String, Map<String, Double>> m = cell.result().metrics();
                    out.printf(Locale.ROOT, "cell %d/%d done: S@5 original %.2f, rewrite %.2f, fusion %.2f; %d empty or fallback rewrites%n",
                            position, total, m.get("original").get("S@5"), m.get("rewrite").get("S@5"), m.get("fusion").get("S@5"),
                            cell.result().fallbacks());
                    if (position < total) {
                        out.println("  remaining: " + WallTimeEstimate.of(w, store.cells(e.id())).describe());
                    }
                    out.flush();
                }
            });
            out.printf("experiment '%s': ran %d cells, %d were already done, %d in all; see 'qta-studio experiment show %s'%n",
                    name, outcome.ran(), outcome.alreadyDone(), outcome.total(), name);
        }
        out.flush();
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run a created experiment's cells in order. Ctrl-C stops at the next step; 'experiment resume' continues.")
    static final class Run implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        WorkspaceOptions ws;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public void run() {
            runQueue(ws, name, false, spec.commandLine().getOut());
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Continue an experiment after a crash, Ctrl-C or failure: finished cells are skipped, a started "
                    + "alignment continues from its last checkpoint.")
    static final class Resume implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        WorkspaceOptions ws;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public void run() {
            runQueue(ws, name, true, spec.commandLine().getOut());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List experiments with their progress.")
    static final class ListExperiments implements Runnable {
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
                ExperimentStore store = new ExperimentStore(w);
                ReportTable t = new ReportTable(List.of("name", "kind", "cells", "done", "failed", "created"));
                List<Map<String, Object>> json = new ArrayList<>();
                for (ExperimentStore.Experiment e : store.list()) {
                    List<ExperimentStore.Cell> cells = store.cells(e.id());
                    long done = cells.stream().filter(c -> c.status() == ExperimentStore.Status.done).count();
                    long failed = cells.stream().filter(c -> c.status() == ExperimentStore.Status.failed).count();
                    t.row(List.of(e.name(), e.spec().kind().id(), cells.size(), done, failed, e.createdAt()));
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", e.name());
                    row.put("kind", e.spec().kind().id());
                    row.put("cells", cells.size());
                    row.put("done", done);
                    row.put("failed", failed);
                    row.put("created_at", e.createdAt().toString());
                    json.add(row);
                }
                print(t, json, format, out);
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Per grid point: mean and 95% interval over seeds (bootstrap over queries x seeds) of S@5, S@10, NDCG@10, "
                    + "R@10 and MRR for the original queries, the rewrites and their fusion, the paired test against the "
                    + "original queries, and the empty or fallback rewrites.")
    static final class Show implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        WorkspaceOptions ws;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--format", description = "text, markdown, csv or json. Default: ${DEFAULT-VALUE}")
        ReportFormat format = ReportFormat.text;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace w = ws.open()) {
                ExperimentStore store = new ExperimentStore(w);
                ExperimentStore.Experiment e = store.require(name);
                List<ExperimentStore.Cell> cells = store.cells(e.id());
                List<ExperimentResults.Point> points = new ExperimentResults(w).points(cells);
                boolean numeric = format == ReportFormat.csv;
                List<String> header = new ArrayList<>(List.of("point", "system", "seeds", "queries"));
                for (var m : CellResult.METRICS) {
                    header.add(m.label());
                    if (numeric) {
                        header.add(m.label() + " low");
                        header.add(m.label() + " high");
                    }
                }
                header.add("p S@5 vs original");
                header.add("fallbacks");
                ReportTable t = new ReportTable(header);
                for (ExperimentResults.Point p : points) {
                    for (String system : CellResult.SYSTEMS) {
                        List<Object> row = new ArrayList<>(List.of(p.point(), system, p.seeds(), p.queries()));
                        for (var m : CellResult.METRICS) {
                            ExperimentResults.Stat s = p.stats().get(system).get(m.label());
                            if (numeric) {
                                row.addAll(List.of(ReportTable.pct(s.mean()), ReportTable.pct(s.low()), ReportTable.pct(s.high())));
                            } else {
                                row.add(String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", s.mean(), s.low(), s.high()));
                            }
                        }
                        double pValue = p.stats().get(system).get("S@5").pValue();
                        row.add(Double.isNaN(pValue) ? "" : String.format(Locale.ROOT, "%.4f", pValue));
                        row.add(system.equals("rewrite") ? String.format(Locale.ROOT, "%.1f", p.fallbacks()) : "");
                        t.row(row);
                    }
                }
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("name", e.name());
                json.put("spec", e.spec());
                json.put("cells", cells.stream().map(ExperimentCommand::cellJson).toList());
                json.put("points", points);
                if (format == ReportFormat.text) {
                    long done = cells.stream().filter(c -> c.status() == ExperimentStore.Status.done).count();
                    out.printf("experiment '%s' (%s): %d of %d cells done; means and 95%% intervals in percent%n",
                            e.name(), e.spec().kind().id(), done, cells.size());
                    printQueue(cells, out);
                }
                print(t, json, format, out);
                if (format == ReportFormat.markdown) {
                    printBesideThePaper(BesideThePaper.of(w, cells, points), out);
                }
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write every cell (point, seed, status, linked runs, metrics of original, rewrite and fusion, "
                    + "fallback rewrites, seconds) to a file or standard output.")
    static final class Export implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        WorkspaceOptions ws;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--format", description = "text, markdown, csv or json. Default: ${DEFAULT-VALUE}")
        ReportFormat format = ReportFormat.csv;

        @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
        Path file;

        @Option(names = "--force", description = "Overwrite an existing --out file.")
        boolean force;

        @Override
        public void run() {
            try (Workspace w = ws.open()) {
                ExperimentStore store = new ExperimentStore(w);
                List<ExperimentStore.Cell> cells = store.cells(store.require(name).id());
                List<String> header = new ArrayList<>(List.of("cell", "point", "seed", "status", "align run", "rewrite eval",
                        "queries", "fallbacks", "align s", "eval s"));
                for (String system : CellResult.SYSTEMS) {
                    CellResult.METRICS.forEach(m -> header.add(system + " " + m.label()));
                }
                ReportTable t = new ReportTable(header);
                for (ExperimentStore.Cell c : cells) {
                    List<Object> row = new ArrayList<>(List.of(c.ordinal() + 1, c.point(), c.seed(), c.status().name(),
                            c.alignRunId() == null ? "" : c.alignRunId(), c.rewriteEvalId() == null ? "" : c.rewriteEvalId()));
                    CellResult r = c.result();
                    if (r == null) {
                        while (row.size() < header.size()) {
                            row.add("");
                        }
                    } else {
                        row.addAll(List.of(r.queries(), r.fallbacks(), String.format(Locale.ROOT, "%.1f", r.alignSeconds()),
                                String.format(Locale.ROOT, "%.1f", r.evalSeconds())));
                        for (String system : CellResult.SYSTEMS) {
                            CellResult.METRICS.forEach(m -> row.add(ReportTable.pct(r.metrics().get(system).get(m.label()))));
                        }
                    }
                    t.row(row);
                }
                List<Map<String, Object>> json = cells.stream().map(ExperimentCommand::cellJson).toList();
                if (file == null) {
                    print(t, json, format, spec.commandLine().getOut());
                    return;
                }
                OutputFiles.print(file, force, to -> print(t, json, format, to));
                spec.commandLine().getOut().println("wrote " + cells.size() + " cells to " + file);
                spec.commandLine().getOut().flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
    }

    private static Map<String, Object> cellJson(ExperimentStore.Cell c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cell", c.ordinal() + 1);
        m.put("point", c.point());
        m.put("seed", c.seed());
        m.put("status", c.status().name());
        m.put("error", c.error());
        m.put("align_run", c.alignRunId());
        m.put("rewrite_eval", c.rewriteEvalId());
        m.put("result", c.result());
        return m;
    }

    private static void printBesideThePaper(List<BesideThePaper.Section> sections, PrintWriter out) {
        for (BesideThePaper.Section section : sections) {
            out.printf("%n### Beside the paper: %s%n%n", section.subset().title());
            out.println("Rows in italics are Table 2 of the QTA paper (arXiv 2410.03212); the others are this experiment's "
                    + "means over seeds on the same 90 test queries, in percent. The paper's QTA row comes from its own "
                    + "backbone and training queries, and its NDCG is not standard binary NDCG (some of its N@10 are below "
                    + "its N@5); ours is.");
            out.println();
            out.print(section.table().toMarkdown());
        }
        out.flush();
    }

    private static void printQueue(List<ExperimentStore.Cell> cells, PrintWriter out) {
        TextTable t = new TextTable("cell", "point", "seed", "training", "status");
        for (ExperimentStore.Cell c : cells) {
            var align = c.plan().align();
            String training = align == null ? "none (base model)" : align.catalog() + " train"
                    + (align.trainQueries() == null ? "" : ", " + align.trainQueries().size() + " queries");
            t.row(c.ordinal() + 1, c.point(), c.seed(), training, c.status().name() + (c.error() == null ? "" : ": " + c.error()));
        }
        t.print(out, 100);
    }

    private static void print(ReportTable t, Object json, ReportFormat format, PrintWriter out) {
        if (format == ReportFormat.json) {
            out.println(Json.write(json));
            out.flush();
        } else {
            RunsCommand.print(t, format, out);
        }
    }
}
