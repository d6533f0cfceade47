package org.qtastudio.app.baselines;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.LatestTask;
import org.qtastudio.app.Messages;
import org.qtastudio.app.TaskProgress;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.eval.EvalRunStore;
import org.qtastudio.eval.EvalService;
import org.qtastudio.eval.Metric;
import org.qtastudio.eval.PairedRandomizationTest;
import org.qtastudio.eval.QueryRecord;
import org.qtastudio.eval.MetricComparison;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.Retrievers;

/**
 * State of the Baselines screen: the retriever form, the catalog and queries to evaluate, the catalog's
 * stored runs (newest first), the per-query ranks of the selected run and the comparison of two selected
 * runs. Every service call runs in a {@link Task}; answers for a selection the user has since left are dropped.
 */
public final class BaselinesViewModel {

    private final AppContext context;
    private final EvalRunStore store;
    private final RetrieverSettings settings = new RetrieverSettings();
    private final ObjectProperty<Catalog> catalog = new SimpleObjectProperty<>();
    private final ObjectProperty<EvalScope> scope = new SimpleObjectProperty<>(EvalScope.ALL);
    private final StringProperty cutoffs = new SimpleStringProperty("5, 10");
    private final ObservableList<EvalRun> runs = FXCollections.observableArrayList();
    private final ObservableList<String> metricLabels = FXCollections.observableArrayList();
    private final ObservableList<EvalRun> selectedRuns = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<EvalRun> shownRun = new ReadOnlyObjectWrapper<>();
    private final ObservableList<QueryRow> queryRows = FXCollections.observableArrayList();
    private final ObservableList<String> compareMetrics = FXCollections.observableArrayList();
    private final StringProperty compareMetric = new SimpleStringProperty();
    private final ReadOnlyObjectWrapper<MetricComparison> comparison = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper comparisonText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Task<EvalService.Outcome>> evaluation = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final LatestTask<List<EvalRun>> runsLoad;
    private final LatestTask<List<QueryRow>> recordsLoad;
    private final LatestTask<MetricComparison> compareLoad;
    private final LatestTask<List<String>> modelsLoad;

    public BaselinesViewModel(AppContext context) {
        this.context = context;
        this.store = new EvalRunStore(context.workspace());
        this.runsLoad = new LatestTask<>(context);
        this.recordsLoad = new LatestTask<>(context);
        this.compareLoad = new LatestTask<>(context);
        this.modelsLoad = new LatestTask<>(context);
        catalog.addListener((obs, old, c) -> refreshRuns());
        selectedRuns.addListener((ListChangeListener<EvalRun>) c -> selectionChanged());
        compareMetric.addListener((obs, old, m) -> compare());
        refreshModels();
    }

    /** Loads the registered embedding models into the dense model choice (the built-in one is always there). */
    public Task<List<String>> refreshModels() {
        return modelsLoad.start(() -> RetrieverSettings.embeddingModels(context.workspace()), settings::offerDenseModels,
                e -> message.set(Messages.readable("Listing the embedding models", e)));
    }

    /** Reloads the selected catalog's runs, newest first, keeping the selected runs that still exist. */
    public Task<List<EvalRun>> refreshRuns() {
        Catalog c = catalog.get();
        return runsLoad.start(() -> c == null ? List.of() : store.list().stream().filter(r -> r.catalogName().equals(c.name())).toList(),
                this::showRuns, e -> message.set(Messages.readable("Reading the evaluation runs", e)));
    }

    private void showRuns(List<EvalRun> list) {
        List<Integer> ks = list.stream().flatMap(r -> r.ks().stream()).distinct().sorted().toList();
        List<String> labels = ks.isEmpty() ? List.of() : Metric.standard(ks).stream().map(Metric::label).toList();
        if (!metricLabels.equals(labels)) {
            metricLabels.setAll(labels);
        }
        runs.setAll(list);
    }

