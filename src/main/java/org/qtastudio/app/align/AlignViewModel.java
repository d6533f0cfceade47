package org.qtastudio.app.align;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.qtastudio.align.AlignSettings;
import org.qtastudio.align.AlignStore;
import org.qtastudio.align.QtaAligner;
import org.qtastudio.align.StoredPair;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.LatestTask;
import org.qtastudio.app.Messages;
import org.qtastudio.app.WorkSlot;
import org.qtastudio.app.baselines.RetrieverKind;
import org.qtastudio.app.baselines.RetrieverSettings;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.Split;
import org.qtastudio.common.Json;
import org.qtastudio.common.Plurals;
import org.qtastudio.retrieval.RetrieverSpec;

/**
 * State of the Align screen, in parts a reader can take one at a time:
 * <ul>
 *   <li>{@link ModelSource}: the model folder or hub download, the device and its memory;</li>
 *   <li>this class: the QTA settings, starting and resuming runs, the catalog's runs with their live status, and the
 *       selected run's training steps as they arrive;</li>
 *   <li>{@link PairReview}: the selected run's preference pairs and their review;</li>
 *   <li>{@link RunEvaluation}: "Evaluate on <split>" for a completed run;</li>
 *   <li>{@link WorkSlot}: the one slot for long work that all of them share (progress, cancel, {@link org.qtastudio.app.ProgressLine}).</li>
 * </ul>
 * Start is possible only while {@link #startProblemProperty()} is empty; it says what to fix.
 */
public final class AlignViewModel {

    private static final Comparator<AlignStore.Step> STEP_ORDER =
            Comparator.comparingInt(AlignStore.Step::round).thenComparingInt(AlignStore.Step::step);

    private final AppContext context;
    private final AlignStore store;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final WorkSlot slot;
    private final ModelSource model;
    private final PairReview review;
    private final RunEvaluation evaluation;
    private final AlignSettingsForm form = new AlignSettingsForm();
    /** Only its retriever kind is offered here; each kind runs with the Baselines screen's defaults. */
    private final RetrieverSettings retriever = new RetrieverSettings();
    private final ObjectProperty<Catalog> catalog = new SimpleObjectProperty<>();
    private final ObjectProperty<Split> split = new SimpleObjectProperty<>(Split.TRAIN);
    private final ObservableList<AlignStore.AlignRun> runs = FXCollections.observableArrayList();
    private final ObjectProperty<AlignStore.AlignRun> selectedRun = new SimpleObjectProperty<>();
    private final ObservableList<AlignStore.Step> steps = FXCollections.observableArrayList();
    private final ObjectProperty<AlignStore.AlignRun> overlayRun = new SimpleObjectProperty<>();
    private final ObservableList<AlignStore.Step> overlaySteps = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper runState = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper runSettings = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper startProblem = new ReadOnlyStringWrapper("");
    private final BooleanBinding canResume;
    /** The run the running work executes, whose steps arrive live; -1 when none. Read and written on the FX thread. */
    private long liveRunId = -1;
    private final Queue<AlignStore.Step> arrivedSteps = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainPosted = new AtomicBoolean();
    private final LatestTask<LoadedRuns> runsLoad;
    /** Each listed run's settings line and completion summary, read from its stored JSON off the FX thread. */
    private Map<Long, RunTexts> runTexts = Map.of();
    private final LatestTask<List<AlignStore.Step>> stepsLoad;
    private final LatestTask<List<AlignStore.Step>> overlayLoad;

