package org.qtastudio.app.experiments;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.qtastudio.align.RewriteEvaluationStore;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.LatestTask;
import org.qtastudio.app.Messages;
import org.qtastudio.app.WorkSlot;
import org.qtastudio.app.align.AlignViewModel;
import org.qtastudio.common.Plurals;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.eval.EvalRunStore;
import org.qtastudio.eval.Metric;
import org.qtastudio.experiment.CellResult;
import org.qtastudio.experiment.ExperimentResults;
import org.qtastudio.experiment.ExperimentRunner;
import org.qtastudio.experiment.ExperimentStore;
import org.qtastudio.experiment.WallTimeEstimate;
import org.qtastudio.store.Workspace;

/**
 * State of the Experiments screen, in parts a reader can take one at a time:
 * <ul>
 *   <li>{@link GridForm}: the form that defines a new experiment from the Align screen's settings, with its planned
 *       cells and wall-time estimate;</li>
 *   <li>this class: the workspace's experiments, the selected one's cells (live while it runs) and its numbers per grid
 *       point ({@link ExperimentResults#points}) for the charts; Run, Resume and Cancel through one {@link WorkSlot},
 *       with the time left for the unfinished cells after each cell; and opening a cell's evaluation in Results.</li>
 * </ul>
 * Everything read from the workspace (cells, numbers, estimates) is read off the FX thread, and only the newest read
 * counts.
 */
public final class ExperimentsViewModel {

    /** The metrics the charts can show, in report order. */
    public static final List<String> METRICS = CellResult.METRICS.stream().map(Metric::label).toList();

    private final AppContext context;
    private final ExperimentStore store;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final WorkSlot slot;
    private final GridForm grid;
    private final ObservableList<ExperimentRow> experiments = FXCollections.observableArrayList();
    private final ObjectProperty<ExperimentRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<ExperimentStore.Cell> cells = FXCollections.observableArrayList();
    private final ObservableList<ExperimentResults.Point> points = FXCollections.observableArrayList();
    private final ObjectProperty<String> metric = new SimpleObjectProperty<>(METRICS.getFirst());
    private final ReadOnlyStringWrapper remaining = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper remainingBasis = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper queue = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper runningCell = new ReadOnlyIntegerWrapper(-1);
    private final BooleanBinding canRun;
    private final BooleanBinding canResume;
    private final LatestTask<List<ExperimentRow>> listLoad;
    private final LatestTask<Loaded> cellsLoad;
    private final LatestTask<EvalRun[]> openLoad;
    /** The experiment and cell the running work executes; -1 when none. Read and written on the FX thread. */
    private long liveExperimentId = -1;
    private long liveCellId = -1;
    private BiConsumer<EvalRun, EvalRun> onOpen = (before, after) -> { };

    public ExperimentsViewModel(AppContext context, AlignViewModel align) {
        this.context = context;
        this.store = new ExperimentStore(context.workspace());
        this.slot = new WorkSlot(context, message::set);
        this.listLoad = new LatestTask<>(context);
        this.cellsLoad = new LatestTask<>(context);
        this.openLoad = new LatestTask<>(context);
        this.grid = new GridForm(context, align, experiments, created -> {
            message.set("Created experiment '" + created.name() + "'. Run starts its cells; Esc stops after the current step.");
            refresh(created.id());
        }, message::set);
        selected.addListener((obs, old, row) -> {
            if (row == null || old == null || row.experiment().id() != old.experiment().id()) {
                cellsLoad.drop();
                cells.clear();
                points.clear();
                remaining.set("");
                remainingBasis.set("");
            }
            loadSelected();
        });
        // the live cell's stored status and alignment run change as its work goes from one phase to the next
        slot.phaseProperty().addListener((obs, old, phase) -> {
            if (isLive(selected.get()) && !phase.isEmpty()) {
                loadSelected();
            }
        });
        canRun = Bindings.createBooleanBinding(() -> selected.get() != null && !selected.get().started() && !slot.workingProperty().get(),
                selected, slot.workingProperty());
        canResume = Bindings.createBooleanBinding(() -> selected.get() != null && selected.get().resumable() && !slot.workingProperty().get(),
                selected, slot.workingProperty());
    }

    // ---- the experiments and the selected one's cells -----------------------------------------------------------

    /** Reads the experiments again, keeping the selected one (F5, and after another process changed the workspace). */
    public void refresh() {
        refresh(-1);
    }

    /** Reads the experiments again and selects experiment {@code selectId} (-1: keep the selection, else the newest). */
    public void refresh(long selectId) {
        listLoad.start(() -> store.list().reversed().stream().map(e -> ExperimentRow.of(e, store.cells(e.id()))).toList(), rows -> {
            experiments.setAll(rows);
            long keep = selectId >= 0 ? selectId : selected.get() != null ? selected.get().experiment().id() : -1;
            selected.set(rows.stream().filter(r -> r.experiment().id() == keep).findFirst().orElse(rows.isEmpty() ? null : rows.getFirst()));
        }, e -> message.set(Messages.readable("Reading the experiments", e)));
    }

