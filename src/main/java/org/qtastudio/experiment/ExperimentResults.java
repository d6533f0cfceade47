package org.qtastudio.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qtastudio.align.RewriteEvaluationStore;
import org.qtastudio.eval.EvalRunStore;
import org.qtastudio.eval.Metric;
import org.qtastudio.eval.PairedRandomizationTest;
import org.qtastudio.eval.QueryRecord;
import org.qtastudio.store.Workspace;

/**
 * An experiment's numbers per grid point, computed from the stored per-query ranks of its finished cells: for
 * each system and metric the mean over seeds with a {@link SeedQueryBootstrap} 95% interval, and the paired
 * randomization test of the rewrites (and of the fusion) against the original queries over all seed × query pairs.
 */
public final class ExperimentResults {

    private final Workspace workspace;

    public ExperimentResults(Workspace workspace) {
        this.workspace = workspace;
    }

    /** One system's number at a grid point, in percent; {@code pValue} is NaN for the original queries themselves. */
    public record Stat(double mean, double low, double high, double pValue) {
    }

    /**
     * A grid point's summary.
     *
     * @param seeds finished cells (seeds) the numbers pool
     * @param fallbacks mean number of empty or fallback rewrites per cell
     * @param stats system → metric label → number
     */
    public record Point(String point, int seeds, int queries, double fallbacks, Map<String, Map<String, Stat>> stats) {
    }

    /** The original, rewrite and fusion records of a stored rewrite evaluation. */
    public List<List<QueryRecord>> records(long rewriteEvalId) {
        RewriteEvaluationStore.Link link = new RewriteEvaluationStore(workspace).list().stream()
                .filter(l -> l.id() == rewriteEvalId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rewrite evaluation " + rewriteEvalId + " in " + workspace.file()));
        EvalRunStore runs = new EvalRunStore(workspace);
        return List.of(runs.records(link.originalRunId()), runs.records(link.rewriteRunId()), runs.records(link.fusionRunId()));
    }

    /** The summaries of the grid points that have finished cells, in queue order. */
    public List<Point> points(List<ExperimentStore.Cell> cells) {
        Map<String, List<ExperimentStore.Cell>> byPoint = new LinkedHashMap<>();
        for (ExperimentStore.Cell c : cells) {
            if (c.status() == ExperimentStore.Status.done) {
                byPoint.computeIfAbsent(c.point(), k -> new ArrayList<>()).add(c);
            }
        }
        List<Point> out = new ArrayList<>();
        for (var e : byPoint.entrySet()) {
            List<List<List<QueryRecord>>> sides = e.getValue().stream().map(c -> records(c.rewriteEvalId())).toList();
            Map<String, Map<String, Stat>> stats = new LinkedHashMap<>();
            for (int s = 0; s < CellResult.SYSTEMS.size(); s++) {
                Map<String, Stat> m = new LinkedHashMap<>();
                for (Metric metric : CellResult.METRICS) {
                    m.put(metric.label(), stat(sides, s, metric));
                }
                stats.put(CellResult.SYSTEMS.get(s), m);
            }
            double fallbacks = e.getValue().stream().mapToInt(c -> c.result().fallbacks()).average().orElse(0);
            out.add(new Point(e.getKey(), e.getValue().size(), sides.get(0).get(0).size(), fallbacks, stats));
        }
        return out;
    }

    private static Stat stat(List<List<List<QueryRecord>>> cells, int system, Metric metric) {
        double[][] values = new double[cells.size()][];
        double[][] original = new double[cells.size()][];
        for (int i = 0; i < cells.size(); i++) {
            values[i] = CellResult.values(cells.get(i).get(system), metric);
            original[i] = CellResult.values(cells.get(i).get(0), metric);
        }
        SeedQueryBootstrap.Interval ci = SeedQueryBootstrap.interval(values, 0.95, SeedQueryBootstrap.DEFAULT_ITERATIONS,
                SeedQueryBootstrap.DEFAULT_SEED);
        double p = system == 0 ? Double.NaN : PairedRandomizationTest.pValue(flat(values), flat(original),
                PairedRandomizationTest.DEFAULT_ITERATIONS, PairedRandomizationTest.DEFAULT_SEED);
        return new Stat(100 * ci.mean(), 100 * ci.low(), 100 * ci.high(), p);
    }

    private static double[] flat(double[][] values) {
        return java.util.Arrays.stream(values).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
