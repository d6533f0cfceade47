package org.qtastudio.app.align;

import com.fasterxml.jackson.core.type.TypeReference;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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
import org.qtastudio.align.AlignSettings;
import org.qtastudio.align.AlignStore;
import org.qtastudio.align.QtaAligner;
import org.qtastudio.align.StoredPair;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.Messages;
import org.qtastudio.app.TaskProgress;
import org.qtastudio.app.baselines.RetrieverKind;
import org.qtastudio.app.baselines.RetrieverSettings;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.Split;
import org.qtastudio.common.Json;
import org.qtastudio.common.Progress;
import org.qtastudio.lm.store.HubDownloader;
import org.qtastudio.lm.store.ModelStore;

/**
 * State of the Align screen: the model to align (a folder, or one downloaded from the hub) and the device it
 * runs on, the QTA settings, the catalog's alignment runs, and the selected run's preference pairs (under review)
 * and training steps (for the charts). Long work (a download, a run's sampling and training) runs one at a time
 * in a {@link Task}. A cancel does not interrupt the thread: the service stops at its next step and records the
 * run as cancelled, and only then does the screen say the work has stopped, so what it shows is what is stored.
 */
public final class AlignViewModel {

    /** Device settings offered; {@code gpu:N} may be typed. */
    public static final List<String> DEVICES = List.of("cpu", "auto", "gpu");
    public static final List<String> DTYPES = List.of("float32", "bfloat16", "float16");

    private static final Comparator<AlignStore.Step> STEP_ORDER =
            Comparator.comparingInt(AlignStore.Step::round).thenComparingInt(AlignStore.Step::step);

    private final AppContext context;
    private final AlignStore store;
    private final AlignSettingsForm form = new AlignSettingsForm();
    /** Only its retriever kind is offered here; each kind runs with the Baselines screen's defaults. */
    private final RetrieverSettings retriever = new RetrieverSettings();
    private final ObjectProperty<Catalog> catalog = new SimpleObjectProperty<>();
    private final ObjectProperty<Split> split = new SimpleObjectProperty<>(Split.TRAIN);
    private final StringProperty modelDir = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper modelInfo = new ReadOnlyStringWrapper("");
    private final StringProperty hubRepo = new SimpleStringProperty("Qwen/Qwen2.5-0.5B-Instruct");
    private final StringProperty hubRevision = new SimpleStringProperty("main");
    private final StringProperty hubEndpoint = new SimpleStringProperty(System.getenv("HF_ENDPOINT") == null
            || System.getenv("HF_ENDPOINT").isBlank() ? HubDownloader.DEFAULT_ENDPOINT.toString() : System.getenv("HF_ENDPOINT"));
    private final StringProperty cacheDir = new SimpleStringProperty(ModelStore.defaultCacheDir().toString());
    private final StringProperty device = new SimpleStringProperty("cpu");
    private final StringProperty dtype = new SimpleStringProperty("float32");
    private final ReadOnlyStringWrapper deviceInfo = new ReadOnlyStringWrapper("");
    private final ObservableList<AlignStore.Run> runs = FXCollections.observableArrayList();
    private final ObjectProperty<AlignStore.Run> selectedRun = new SimpleObjectProperty<>();
    private final ObservableList<StoredPair> pairs = FXCollections.observableArrayList();
    private final ObservableList<AlignStore.Step> steps = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper runState = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper pairsSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Task<?>> work = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper working = new ReadOnlyBooleanWrapper();
    private final BooleanBinding canResume;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    /** The run the running work executes, whose steps arrive live; -1 when none. Read and written on the FX thread. */
    private long liveRunId = -1;
    private final Queue<AlignStore.Step> arrivedSteps = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainPosted = new AtomicBoolean();
    private long runsGeneration;
    private long pairsGeneration;
    private long stepsGeneration;
    private long modelGeneration;
    private long deviceGeneration;

    /** Long work as the screen runs it: given the task's progress, off the FX thread. */
    private interface Work<T> {
        T run(Progress progress) throws Exception;
    }