    public AlignViewModel(AppContext context) {
        this.context = context;
        this.store = new AlignStore(context.workspace());
        this.runsLoad = new LatestTask<>(context);
        this.stepsLoad = new LatestTask<>(context);
        this.overlayLoad = new LatestTask<>(context);
        this.slot = new WorkSlot(context, message::set);
        this.model = new ModelSource(context, slot, message::set);
        this.review = new PairReview(context, store, message::set, selectedRun, () -> isLive(selectedRun.get()));
        this.evaluation = new RunEvaluation(context, slot, message::set, selectedRun, catalog);
        catalog.addListener((obs, old, c) -> {
            selectedRun.set(null);
            refreshRuns(-1);
        });
        selectedRun.addListener((obs, old, run) -> {
            if (run == null || old == null || run.id() != old.id()) {
                review.load(run);
                loadSteps(run);
            } else if (run.status() != old.status() || run.round() != old.round()) {
                review.load(run);
            }
            updateRunState();
        });
        slot.workingProperty().addListener((obs, old, busy) -> updateRunState());
        overlayRun.addListener((obs, old, run) -> loadOverlay(run));
        // the stored status follows the work's phase: a run that has sampled shows its pairs while it trains
        slot.phaseProperty().addListener((obs, old, phase) -> {
            if (liveRunId >= 0 && !phase.isEmpty()) {
                refreshRuns(liveRunId);
            }
        });
        canResume = Bindings.createBooleanBinding(() -> selectedRun.get() != null && !slot.workingProperty().get()
                && selectedRun.get().status() != AlignStore.Status.completed, selectedRun, slot.workingProperty());
        List<Observable> inputs = new ArrayList<>(List.of(catalog, split, model.modelDirProperty(), model.usableProperty(),
                model.modelInfoProperty(), model.deviceProperty(), slot.workingProperty(), form.instructionProperty()));
        form.fields().forEach(f -> inputs.add(f.text()));
        inputs.forEach(o -> o.addListener(x -> updateStartProblem()));
        updateStartProblem();
    }

    // ---- starting and resuming ---------------------------------------------------------------------------------

    /** Why Start cannot run now, in a sentence; empty when it can. */
    static String startProblem(Catalog catalog, String modelDir, boolean modelUsable, String modelInfo, boolean working,
                               AlignSettingsForm form) {
        if (working) {
            return "Work is running: wait for it or cancel it (Esc).";
        }
        if (catalog == null) {
            return "Choose a catalog whose training queries have gold tools.";
        }
        if (modelDir == null || modelDir.isBlank()) {
            return "Choose a model folder, or download a model from the hub.";
        }
        if (!modelUsable) {
            return modelInfo == null || modelInfo.isBlank() || modelInfo.startsWith("Choose") ? "Reading the model folder…"
                    : "The model folder cannot be used: " + modelInfo;
        }
        try {
            form.toSettings();
        } catch (IllegalArgumentException e) {
            return "Check the settings: " + e.getMessage() + ".";
        }
        return "";
    }

    private void updateStartProblem() {
        startProblem.set(startProblem(catalog.get(), model.modelDirProperty().get(), model.usableProperty().get(),
                model.modelInfoProperty().get(), slot.workingProperty().get(), form));
    }

    /** Starts a new run on the selected catalog with the model, device and settings of the form. */
    public Task<QtaAligner.Summary> start() {
        updateStartProblem();
        if (!startProblem.get().isEmpty()) {
            message.set(startProblem.get());
            return null;
        }
        QtaAligner.Request request;
        try {
            request = new QtaAligner.Request(catalog.get().name(), split.get(),
                    Path.of(model.modelDirProperty().get().strip()).toAbsolutePath().toString(), model.deviceProperty().get().strip(),
                    model.dtypeProperty().get(), retriever.toSpec(), form.toSettings());
        } catch (IllegalArgumentException e) {
            message.set("Check the settings: " + e.getMessage() + ".");
            return null;
        }
        return align(-1, request);
    }

    /** Continues the selected run (created, cancelled, failed, killed, or waiting for review) from where it stopped. */
    public Task<QtaAligner.Summary> resume() {
        AlignStore.AlignRun run = selectedRun.get();
        if (run == null || run.status() == AlignStore.Status.completed) {
            message.set(run == null ? "Select a run to resume." : "Run #" + run.id() + " is already completed.");
            return null;
        }
        return align(run.id(), null);
    }