    /** Evaluates the configured retriever off the FX thread; the new run is listed and selected when stored. */
    public Task<EvalService.Outcome> runEvaluation() {
        Catalog c = catalog.get();
        if (c == null) {
            message.set("Choose a catalog to evaluate on.");
            return null;
        }
        if (evaluation.get() != null && evaluation.get().isRunning()) {
            message.set("An evaluation is running; wait for it or cancel it.");
            return null;
        }
        RetrieverSpec spec;
        List<Integer> ks;
        try {
            spec = settings.toSpec();
            ks = parseCutoffs(cutoffs.get());
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return null;
        }
        EvalScope chosenScope = scope.get() == null ? EvalScope.ALL : scope.get();
        Task<EvalService.Outcome> task = new Task<>() {
            @Override
            protected EvalService.Outcome call() {
                try (Retrievers retrievers = new Retrievers(context.workspace())) {
                    return new EvalService(context.workspace(), retrievers).evaluate(c.name(), chosenScope.split(), spec, ks,
                            new TaskProgress(this::updateMessage, this::updateProgress, this::isCancelled));
                } finally {
                    if (isCancelled()) {
                        // the run may have been stored just before the cancel arrived: show what is there
                        Platform.runLater(BaselinesViewModel.this::refreshRuns);
                    }
                }
            }
        };
        task.messageProperty().addListener((obs, old, m) -> message.set(m));
        task.setOnSucceeded(e -> {
            EvalRun run = task.getValue().run();
            List<String> warnings = task.getValue().result().warnings();
            message.set(String.format("Run #%d stored: %d queries in %.1f s.%s", run.id(), run.queryCount(), run.wallMillis() / 1000.0,
                    warnings.isEmpty() ? "" : " " + String.join(" ", warnings)));
            List<EvalRun> next = new ArrayList<>(runs);
            next.addFirst(run);
            showRuns(next);
            selectedRuns.setAll(run);
        });
        task.setOnFailed(e -> message.set(Messages.readable("Evaluation", task.getException())));
        task.setOnCancelled(e -> message.set("Evaluation cancelled."));
        message.set("Evaluating " + spec.describe() + " on " + c.name() + "…");
        evaluation.set(task);
        return context.run(task);
    }

    /** Cancels the running evaluation, if any. */
    public void cancel() {
        Task<?> task = evaluation.get();
        if (task != null && task.isRunning()) {
            task.cancel(false);
        }
    }

    static List<Integer> parseCutoffs(String typed) {
        List<Integer> ks = new ArrayList<>();
        for (String part : (typed == null ? "" : typed).split("[,;\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                int k = Integer.parseInt(part);
                if (k < 1) {
                    throw new NumberFormatException();
                }
                ks.add(k);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Cutoffs are whole numbers of at least 1 such as 5, 10; '" + part + "' is not one.");
            }
        }
        if (ks.isEmpty()) {
            throw new IllegalArgumentException("Give at least one cutoff k, such as 5, 10.");
        }
        return ks;
    }

    private void selectionChanged() {
        EvalRun first = selectedRuns.isEmpty() ? null : selectedRuns.getFirst();
        if (first == null || !first.equals(shownRun.get())) {
            shownRun.set(first);
            loadRecords(first);
        }
        if (selectedRuns.size() == 2) {
            Set<String> common = new LinkedHashSet<>();
            Metric.standard(selectedRuns.get(0).ks()).forEach(m -> common.add(m.label()));
            common.retainAll(Metric.standard(selectedRuns.get(1).ks()).stream().map(Metric::label).toList());
            String keep = compareMetric.get();
            compareMetrics.setAll(common);
            if (keep != null && common.contains(keep)) {
                compare();
            } else {
                compareMetric.set(compareMetrics.isEmpty() ? null : compareMetrics.getFirst());
            }
        } else {
            compareLoad.drop();
            comparison.set(null);
            comparisonText.set(selectedRuns.size() > 2 ? "Select exactly two runs to compare them."
                    : "Select two runs (Shift or Ctrl and click, or Shift+Down) to compare them query by query.");
        }
    }