    public AlignViewModel(AppContext context) {
        this.context = context;
        this.store = new AlignStore(context.workspace());
        catalog.addListener((obs, old, c) -> {
            selectedRun.set(null);
            refreshRuns(-1);
        });
        selectedRun.addListener((obs, old, run) -> {
            if (run == null || old == null || run.id() != old.id()) {
                loadPairs(run);
                loadSteps(run);
            } else if (run.status() != old.status() || run.round() != old.round()) {
                loadPairs(run);
            }
            updateRunState();
        });
        working.addListener((obs, old, busy) -> updateRunState());
        pairs.addListener((ListChangeListener<StoredPair>) c -> updatePairsSummary());
        modelDir.addListener((obs, old, dir) -> describeModel(dir));
        device.addListener((obs, old, d) -> describeDevice(d));
        canResume = Bindings.createBooleanBinding(() -> selectedRun.get() != null && !working.get()
                && selectedRun.get().status() != AlignStore.Status.completed, selectedRun, working);
        describeModel(modelDir.get());
        describeDevice(device.get());
    }

    // ---- long work ---------------------------------------------------------------------------------------------

    /** Starts a new run on the selected catalog with the model, device and settings of the form. */
    public Task<QtaAligner.Summary> start() {
        Catalog c = catalog.get();
        if (c == null) {
            message.set("Choose a catalog whose training queries have gold tools.");
            return null;
        }
        if (modelDir.get().isBlank()) {
            message.set("Choose a model folder, or download a model from the hub, first.");
            return null;
        }
        QtaAligner.Request request;
        try {
            request = new QtaAligner.Request(c.name(), split.get(), Path.of(modelDir.get().strip()).toAbsolutePath().toString(),
                    device.get().strip(), dtype.get(), retriever.toSpec(), form.toSettings());
        } catch (IllegalArgumentException e) {
            message.set("Check the settings: " + e.getMessage() + ".");
            return null;
        }
        return align(-1, request);
    }

    /** Continues the selected run (created, cancelled, failed, killed, or waiting for review) from where it stopped. */
    public Task<QtaAligner.Summary> resume() {
        AlignStore.Run run = selectedRun.get();
        if (run == null || run.status() == AlignStore.Status.completed) {
            message.set(run == null ? "Select a run to resume." : "Run #" + run.id() + " is already completed.");
            return null;
        }
        return align(run.id(), null);
    }