    /** Executes run {@code runId}, or creates one for {@code request} when the id is -1; its steps arrive live. */
    private Task<QtaAligner.Summary> align(long runId, QtaAligner.Request request) {
        AtomicLong id = new AtomicLong(runId);
        return slot.begin(runId < 0 ? "Aligning on " + request.catalog() : "Resuming run #" + runId, progress -> {
            awaitReviewWrites();
            QtaAligner aligner = new QtaAligner(context.workspace(), context.retrievers());
            aligner.onStep(this::stepArrived);
            if (runId < 0) {
                check(request);
                id.set(aligner.create(request));
            }
            Platform.runLater(() -> {
                // before any step of the run can arrive: those are drained by later FX events
                liveRunId = id.get();
                refreshRuns(id.get());
                updateRunState();
            });
            return aligner.resume(id.get(), progress);
        }, summary -> message.set(describe(summary) + (summary.adapter() == null ? "" : " Adapter: " + summary.adapter() + ".")),
                cancelled -> {
            liveRunId = -1;
            if (id.get() >= 0) {
                refreshRuns(id.get());
                if (cancelled) {
                    message.set("Run #" + id.get() + " cancelled. Resume continues from its last checkpoint.");
                }
            }
        });
    }

    /** Refuses a request that cannot run (device, training queries) before a run is created for it. */
    private void check(QtaAligner.Request request) {
        request.runtime();
        Catalog c = context.catalogs().require(request.catalog());
        if (context.catalogs().queries(c.id(), request.trainSplit()).stream().allMatch(q -> q.gold().isEmpty())) {
            throw new IllegalArgumentException("catalog " + c.name() + " has no " + request.trainSplit().id()
                    + " queries with gold tools: annotate a few on the Annotate screen first");
        }
    }

    /** Review edits are written in order on the workspace's write thread: a run resumes only once they are stored. */
    private void awaitReviewWrites() throws InterruptedException {
        CountDownLatch written = new CountDownLatch(1);
        context.write(written::countDown, e -> { });
        written.await();
    }

    /** Asks the running work (run, download or evaluation) to stop at its next step. */
    public void cancel() {
        slot.cancel();
    }

    // ---- runs and live steps -----------------------------------------------------------------------------------

    /** Reloads the catalog's runs and selects run {@code selectId} (-1: keep the selected run, else the newest). */
    public void refreshRuns(long selectId) {
        Catalog c = catalog.get();
        runsLoad.start(() -> LoadedRuns.of(c == null ? List.of() : store.runs(c.id())), loaded -> {
            runTexts = loaded.texts();
            runs.setAll(loaded.runs());
            long keep = selectId >= 0 ? selectId : selectedRun.get() != null ? selectedRun.get().id() : -1;
            selectedRun.set(runs.stream().filter(r -> r.id() == keep).findFirst().orElse(runs.isEmpty() ? null : runs.getFirst()));
        }, e -> message.set(Messages.readable("Reading the alignment runs", e)));
    }

    /** Whether {@code run} is the one the screen executes now. */
    private boolean isLive(AlignStore.AlignRun run) {
        return run != null && slot.workingProperty().get() && liveRunId == run.id();
    }

    /** The status the runs table shows for {@code run}: the live phase of the run executing now ({@link RunStatus}). */
    public String status(AlignStore.AlignRun run) {
        return RunStatus.of(run, isLive(run), slot.phaseProperty().get());
    }

    /** Loads a run's recorded steps, keeping live steps that arrived meanwhile and are newer than the stored ones. */
    private void loadSteps(AlignStore.AlignRun run) {
        stepsLoad.drop();
        steps.clear();
        if (run == null) {
            return;
        }
        stepsLoad.start(() -> store.steps(run.id()), stored -> {
            List<AlignStore.Step> merged = new ArrayList<>(stored);
            steps.stream().filter(s -> merged.isEmpty() || STEP_ORDER.compare(s, merged.getLast()) > 0).forEach(merged::add);
            steps.setAll(merged);
        }, e -> message.set(Messages.readable("Reading the steps of run #" + run.id(), e)));
    }

    /** Loads the steps of the run whose curves are overlaid on the selected run's, or none. */
    private void loadOverlay(AlignStore.AlignRun run) {
        overlayLoad.drop();
        overlaySteps.clear();
        if (run == null) {
            return;
        }
        overlayLoad.start(() -> store.steps(run.id()), overlaySteps::setAll,
                e -> message.set(Messages.readable("Reading the steps of run #" + run.id(), e)));
    }