    /** The selected experiment's cells, its numbers per grid point and the estimate of its unfinished cells. */
    private record Loaded(List<ExperimentStore.Cell> cells, List<ExperimentResults.Point> points, String remaining, String basis) {

        static Loaded read(Workspace workspace, ExperimentStore store, long experimentId) {
            List<ExperimentStore.Cell> cells = store.cells(experimentId);
            List<ExperimentResults.Point> points = new ExperimentResults(workspace).points(cells);
            long left = cells.stream().filter(c -> c.status() != ExperimentStore.Status.done).count();
            if (left == 0) {
                return new Loaded(cells, points, "Every cell is done.", "");
            }
            String done = (cells.size() - left) + " of " + cells.size() + " cells done. ";
            try {
                String[] estimate = WallTimeEstimate.of(workspace, cells).describe().split("\n", 2);
                return new Loaded(cells, points, done + Character.toUpperCase(estimate[0].charAt(0)) + estimate[0].substring(1) + ".",
                        estimate.length > 1 ? estimate[1].strip() : "");
            } catch (IllegalArgumentException e) {
                return new Loaded(cells, points, done + "No estimate of the time left: " + e.getMessage() + ".", "");
            }
        }
    }

    private void loadSelected() {
        ExperimentRow row = selected.get();
        if (row == null) {
            return;
        }
        long id = row.experiment().id();
        cellsLoad.start(() -> Loaded.read(context.workspace(), store, id), loaded -> {
            cells.setAll(loaded.cells());
            points.setAll(loaded.points());
            remaining.set(loaded.remaining());
            remainingBasis.set(loaded.basis());
        }, e -> message.set(Messages.readable("Reading the cells of experiment '" + row.name() + "'", e)));
    }

    // ---- running -------------------------------------------------------------------------------------------------

    /** Runs the selected experiment's cells in order; it must not have started (else {@link #resume()}). */
    public Task<ExperimentRunner.Outcome> run() {
        return execute(false);
    }

    /** Continues the selected experiment after a cancel, a failure or a crash; finished cells are not run again. */
    public Task<ExperimentRunner.Outcome> resume() {
        return execute(true);
    }

    private Task<ExperimentRunner.Outcome> execute(boolean continuing) {
        ExperimentRow row = selected.get();
        if (row == null) {
            message.set("Select an experiment, or create one.");
            return null;
        }
        String name = row.name();
        long id = row.experiment().id();
        return slot.begin((continuing ? "Resuming" : "Running") + " experiment " + name, progress -> {
            Platform.runLater(() -> liveExperimentId = id);
            return new ExperimentRunner(context.workspace(), context.retrievers()).run(name, continuing, progress, new ExperimentRunner.Listener() {
                @Override
                public void started(ExperimentStore.Cell cell, int position, int total) {
                    Platform.runLater(() -> {
                        liveCellId = cell.id();
                        runningCell.set(cell.ordinal());
                        queue.set(String.format(Locale.ROOT, "Cell %d of %d: %s, seed %d, %s.", position, total, cell.point(), cell.seed(),
                                cell.plan().align() == null ? "the base model rewrites" : "aligning, then rewriting"));
                        refreshLive();
                    });
                }

                @Override
                public void finished(ExperimentStore.Cell cell, int position, int total) {
                    Platform.runLater(ExperimentsViewModel.this::refreshLive);
                }
            });
        }, outcome -> message.set(String.format(Locale.ROOT, "Experiment '%s': ran %s; %d were done already. Its numbers are in the chart.",
                name, Plurals.count(outcome.ran(), "cell", "cells"), outcome.alreadyDone())), cancelled -> {
            liveExperimentId = -1;
            liveCellId = -1;
            runningCell.set(-1);
            queue.set("");
            refresh();
            grid.replan();
            if (cancelled) {
                message.set("Experiment '" + name + "' cancelled; its finished cells are kept, and Resume continues with the others.");
            }
        });
    }

    /** After a cell starts or ends: the list's counts and, when the live experiment is shown, its cells and numbers. */
    private void refreshLive() {
        refresh();
        if (isLive(selected.get())) {
            loadSelected();
        }
    }

    /** Asks the running experiment to stop at its next step; the cell is stored as cancelled. */
    public void cancel() {
        slot.cancel();
    }

    private boolean isLive(ExperimentRow row) {
        return row != null && slot.workingProperty().get() && row.experiment().id() == liveExperimentId;
    }