    private void loadRecords(EvalRun run) {
        recordsLoad.drop();
        queryRows.clear();
        if (run == null) {
            return;
        }
        recordsLoad.start(() -> store.records(run.id()).stream().map(QueryRow::of).toList(), queryRows::setAll,
                e -> message.set(Messages.readable("Reading run #" + run.id(), e)));
    }

    private void compare() {
        compareLoad.drop();
        comparison.set(null);
        if (selectedRuns.size() != 2 || compareMetric.get() == null) {
            return;
        }
        EvalRun a = selectedRuns.get(0);
        EvalRun b = selectedRuns.get(1);
        Metric metric = Metric.parse(compareMetric.get());
        comparisonText.set("Comparing run #" + a.id() + " with run #" + b.id() + "…");
        compareLoad.start(() -> {
            List<QueryRecord> ra = store.records(a.id());
            List<QueryRecord> rb = store.records(b.id());
            return MetricComparison.compare(ra, rb, metric, PairedRandomizationTest.DEFAULT_ITERATIONS, PairedRandomizationTest.DEFAULT_SEED);
        }, r -> {
            comparison.set(r);
            comparisonText.set(describe(a, b, r));
        }, e -> comparisonText.set(Messages.readable("Comparing the runs", e)));
    }

    private static String describe(EvalRun a, EvalRun b, MetricComparison r) {
        String text = String.format(java.util.Locale.ROOT, "Run #%d (A) against run #%d (B) on %s over %d shared queries: "
                        + "A is better on %d, equal on %d, worse on %d. Two-sided paired randomization test, %,d sign flips.",
                a.id(), b.id(), r.metric().label(), r.paired(), r.wins(), r.ties(), r.losses(), PairedRandomizationTest.DEFAULT_ITERATIONS);
        if (r.onlyInA() + r.onlyInB() > 0) {
            text += String.format(" Left out: %d queries only in A, %d only in B.", r.onlyInA(), r.onlyInB());
        }
        return text;
    }

    /** A metric mean as the tables show it: percent with two decimals. */
    public static String formatPercent(double value) {
        return String.format(java.util.Locale.ROOT, "%.2f", value);
    }

    /** A p-value as the comparison shows it. */
    public static String formatPValue(double p) {
        return String.format(java.util.Locale.ROOT, "%.4f", p);
    }

    public RetrieverSettings settings() {
        return settings;
    }

    public ObjectProperty<Catalog> catalogProperty() {
        return catalog;
    }

    public ObjectProperty<EvalScope> scopeProperty() {
        return scope;
    }

    /** The cutoffs as typed, e.g. {@code 5, 10}. */
    public StringProperty cutoffsProperty() {
        return cutoffs;
    }

    /** The selected catalog's runs, newest first. */
    public ObservableList<EvalRun> runs() {
        return runs;
    }

    /** The metric columns for {@link #runs()}: every metric of any listed run, in report order. */
    public ObservableList<String> metricLabels() {
        return metricLabels;
    }

    /** The runs the user selected, in table order; the view keeps it in step with the table. */
    public ObservableList<EvalRun> selectedRuns() {
        return selectedRuns;
    }

    /** The run whose queries {@link #queryRows()} holds: the first selected. */
    public ReadOnlyObjectProperty<EvalRun> shownRunProperty() {
        return shownRun.getReadOnlyProperty();
    }

    public ObservableList<QueryRow> queryRows() {
        return queryRows;
    }

    /** Metrics both selected runs have, for the comparison. */
    public ObservableList<String> compareMetrics() {
        return compareMetrics;
    }

    public StringProperty compareMetricProperty() {
        return compareMetric;
    }

    /** The comparison of the two selected runs (A = the upper row), or null. */
    public ReadOnlyObjectProperty<MetricComparison> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty comparisonTextProperty() {
        return comparisonText.getReadOnlyProperty();
    }

    /** The evaluation last started (running, done, failed or cancelled), or null. */
    public ReadOnlyObjectProperty<Task<EvalService.Outcome>> evaluationProperty() {
        return evaluation.getReadOnlyProperty();
    }

    /** What happened last, or what to fix, in a sentence. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