    /** On the training thread: queues the step and drains the queue on the FX thread in batches. */
    private void stepArrived(AlignStore.Step step) {
        arrivedSteps.add(step);
        if (drainPosted.compareAndSet(false, true)) {
            Platform.runLater(this::drainSteps);
        }
    }

    private void drainSteps() {
        drainPosted.set(false);
        AlignStore.AlignRun shown = selectedRun.get();
        for (AlignStore.Step s = arrivedSteps.poll(); s != null; s = arrivedSteps.poll()) {
            if (shown != null && shown.id() == liveRunId) {
                putStep(s);
            }
        }
    }

    /**
     * Appends a live step. A resumed run logs again the steps after its last checkpoint (the store drops and
     * replaces them), so a step at or before the last one shown replaces it and everything after it.
     */
    private void putStep(AlignStore.Step s) {
        int from = steps.size();
        while (from > 0 && STEP_ORDER.compare(steps.get(from - 1), s) >= 0) {
            from--;
        }
        if (from < steps.size()) {
            steps.remove(from, steps.size());
        }
        steps.add(s);
    }

    // ---- what the screen says ----------------------------------------------------------------------------------

    private void updateRunState() {
        AlignStore.AlignRun run = selectedRun.get();
        RunTexts listed = run == null ? null : runTexts.get(run.id());
        RunTexts texts = listed != null || run == null ? listed : RunTexts.of(run); // parsed here only for a run not listed
        runState.set(run == null ? "" : state(run, texts));
        runSettings.set(run == null ? "" : texts.settings());
    }

    /** The runs of a catalog with their texts. */
    private record LoadedRuns(List<AlignStore.AlignRun> runs, Map<Long, RunTexts> texts) {
        static LoadedRuns of(List<AlignStore.AlignRun> runs) {
            return new LoadedRuns(runs, runs.stream().collect(Collectors.toUnmodifiableMap(AlignStore.AlignRun::id, RunTexts::of)));
        }
    }

    /** What the screen says about a run from its stored JSON; parsing it on the FX thread cost a frame per refresh. */
    private record RunTexts(String settings, String completed) {
        static RunTexts of(AlignStore.AlignRun run) {
            return new RunTexts(settingsLine(run), run.status() == AlignStore.Status.completed ? completedLine(run) : "");
        }
    }

    private String state(AlignStore.AlignRun run, RunTexts texts) {
        String id = "Run #" + run.id();
        if (isLive(run)) {
            return id + " is running; Esc cancels it after the current step, and Resume continues it later.";
        }
        return switch (run.status()) {
            case review -> id + " waits for your review: in the pairs table A accepts, R rejects, U resets, E edits the "
                    + "highlighted pair (pending pairs train too, rejected ones never). Then Resume trains.";
            case cancelled -> id + " was cancelled. Resume continues from its last checkpoint.";
            case failed -> id + " failed: " + run.error() + ". Fix the cause, then Resume, or start a new run.";
            case completed -> texts.completed();
            case created, sampling, training -> id + " stopped while " + run.status() + " (the program was closed). "
                    + "Resume continues from its last checkpoint.";
        };
    }

    private static String completedLine(AlignStore.AlignRun run) {
        try {
            return describe(Json.read(run.summaryJson(), new TypeReference<QtaAligner.Summary>() { }));
        } catch (RuntimeException e) {
            return "Run #" + run.id() + " completed.";
        }
    }

    private static String describe(QtaAligner.Summary s) {
        if ("review".equals(s.status())) {
            return String.format(Locale.ROOT, "Run #%d sampled %s (%s whose candidates all tied) and waits for "
                    + "your review; Resume trains.", s.runId(), Plurals.count(s.pairs(), "pair", "pairs"),
                    Plurals.count(s.tiedQueries(), "query", "queries"));
        }
        return String.format(Locale.ROOT, "Run #%d completed: loss %.4f → %.4f (ln 2 = 0.6931), reward accuracy %.2f, "
                        + "reward margin %.4f, %d steps in %.1f s.", s.runId(), s.initialLoss(), s.finalLoss(),
                s.finalRewardAccuracy(), s.finalRewardMargin(), s.steps(), s.seconds());
    }

