package org.qtastudio.app.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.concurrent.Task;
import org.qtastudio.align.RewriteEvaluationStore;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.LatestTask;
import org.qtastudio.app.Messages;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.eval.EvalRunStore;
import org.qtastudio.eval.MetricComparison;

/**
 * State of the Results screen: the catalog's runs, the "before" and "after" run compared (by default the
 * original and rewritten runs of the latest rewrite evaluation), their {@link BeforeAfter}, the queries shown
 * under the chosen {@link Change} filter, and the query whose texts the detail pane shows. Reading and
 * comparing runs and exporting run in {@link Task}s; answers for a pair the user has since left are dropped.
 */
public final class ResultsViewModel {

    private final AppContext context;
    private final EvalRunStore store;
    private final ObjectProperty<Catalog> catalog = new SimpleObjectProperty<>();
    private final ObservableList<EvalRun> runs = FXCollections.observableArrayList();
    private final ObjectProperty<EvalRun> before = new SimpleObjectProperty<>();
    private final ObjectProperty<EvalRun> after = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<BeforeAfter> comparison = new ReadOnlyObjectWrapper<>();
    private final ObservableList<QueryChange> queries = FXCollections.observableArrayList();
    private final FilteredList<QueryChange> shownQueries = new FilteredList<>(queries);
    private final ObjectProperty<Change> filter = new SimpleObjectProperty<>();
    private final ObjectProperty<QueryChange> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    /** A pair asked for by {@link #open} that the next reload of the runs compares. */
    private Pair requested;
    private final LatestTask<Loaded> runsLoad;
    private final LatestTask<BeforeAfter> compareLoad;

    public ResultsViewModel(AppContext context) {
        this.context = context;
        this.store = new EvalRunStore(context.workspace());
        this.runsLoad = new LatestTask<>(context);
        this.compareLoad = new LatestTask<>(context);
        catalog.addListener((obs, old, c) -> refreshRuns());
        before.addListener((obs, old, run) -> compare());
        after.addListener((obs, old, run) -> compare());
        filter.addListener((obs, old, f) -> {
            shownQueries.setPredicate(f == null ? null : q -> q.change() == f);
            if (!shownQueries.contains(selected.get())) {
                selected.set(shownQueries.isEmpty() ? null : shownQueries.getFirst());
            }
        });
    }

    /**
     * Reloads the catalog's runs, newest first. The pair compared stays if both runs still exist; otherwise the
     * latest rewrite evaluation of the catalog is compared (original → rewritten), or else the newest run with
     * the newest earlier run of the same queries.
     */
    public void refreshRuns() {
        Catalog c = catalog.get();
        runsLoad.start(() -> {
            if (c == null) {
                return new Loaded(List.of(), null);
            }
            List<EvalRun> list = store.list().stream().filter(r -> r.catalogName().equals(c.name())).toList();
            return new Loaded(list, defaultPair(list, new RewriteEvaluationStore(context.workspace()).list()));
        }, this::showRuns, e -> message.set(Messages.readable("Reading the evaluation runs", e)));
    }

    /** A catalog's runs, newest first, and the pair to compare when the user has not chosen one. */
    private record Loaded(List<EvalRun> runs, Pair pair) {
    }

    /** Two runs to compare. */
    record Pair(EvalRun before, EvalRun after) {
    }

    /** The pair compared by default, or null when the catalog has fewer than two runs. */
    static Pair defaultPair(List<EvalRun> runs, List<RewriteEvaluationStore.Link> links) {
        for (RewriteEvaluationStore.Link link : links) {
            Optional<EvalRun> original = byId(runs, link.originalRunId());
            Optional<EvalRun> rewritten = byId(runs, link.rewriteRunId());
            if (original.isPresent() && rewritten.isPresent()) {
                return new Pair(original.get(), rewritten.get());
            }
        }
        if (runs.size() < 2) {
            return null;
        }
        EvalRun newest = runs.getFirst();
        EvalRun earlier = runs.stream().skip(1).filter(r -> Objects.equals(r.split(), newest.split())).findFirst().orElse(runs.get(1));
        return new Pair(earlier, newest);
    }

    private static Optional<EvalRun> byId(List<EvalRun> runs, long id) {
        return runs.stream().filter(r -> r.id() == id).findFirst();
    }

    /**
     * Compares {@code before} with {@code after} (a rewrite evaluation just stored): the runs are read again, so the
     * new ones are listed, and this pair is compared whatever was compared before.
     */
    public void open(EvalRun before, EvalRun after) {
        requested = new Pair(before, after);
        if (catalog.get() == null || !catalog.get().name().equals(before.catalogName())) {
            Optional<Catalog> of = context.catalogs().find(before.catalogName());
            if (of.isPresent()) {
                catalog.set(of.get()); // reads the runs
                return;
            }
        }
        refreshRuns();
    }

