package org.qtastudio.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qtastudio.align.AlignSettings;
import org.qtastudio.align.AlignStore;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.common.Json;
import org.qtastudio.lm.model.ModelConfig;
import org.qtastudio.lm.model.WeightLayout;
import org.qtastudio.store.Workspace;

/**
 * How long an experiment's unfinished cells will take, shown before a user commits to them. Where this workspace
 * has measured the model (completed alignment runs: seconds per training query; finished experiment cells:
 * seconds per rewritten test query) the estimate scales those measurements; otherwise it is a rough figure from
 * the model's parameter count, the tokens each step processes and an assumed throughput, and says so.
 *
 * @param seconds the estimated wall time of the unfinished cells
 * @param measured true when every part rests on measurements of the same model in this workspace
 * @param basis one line per model saying what the figure rests on
 */
public record WallTimeEstimate(double seconds, boolean measured, List<String> basis) {

    /** Assumed floating-point throughput of a rough figure: a desktop CPU core set in float32, and a GPU. */
    static final double CPU_FLOPS = 2e10;
    static final double GPU_FLOPS = 2e13;

    /** Estimates the unfinished cells of {@code cells}. */
    public static WallTimeEstimate of(Workspace workspace, List<ExperimentStore.Cell> cells) {
        CatalogStore catalogs = new CatalogStore(workspace);
        Map<String, Rates> rates = new HashMap<>();
        double total = 0;
        boolean measured = true;
        List<String> basis = new ArrayList<>();
        java.util.Set<Object> alignsCounted = new java.util.HashSet<>();
        for (ExperimentStore.Cell cell : cells) {
            if (cell.status() == ExperimentStore.Status.done) {
                continue;
            }
            CellPlan plan = cell.plan();
            String model = plan.evaluate().modelDir();
            Rates r = rates.computeIfAbsent(model, m -> Rates.measure(workspace, m));
            AlignSettings s = plan.align() != null ? plan.align().settings() : null;
            int testQueries = goldQueries(catalogs, plan.evaluate().catalog(), Split.TEST);
            double evalPerQuery = r.evalPerQuery > 0 ? r.evalPerQuery
                    : rough(model, plan.evaluate().device(), rewriteTokens(plan.evaluate().toolDocuments(), plan.evaluate().maxNewTokens()));
            total += evalPerQuery * testQueries;
            // cells sharing an alignment run (transfer) pay for it once
            if (s != null && alignsCounted.add(plan.align())) {
                int training = plan.align().trainQueries() != null ? plan.align().trainQueries().size()
                        : goldQueries(catalogs, plan.align().catalog(), Split.TRAIN);
                double alignPerQuery = r.alignPerQuery > 0 ? r.alignPerQuery
                        : rough(model, plan.align().device(), alignTokens(s));
                total += alignPerQuery * training;
            }
            measured &= r.alignPerQuery > 0 && r.evalPerQuery > 0;
        }
        for (var e : rates.entrySet()) {
            basis.add(e.getValue().describe(e.getKey()));
        }
        return new WallTimeEstimate(total, measured, basis);
    }

    /** A person's reading: {@code about 3 min 20 s (measured ...)} or {@code roughly ... (rough: ...)}. */
    public String describe() {
        String time = seconds < 90 ? String.format(Locale.ROOT, "%.0f s", seconds)
                : seconds < 5400 ? String.format(Locale.ROOT, "%.0f min", seconds / 60) : String.format(Locale.ROOT, "%.1f h", seconds / 3600);
        return (measured ? "estimated wall time of the unfinished cells: about " : "ROUGH estimate of the unfinished cells' wall time: ")
                + time + "\n  " + String.join("\n  ", basis);
    }

    private static int goldQueries(CatalogStore catalogs, String catalog, Split split) {
        Catalog c = catalogs.require(catalog);
        return (int) catalogs.queries(c.id(), split).stream().filter(q -> !q.gold().isEmpty()).count();
    }

    /** Tokens one rewrite passes through the model: the prompt (instruction, tool documents, query) and the rewrite. */
    static double rewriteTokens(int toolDocuments, int maxNewTokens) {
        return 90 + 120.0 * toolDocuments + maxNewTokens;
    }

    /** Tokens per training query: sampling, reference log-probs of a pair, and forward + backward (x3) every epoch. */
    static double alignTokens(AlignSettings s) {
        double sequence = rewriteTokens(s.toolDocuments(), s.maxNewTokens());
        return s.rounds() * (s.samples() * sequence + 2 * sequence + s.epochs() * 2 * 3 * sequence);
    }

    /** Seconds for {@code tokens} tokens at 2 FLOPs per parameter per token and the assumed throughput. */
    private static double rough(String model, String device, double tokens) {
        return 2.0 * parameters(model) * tokens / (device.toLowerCase(Locale.ROOT).startsWith("gpu") ? GPU_FLOPS : CPU_FLOPS);
    }

    private static long parameters(String model) {
        try {
            return WeightLayout.parameterCount(ModelConfig.read(Path.of(model)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the configuration of model folder " + model + ": " + e.getMessage(), e);
        }
    }

    /** Seconds per training query and per rewritten test query measured for one model (0 = not measured). */
    private record Rates(double alignPerQuery, int alignRuns, double evalPerQuery, int evalCells) {

        static Rates measure(Workspace workspace, String model) {
            double alignSeconds = 0;
            int alignQueries = 0;
            int alignRuns = 0;
            AlignStore store = new AlignStore(workspace);
            for (Catalog c : new CatalogStore(workspace).catalogs()) {
                for (AlignStore.AlignRun run : store.runs(c.id())) {
                    if (run.status() == AlignStore.Status.completed && run.model().equals(model) && run.summaryJson() != null) {
                        JsonNode summary = Json.read(run.summaryJson(), new com.fasterxml.jackson.core.type.TypeReference<JsonNode>() { });
                        alignSeconds += summary.path("seconds").asDouble();
                        alignQueries += summary.path("trainingQueries").asInt();
                        alignRuns++;
                    }
                }
            }
            double evalSeconds = 0;
            int evalQueries = 0;
            int evalCells = 0;
            ExperimentStore experiments = new ExperimentStore(workspace);
            for (ExperimentStore.Experiment e : experiments.list()) {
                for (ExperimentStore.Cell c : experiments.cells(e.id())) {
                    if (c.result() != null && c.plan().evaluate().modelDir().equals(model)) {
                        evalSeconds += c.result().evalSeconds();
                        evalQueries += c.result().queries();
                        evalCells++;
                    }
                }
            }
            return new Rates(alignQueries > 0 ? alignSeconds / alignQueries : 0, alignRuns,
                    evalQueries > 0 ? evalSeconds / evalQueries : 0, evalCells);
        }

        String describe(String model) {
            String name = Path.of(model).getFileName().toString();
            String align = alignPerQuery > 0
                    ? String.format(Locale.ROOT, "alignment %.2f s per training query measured over %d completed runs", alignPerQuery, alignRuns)
                    : String.format(Locale.ROOT, "alignment not measured yet (rough: %,d parameters at 2 FLOPs per token and an assumed "
                            + "%.0f GFLOP/s CPU, %.0f TFLOP/s GPU)", parameters(model), CPU_FLOPS / 1e9, GPU_FLOPS / 1e12);
            String eval = evalPerQuery > 0
                    ? String.format(Locale.ROOT, "rewriting %.2f s per test query measured over %d finished cells", evalPerQuery, evalCells)
                    : "rewriting not measured yet (rough, as above)";
            return name + ": " + align + "; " + eval;
        }
    }
}