    /** What the cells table says of a cell: the live phase of the cell running now ({@link CellStatus}). */
    public String status(ExperimentStore.Cell cell) {
        return CellStatus.of(cell, slot.workingProperty().get() && cell.id() == liveCellId, slot.phaseProperty().get());
    }

    /** What the experiments list says of an experiment: its done cells, and "running" for the one running now. */
    public String state(ExperimentRow row) {
        return row.done() + "/" + row.cells() + " · " + (isLive(row) ? "running" : row.state());
    }

    // ---- opening a cell in Results -------------------------------------------------------------------------------

    /**
     * Opens a done cell's rewrite evaluation in Results: its original queries against its rewrites, or against the
     * fusion when {@code system} is {@code fusion}.
     */
    public void open(ExperimentStore.Cell cell, String system) {
        if (cell == null || cell.rewriteEvalId() == null) {
            message.set(cell == null ? "Select a done cell to open its evaluation." : "Cell " + (cell.ordinal() + 1)
                    + " has no evaluation yet: run it first.");
            return;
        }
        long evalId = cell.rewriteEvalId();
        boolean fusion = "fusion".equals(system);
        openLoad.start(() -> {
            RewriteEvaluationStore.Link link = new RewriteEvaluationStore(context.workspace()).list().stream()
                    .filter(l -> l.id() == evalId).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the rewrite evaluation of cell " + (cell.ordinal() + 1) + " is gone"));
            EvalRunStore runs = new EvalRunStore(context.workspace());
            return new EvalRun[] {runs.require(link.originalRunId()), runs.require(fusion ? link.fusionRunId() : link.rewriteRunId())};
        }, pair -> {
            message.set(String.format(Locale.ROOT, "Cell %d (%s, seed %d) opened in Results: the original queries against the %s.",
                    cell.ordinal() + 1, cell.point(), cell.seed(), fusion ? "fusion" : "rewrites"));
            onOpen.accept(pair[0], pair[1]);
        }, e -> message.set(Messages.readable("Opening cell " + (cell.ordinal() + 1), e)));
    }

    /** Opens the first done cell of a grid point (its first seed), as a click on the chart does. */
    public void open(String point, String system) {
        Optional<ExperimentStore.Cell> cell = cells.stream()
                .filter(c -> c.point().equals(point) && c.status() == ExperimentStore.Status.done).findFirst();
        if (cell.isEmpty()) {
            message.set("No cell of " + point + " is done yet.");
            return;
        }
        open(cell.get(), system);
    }

    /** Called on the FX thread with the runs to compare when a cell is opened: the window shows them in Results. */
    public void setOnOpen(BiConsumer<EvalRun, EvalRun> listener) {
        onOpen = listener == null ? (before, after) -> { } : listener;
    }

    // ---- properties ----------------------------------------------------------------------------------------------

    /** The form that defines a new experiment. */
    public GridForm grid() {
        return grid;
    }

    /** The workspace's experiments, newest first. */
    public ObservableList<ExperimentRow> experiments() {
        return experiments;
    }

    public ObjectProperty<ExperimentRow> selectedProperty() {
        return selected;
    }

    /** The selected experiment's cells in queue order, read again as they run. */
    public ObservableList<ExperimentStore.Cell> cells() {
        return cells;
    }

    /** The selected experiment's numbers per grid point with finished cells, in queue order: what the charts draw. */
    public ObservableList<ExperimentResults.Point> points() {
        return points;
    }

    /** The metric the charts show ({@link #METRICS}). */
    public ObjectProperty<String> metricProperty() {
        return metric;
    }

    /** How many cells are done and how long the others will take, updated after each cell. */
    public ReadOnlyStringProperty remainingProperty() {
        return remaining.getReadOnlyProperty();
    }

    /** What that estimate rests on. */
    public ReadOnlyStringProperty remainingBasisProperty() {
        return remainingBasis.getReadOnlyProperty();
    }

    /** The cell running now and what it does, while an experiment runs. */
    public ReadOnlyStringProperty queueProperty() {
        return queue.getReadOnlyProperty();
    }

    /** The ordinal of the cell running now; -1 when none runs. */
    public ReadOnlyIntegerProperty runningCellProperty() {
        return runningCell.getReadOnlyProperty();
    }

    public BooleanBinding canRunBinding() {
        return canRun;
    }

    public BooleanBinding canResumeBinding() {
        return canResume;
    }

    /** The running work, for its progress and progress line. */
    public ReadOnlyObjectProperty<Task<?>> workProperty() {
        return slot.workProperty();
    }

    /** True from Run or Resume until the queue has really stopped. */
    public ReadOnlyBooleanProperty workingProperty() {
        return slot.workingProperty();
    }

    /** What the running cell does now ("sampling", "training", "evaluating"); empty when idle. */
    public ReadOnlyStringProperty phaseProperty() {
        return slot.phaseProperty();
    }

    /** What happened last, or what to fix, in a sentence. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