    private void showRuns(Loaded loaded) {
        List<EvalRun> list = loaded.runs();
        if (requested != null) {
            Optional<EvalRun> b = byId(list, requested.before().id());
            Optional<EvalRun> a = byId(list, requested.after().id());
            if (b.isPresent() && a.isPresent()) {
                requested = null;
                runs.setAll(list);
                choose(b.get(), a.get());
                return;
            }
        }
        Optional<EvalRun> keptBefore = before.get() == null ? Optional.empty() : byId(list, before.get().id());
        Optional<EvalRun> keptAfter = after.get() == null ? Optional.empty() : byId(list, after.get().id());
        runs.setAll(list);
        if (keptBefore.isPresent() && keptAfter.isPresent()) {
            choose(keptBefore.get(), keptAfter.get());
        } else if (loaded.pair() != null) {
            choose(loaded.pair().before(), loaded.pair().after());
        } else {
            choose(null, null);
            message.set(catalog.get() == null ? "Choose a catalog." : "Results compare two evaluation runs of a catalog: run "
                    + "baselines (Baselines tab), or press Evaluate on test for a completed run on the Align tab, on "
                    + catalog.get().name() + " first.");
        }
    }

    /** Sets both runs at once and compares them once. */
    public void choose(EvalRun newBefore, EvalRun newAfter) {
        if (Objects.equals(newBefore, before.get()) && Objects.equals(newAfter, after.get())) {
            return;
        }
        after.set(null);
        before.set(newBefore);
        after.set(newAfter);
    }

    /** Exchanges the before and after runs. */
    public void swap() {
        choose(after.get(), before.get());
    }

    private void compare() {
        compareLoad.drop();
        EvalRun b = before.get();
        EvalRun a = after.get();
        comparison.set(null);
        selected.set(null);
        queries.clear();
        if (b == null || a == null) {
            return;
        }
        if (b.id() == a.id()) {
            message.set("Before and after are the same run (#" + a.id() + "); choose two different runs.");
            return;
        }
        message.set("Comparing run #" + b.id() + " with run #" + a.id() + "…");
        compareLoad.start(() -> BeforeAfter.load(store, context.catalogs(), b, a), this::show,
                e -> message.set(Messages.readable("Comparing run #" + b.id() + " with run #" + a.id(), e)));
    }

    private void show(BeforeAfter c) {
        comparison.set(c);
        queries.setAll(c.queries());
        selected.set(shownQueries.isEmpty() ? null : shownQueries.getFirst());
        MetricComparison first = c.metrics().getFirst();
        String text = String.format("Run #%d → run #%d: %d %s, %d improved, %d worsened, %d unchanged (worst gold rank).",
                c.before().id(), c.after().id(), c.queries().size(), c.queries().size() == 1 ? "query" : "queries", c.count(Change.IMPROVED), c.count(Change.WORSENED),
                c.count(Change.UNCHANGED));
        long fallbacks = c.fallbacks();
        if (fallbacks > 0) {
            text += String.format(" %d %s no rewrite (empty, or the original query): marked ⚠.", fallbacks,
                    fallbacks == 1 ? "query got" : "queries got");
        }
        if (first.onlyInA() + first.onlyInB() > 0) {
            text += String.format(" Left out: %d queries only in the before run, %d only in the after run.", first.onlyInB(), first.onlyInA());
        }
        message.set(text);
    }

    /** Writes the comparison query by query off the FX thread (see {@link BeforeAfterExport}). */
    public Task<Integer> export(Path file) {
        BeforeAfter c = comparison.get();
        if (c == null) {
            message.set("Nothing to export yet: choose a before and an after run.");
            return null;
        }
        Task<Integer> task = new Task<>() {
            @Override
            protected Integer call() throws Exception {
                return BeforeAfterExport.write(c, file);
            }
        };
        task.setOnSucceeded(e -> message.set("Exported " + task.getValue() + " queries to " + file + "."));
        task.setOnFailed(e -> message.set(Messages.readable("Exporting to " + file, task.getException())));
        message.set("Exporting to " + file + "…");
        return context.run(task);
    }

    public ObjectProperty<Catalog> catalogProperty() {
        return catalog;
    }

    /** The catalog's runs, newest first. */
    public ObservableList<EvalRun> runs() {
        return runs;
    }

    public ObjectProperty<EvalRun> beforeProperty() {
        return before;
    }

    public ObjectProperty<EvalRun> afterProperty() {
        return after;
    }

    /** The comparison of before and after, or null while there is none (yet). */
    public ReadOnlyObjectProperty<BeforeAfter> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    /** Every query of the comparison, for the chart. */
    public ObservableList<QueryChange> queries() {
        return queries;
    }

    /** The queries that pass the filter, for the table. */
    public ObservableList<QueryChange> shownQueries() {
        return shownQueries;
    }

    /** The one kind of change shown, or null for all queries. */
    public ObjectProperty<Change> filterProperty() {
        return filter;
    }

    /** The query the detail pane shows. */
    public ObjectProperty<QueryChange> selectedProperty() {
        return selected;
    }

    /** What happened last, or what to fix, in a sentence. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