    /** Executes run {@code runId}, or creates one for {@code request} when the id is -1; its steps arrive live. */
    private Task<QtaAligner.Summary> align(long runId, QtaAligner.Request request) {
        AtomicLong id = new AtomicLong(runId);
        return begin(runId < 0 ? "Aligning on " + request.catalog() : "Resuming run #" + runId, progress -> {
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
        }, summary -> message.set(describe(summary)), cancelled -> {
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

    /** Downloads the hub model of the form into the model cache and chooses the downloaded folder. */
    public Task<Path> download() {
        String repo = hubRepo.get().strip();
        String revision = hubRevision.get().isBlank() ? "main" : hubRevision.get().strip();
        if (!repo.matches("[\\w.-]+/[\\w.-]+")) {
            message.set("Enter a hub repository id such as Qwen/Qwen2.5-0.5B-Instruct.");
            return null;
        }
        URI endpoint;
        Path cache;
        try {
            endpoint = URI.create(hubEndpoint.get().strip());
            if (!"https".equals(endpoint.getScheme()) && !"http".equals(endpoint.getScheme())) {
                throw new IllegalArgumentException("the hub address must start with https://");
            }
            cache = Path.of(cacheDir.get().strip());
        } catch (IllegalArgumentException e) {
            message.set("Check the hub settings: " + e.getMessage() + ".");
            return null;
        }
        return begin("Downloading " + repo, progress -> new ModelStore(cache, new HubDownloader(endpoint, System.getenv("HF_TOKEN"), 5))
                .download(repo, revision, progress), dir -> {
                    modelDir.set(dir.toString());
                    message.set("Downloaded " + repo + " (" + revision + ") into " + dir + ".");
                }, cancelled -> {
                    if (cancelled) {
                        message.set("Download cancelled; what arrived is kept, so downloading again resumes.");
                    }
                });
    }

    /**
     * Runs long work in the screen's one work slot with progress and cancel.
     *
     * @param succeeded on the FX thread with the result
     * @param stopped on the FX thread once the work has really stopped, whatever the outcome; true when cancelled
     */
    private <T> Task<T> begin(String doing, Work<T> body, Consumer<T> succeeded, Consumer<Boolean> stopped) {
        if (working.get()) {
            message.set("Wait for the running work to finish, or cancel it (Esc).");
            return null;
        }
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                updateTitle(doing);
                try {
                    return body.run(new TaskProgress(this::updateMessage, this::updateProgress, this::isCancelled));
                } finally {
                    Platform.runLater(() -> {
                        working.set(false);
                        stopped.accept(isCancelled());
                    });
                }
            }
        };
        task.setOnSucceeded(e -> succeeded.accept(task.getValue()));
        task.setOnFailed(e -> message.set(Messages.readable(doing, task.getException())));
        task.setOnCancelled(e -> message.set(doing + ": stopping after the current step…"));
        message.set(doing + "…");
        working.set(true);
        work.set(task);
        return context.run(task);
    }

    /** Asks the running work to stop at its next step. */
    public void cancel() {
        Task<?> task = work.get();
        if (task != null && task.isRunning()) {
            task.cancel(false);
        }
    }

    // ---- runs, pairs and steps ---------------------------------------------------------------------------------

    /** Reloads the catalog's runs and selects run {@code selectId} (-1: keep the selected run, else the newest). */
    public void refreshRuns(long selectId) {
        long generation = ++runsGeneration;
        Catalog c = catalog.get();
        Task<List<AlignStore.Run>> task = new Task<>() {
            @Override
            protected List<AlignStore.Run> call() {
                return c == null ? List.of() : store.runs(c.id());
            }
        };
        task.setOnSucceeded(e -> {
            if (generation != runsGeneration) {
                return;
            }
            runs.setAll(task.getValue());
            long keep = selectId >= 0 ? selectId : selectedRun.get() != null ? selectedRun.get().id() : -1;
            selectedRun.set(runs.stream().filter(r -> r.id() == keep).findFirst().orElse(runs.isEmpty() ? null : runs.getFirst()));
        });
        task.setOnFailed(e -> message.set(Messages.readable("Reading the alignment runs", task.getException())));
        context.run(task);
    }

    private void loadPairs(AlignStore.Run run) {
        long generation = ++pairsGeneration;
        pairs.clear();
        if (run == null) {
            return;
        }
        Task<List<StoredPair>> task = new Task<>() {
            @Override
            protected List<StoredPair> call() {
                return store.pairs(run.id(), run.round());
            }
        };
        task.setOnSucceeded(e -> {
            if (generation == pairsGeneration) {
                pairs.setAll(task.getValue());
            }
        });
        task.setOnFailed(e -> message.set(Messages.readable("Reading the pairs of run #" + run.id(), task.getException())));
        context.run(task);
    }

    /** Loads a run's recorded steps, keeping live steps that arrived meanwhile and are newer than the stored ones. */
    private void loadSteps(AlignStore.Run run) {
        long generation = ++stepsGeneration;
        steps.clear();
        if (run == null) {
            return;
        }
        Task<List<AlignStore.Step>> task = new Task<>() {
            @Override
            protected List<AlignStore.Step> call() {
                return store.steps(run.id());
            }
        };
        task.setOnSucceeded(e -> {
            if (generation == stepsGeneration) {
                List<AlignStore.Step> merged = new ArrayList<>(task.getValue());
                steps.stream().filter(s -> merged.isEmpty() || STEP_ORDER.compare(s, merged.getLast()) > 0).forEach(merged::add);
                steps.setAll(merged);
            }
        });
        task.setOnFailed(e -> message.set(Messages.readable("Reading the steps of run #" + run.id(), task.getException())));
        context.run(task);
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
        AlignStore.Run shown = selectedRun.get();
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

    // ---- review ------------------------------------------------------------------------------------------------

    /** Accepts, rejects or resets a pair; the table shows it at once and the workspace stores it in order. */
    public boolean review(StoredPair pair, StoredPair.Status status) {
        int index = indexOf(pair);
        if (index < 0 || !reviewable()) {
            return false;
        }
        pairs.set(index, new StoredPair(pair.id(), pair.round(), pair.queryKey(), pair.queryText(), pair.prompt(), pair.chosen(),
                pair.rejected(), pair.chosenScore(), pair.rejectedScore(), pair.candidates(), status, pair.edited(),
                pair.referenceChosen(), pair.referenceRejected()));
        AlignStore.Run run = selectedRun.get();
        context.write(() -> store.setPairStatus(pair.id(), status), e -> {
            message.set(Messages.readable("Saving the review", e));
            loadPairs(run);
        });
        return true;
    }

    /** Replaces a pair's chosen and rejected rewrites; the pair is marked edited once stored. */
    public void edit(StoredPair pair, String chosen, String rejected) {
        if (indexOf(pair) < 0 || !reviewable()) {
            return;
        }
        if (chosen.strip().equals(pair.chosen()) && rejected.strip().equals(pair.rejected())) {
            message.set("Nothing to save: the texts are unchanged.");
            return;
        }
        long runId = selectedRun.get().id();
        context.write(() -> {
            store.editPair(pair.id(), chosen, rejected);
            StoredPair saved = store.pairs(runId, pair.round()).stream().filter(p -> p.id() == pair.id()).findFirst().orElseThrow();
            Platform.runLater(() -> {
                int index = indexOf(saved);
                if (index >= 0) {
                    pairs.set(index, saved);
                }
                message.set("Pair of \"" + saved.queryText() + "\" saved as edited; its reference log-probabilities are "
                        + "computed again before training.");
            });
        }, e -> message.set(Messages.readable("Saving the edit", e)));
    }

    private int indexOf(StoredPair pair) {
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).id() == pair.id()) {
                return i;
            }
        }
        return -1;
    }

    private boolean reviewable() {
        AlignStore.Run run = selectedRun.get();
        if (run == null) {
            return false;
        }
        if (run.status() == AlignStore.Status.completed) {
            message.set("Run #" + run.id() + " is completed: its pairs no longer change its training. Start a new run to "
                    + "review new pairs.");
            return false;
        }
        if (working.get() && liveRunId == run.id()) {
            message.set("Run #" + run.id() + " is running: cancel it (Esc) before changing its pairs.");
            return false;
        }
        return true;
    }

    // ---- what the screen says ----------------------------------------------------------------------------------

    private void describeModel(String dir) {
        long generation = ++modelGeneration;
        if (dir == null || dir.isBlank()) {
            modelInfo.set("Choose a model folder, or download a model from the hub below.");
            return;
        }
        Task<String> task = new Task<>() {
            @Override
            protected String call() throws Exception {
                Path p = Path.of(dir.strip());
                return Files.isDirectory(p) ? ModelSummary.describe(p) + "\n" + DeviceMemory.plan(p, "float32") : "No folder " + p + ".";
            }
        };
        task.setOnSucceeded(e -> {
            if (generation == modelGeneration) {
                modelInfo.set(task.getValue());
            }
        });
        task.setOnFailed(e -> {
            if (generation == modelGeneration) {
                modelInfo.set(Messages.readable("Reading the model folder", task.getException()));
            }
        });
        context.run(task);
    }

    private void describeDevice(String setting) {
        long generation = ++deviceGeneration;
        Task<String> task = new Task<>() {
            @Override
            protected String call() {
                return DeviceMemory.describe(setting);
            }
        };
        task.setOnSucceeded(e -> {
            if (generation == deviceGeneration) {
                deviceInfo.set(task.getValue());
            }
        });
        context.run(task);
    }

    private void updatePairsSummary() {
        long accepted = pairs.stream().filter(p -> p.status() == StoredPair.Status.accepted).count();
        long rejected = pairs.stream().filter(p -> p.status() == StoredPair.Status.rejected).count();
        long edited = pairs.stream().filter(StoredPair::edited).count();
        pairsSummary.set(pairs.isEmpty() ? "" : String.format(Locale.ROOT, "%d pairs: %d accepted, %d rejected, %d pending, %d edited",
                pairs.size(), accepted, rejected, pairs.size() - accepted - rejected, edited));
    }

    private void updateRunState() {
        AlignStore.Run run = selectedRun.get();
        runState.set(run == null ? "" : state(run) + " " + settingsLine(run));
    }

    private String state(AlignStore.Run run) {
        String id = "Run #" + run.id();
        if (working.get() && liveRunId == run.id()) {
            return id + " is running; Esc cancels it after the current step, and Resume continues it later.";
        }
        return switch (run.status()) {
            case review -> id + " waits for your review: in the pairs table A accepts, R rejects, U resets, E edits the "
                    + "highlighted pair (pending pairs train too, rejected ones never). Then Resume trains.";
            case cancelled -> id + " was cancelled. Resume continues from its last checkpoint.";
            case failed -> id + " failed: " + run.error() + ". Fix the cause, then Resume, or start a new run.";
            case completed -> completed(run);
            case created, sampling, training -> id + " stopped while " + run.status() + " (the program was closed). "
                    + "Resume continues from its last checkpoint.";
        };
    }

    private static String completed(AlignStore.Run run) {
        try {
            return describe(Json.read(run.summaryJson(), new TypeReference<QtaAligner.Summary>() { }));
        } catch (RuntimeException e) {
            return "Run #" + run.id() + " completed.";
        }
    }

    private static String describe(QtaAligner.Summary s) {
        if ("review".equals(s.status())) {
            return String.format(Locale.ROOT, "Run #%d sampled %d pairs (%d queries whose candidates all tied) and waits for "
                    + "your review; Resume trains.", s.runId(), s.pairs(), s.tiedQueries());
        }
        return String.format(Locale.ROOT, "Run #%d completed: loss %.4f → %.4f (ln 2 = 0.6931), reward accuracy %.2f, "
                        + "reward margin %.4f, %d steps in %.1f s. Adapter: %s.", s.runId(), s.initialLoss(), s.finalLoss(),
                s.finalRewardAccuracy(), s.finalRewardMargin(), s.steps(), s.seconds(), s.adapter());
    }

    /** The model and main settings a run was started with. */
    private static String settingsLine(AlignStore.Run run) {
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

    public ObjectProperty<Catalog> catalogProperty() {
        return catalog;
    }

    /** The split whose annotated queries train. */
    public ObjectProperty<Split> splitProperty() {
        return split;
    }

    /** The model folder as typed or chosen. */
    public StringProperty modelDirProperty() {
        return modelDir;
    }

    /** What the model folder holds, or why it cannot be used. */
    public ReadOnlyStringProperty modelInfoProperty() {
        return modelInfo.getReadOnlyProperty();
    }

    public StringProperty hubRepoProperty() {
        return hubRepo;
    }

    public StringProperty hubRevisionProperty() {
        return hubRevision;
    }

    /** The hub's address ({@code HF_ENDPOINT} or the public hub), so a mirror can be used. */
    public StringProperty hubEndpointProperty() {
        return hubEndpoint;
    }

    /** Where downloaded models are kept. */
    public StringProperty cacheDirProperty() {
        return cacheDir;
    }

    public StringProperty deviceProperty() {
        return device;
    }

    public StringProperty dtypeProperty() {
        return dtype;
    }

    /** The device the setting means here and its memory. */
    public ReadOnlyStringProperty deviceInfoProperty() {
        return deviceInfo.getReadOnlyProperty();
    }

    /** The catalog's runs, newest first. */
    public ObservableList<AlignStore.Run> runs() {
        return runs;
    }

    public ObjectProperty<AlignStore.Run> selectedRunProperty() {
        return selectedRun;
    }

    /** The selected run's pairs of its current round. */
    public ObservableList<StoredPair> pairs() {
        return pairs;
    }

    /** The selected run's training steps in order, growing live while it trains. */
    public ObservableList<AlignStore.Step> steps() {
        return steps;
    }

    /** Where the selected run stands and what to do next. */
    public ReadOnlyStringProperty runStateProperty() {
        return runState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pairsSummaryProperty() {
        return pairsSummary.getReadOnlyProperty();
    }

    /** The work last started (download or run), for its progress and message. */
    public ReadOnlyObjectProperty<Task<?>> workProperty() {
        return work.getReadOnlyProperty();
    }

    /** True from the start of long work until it has really stopped. */
    public ReadOnlyBooleanProperty workingProperty() {
        return working.getReadOnlyProperty();
    }

    public BooleanBinding canResumeBinding() {
        return canResume;
    }

    /** What happened last, or what to fix, in a sentence. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