    /** The model and main settings a run was started with. */
    private static String settingsLine(AlignStore.AlignRun run) {
        try {
            QtaAligner.Request r = Json.read(run.settingsJson(), new TypeReference<QtaAligner.Request>() { });
            AlignSettings s = r.settings();
            return String.format(Locale.ROOT, "Model %s on %s (%s), %s; %d rewrites per query, %d epochs, learning rate %s, "
                            + "beta %s%s.", Path.of(r.modelDir()).getFileName(), r.device(), r.dtype(), r.retriever().describe(),
                    s.samples(), s.epochs(), s.learningRate(), s.beta(), s.requireReview() ? ", review required" : "");
        } catch (RuntimeException e) {
            return "Model " + run.model() + ".";
        }
    }

    // ---- properties --------------------------------------------------------------------------------------------

    /** The model folder or hub download, and the device. */
    public ModelSource model() {
        return model;
    }

    /** The selected run's pairs and their review. */
    public PairReview review() {
        return review;
    }

    /** "Evaluate on <split>" for the selected completed run. */
    public RunEvaluation evaluation() {
        return evaluation;
    }

    public AlignSettingsForm form() {
        return form;
    }

    /** Puts the default QTA settings back into the form. */
    public void resetSettings() {
        form.load(AlignSettings.defaults());
    }

    /** The frozen retriever that ranks the candidates, with its default settings. */
    public ObjectProperty<RetrieverKind> retrieverKindProperty() {
        return retriever.kindProperty();
    }

    /** The frozen retriever as a run takes it (its kind with the Baselines screen's defaults); an error says what to fix. */
    public RetrieverSpec retrieverSpec() {
        return retriever.toSpec();
    }

    public ObjectProperty<Catalog> catalogProperty() {
        return catalog;
    }

    /** The split whose annotated queries train. */
    public ObjectProperty<Split> splitProperty() {
        return split;
    }

    /** The catalog's runs, newest first. */
    public ObservableList<AlignStore.AlignRun> runs() {
        return runs;
    }

    public ObjectProperty<AlignStore.AlignRun> selectedRunProperty() {
        return selectedRun;
    }

    /** The selected run's pairs of its current round (see {@link #review()}). */
    public ObservableList<StoredPair> pairs() {
        return review.pairs();
    }

    /** The selected run's training steps in order, growing live while it trains. */
    public ObservableList<AlignStore.Step> steps() {
        return steps;
    }

    /** Another run whose curves are drawn over the selected run's, or null. */
    public ObjectProperty<AlignStore.AlignRun> overlayRunProperty() {
        return overlayRun;
    }

    /** The steps of {@link #overlayRunProperty()}'s run. */
    public ObservableList<AlignStore.Step> overlaySteps() {
        return overlaySteps;
    }

    /** The selected run's model, device, retriever and settings, in a sentence. */
    public ReadOnlyStringProperty runSettingsProperty() {
        return runSettings.getReadOnlyProperty();
    }

    /** Where the selected run stands and what to do next. */
    public ReadOnlyStringProperty runStateProperty() {
        return runState.getReadOnlyProperty();
    }

    /** Why Start is disabled, in a sentence; empty while it is enabled. */
    public ReadOnlyStringProperty startProblemProperty() {
        return startProblem.getReadOnlyProperty();
    }

    /** The work last started (download, run or evaluation), for its progress and progress line. */
    public ReadOnlyObjectProperty<Task<?>> workProperty() {
        return slot.workProperty();
    }

    /** True from the start of long work until it has really stopped. */
    public ReadOnlyBooleanProperty workingProperty() {
        return slot.workingProperty();
    }

    /** What the running work does now ("sampling", "training", "evaluating"); empty when idle. */
    public ReadOnlyStringProperty phaseProperty() {
        return slot.phaseProperty();
    }

    public BooleanBinding canResumeBinding() {
        return canResume;
    }

    /** What happened last, or what to fix, in a sentence. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
