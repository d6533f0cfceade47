package org.qtastudio.app.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.util.Duration;
import org.qtastudio.align.AlignStore;
import org.qtastudio.app.AppContext;
import org.qtastudio.app.LatestTask;
import org.qtastudio.app.Messages;
import org.qtastudio.app.WorkSlot;
import org.qtastudio.app.baselines.RetrieverSettings;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.serve.LoggedRequest;
import org.qtastudio.serve.QueryLogStore;
import org.qtastudio.serve.ServeStats;

/**
 * State of the Serve screen: the settings ({@link ServeForm}), the server's state, the addresses it listens on, the
 * configuration it serves, its figures and the catalog's logged queries.
 *
 * <p>Start opens the tool search and its servers in the background with progress and cancel ({@link WorkSlot}; a
 * dense retriever may embed the catalog first); Stop stops them in the background. While serving, the figures and the
 * logged queries are read about once a second, off the FX thread. The servers stop with the window too: the session is
 * closed with the {@link AppContext}, before the workspace. Start is possible only while {@link #startProblemProperty()}
 * is empty; it says what to fix.
 */
public final class ServeViewModel {

    /** Where the server is in its life. */
    public enum State {
        STOPPED("Not serving"), STARTING("Starting…"), RUNNING("Serving"), STOPPING("Stopping…");

        private final String label;

        State(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The figures and the logged queries, as one read of them. */
    private record Figures(ServeStats stats, List<LoggedRequest> latest, long logged) {
    }

    /** How many logged queries the table shows at most: the latest. */
    static final int LOGGED_SHOWN = 200;
    /** How often the figures and the logged queries are read while serving. */
    private static final Duration REFRESH = Duration.seconds(1);

    private final AppContext context;
    private final QueryLogStore logStore;
    private final ServeForm form = new ServeForm();
    private final ObjectProperty<Catalog> catalog = new SimpleObjectProperty<>();
    private final ObservableList<AlignStore.AlignRun> alignRuns = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.STOPPED);
    private final ReadOnlyStringWrapper startProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper hostWarning = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper jsonApiAddress = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper mcpAddress = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper served = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper servingSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ServeStats> stats = new ReadOnlyObjectWrapper<>();
    private final ObservableList<LoggedRow> logged = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper loggedTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Catalog> loggedCatalog = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper error = new ReadOnlyBooleanWrapper();
    private final WorkSlot slot;
    /** The session serving now; also what closing the window stops. Set off the FX thread when a start succeeds. */
    private final AtomicReference<ServingSession> live = new AtomicReference<>();
    private final LatestTask<Figures> figuresLoad;
    private final LatestTask<List<AlignStore.AlignRun>> runsLoad;
    private final LatestTask<List<String>> modelsLoad;
    private final Timeline ticker = new Timeline(new KeyFrame(REFRESH, e -> tick()));
    private Consumer<Catalog> onLabel = c -> { };

    public ServeViewModel(AppContext context) {
        this.context = context;
        this.logStore = new QueryLogStore(context.workspace());
        this.slot = new WorkSlot(context, message::set);
        this.figuresLoad = new LatestTask<>(context);
        this.runsLoad = new LatestTask<>(context);
        this.modelsLoad = new LatestTask<>(context);
        ticker.setCycleCount(Animation.INDEFINITE);
        catalog.addListener((obs, old, c) -> {
            refreshRuns();
            if (state.get() == State.STOPPED) {
                refresh();
            }
        });
        form.hostProperty().addListener((obs, old, h) -> hostWarning.set(ServeForm.hostWarning(h)));
        List<javafx.beans.Observable> inputs = new ArrayList<>(form.inputs());
        inputs.add(catalog);
        inputs.forEach(o -> o.addListener(x -> {
            updateStartProblem();
            if (error.get() && state.get() == State.STOPPED) {
                info(""); // a failed start's error was about the settings as they were: the Start problem line says what now
            }
        }));
        updateStartProblem();
        context.closeBeforeWorkspace(this::closeSession);
        modelsLoad.start(() -> RetrieverSettings.embeddingModels(context.workspace()), form.retriever()::offerDenseModels,
                e -> message.set(Messages.readable("Listing the embedding models", e)));
    }

    private void updateStartProblem() {
        String problem;
        try {
            form.toPlan(catalog.get());
            problem = "";
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        startProblem.set(problem);
    }

    /**
     * Opens the tool search and starts its servers off the FX thread with progress and cancel; once they listen the
     * screen shows their addresses and figures. Returns null, saying why, when the settings are not valid or a server
     * runs already.
     */
    public Task<ServingSession> start() {
        if (state.get() != State.STOPPED) {
            info(state.get() == State.RUNNING ? "Already serving: stop first to serve other settings." : "Wait for the server to "
                    + (state.get() == State.STARTING ? "start, or cancel it (Esc)." : "stop."));
            return null;
        }
        ServePlan plan;
        try {
            plan = form.toPlan(catalog.get());
        } catch (IllegalArgumentException e) {
            error(e.getMessage());
            return null;
        }
        error.set(false);
        stats.set(null);
        served.set("");
        state.set(State.STARTING);
        return slot.begin("Starting the tool search server", progress -> {
            ServingSession session = ServingSession.start(context.workspace(), plan, progress);
            live.set(session);
            return session;
        }, session -> { }, this::startEnded);
    }

    /** On the FX thread once the start has really ended: serving, or not and why (the slot reports a failure). */
    private void startEnded(boolean cancelled) {
        ServingSession session = cancelled ? live.getAndSet(null) : live.get();
        if (session != null && !cancelled) {
            state.set(State.RUNNING);
            jsonApiAddress.set(session.jsonApiAddress() == null ? "" : session.jsonApiAddress().toString());
            mcpAddress.set(session.mcpAddress() == null ? "" : session.mcpAddress().toString());
            served.set(session.search().describe());
            servingSummary.set("Serving " + session.search().catalog().name());
            info("Serving: agents can search the tools now" + (session.search().logsQueries()
                    ? "; every query is logged." : "; queries are not logged."));
            ticker.play();
            refresh();
            return;
        }
        if (session != null) {
            // cancelled just as the servers came up: they stop again
            stopInBackground(session, "Stopping the cancelled start");
        }
        state.set(State.STOPPED);
        if (cancelled) {
            info("Start cancelled: nothing is served.");
        } else {
            error.set(true); // the slot's failure message follows
        }
    }

    /** Stops the servers and closes the tool search off the FX thread; the final figures stay on screen. */
    public Task<ServeStats> stop() {
        if (state.get() != State.RUNNING) {
            return null;
        }
        ServingSession session = live.getAndSet(null);
        ticker.stop();
        state.set(State.STOPPING);
        info("Stopping the servers…");
        Task<ServeStats> task = stopInBackground(session, "Stopping the tool search server");
        task.setOnSucceeded(e -> {
            ServeStats last = task.getValue();
            stopped();
            stats.set(last);
            info(String.format(Locale.ROOT, "Stopped after %,d requests (%,d errors, %,d without the rewriter); latency p50 %.2f ms, "
                    + "p99 %.2f ms.", last.requests(), last.errors(), last.fallbacks(), last.p50Millis(), last.p99Millis()));
        });
        task.setOnFailed(e -> {
            stopped();
            error(Messages.readable("Stopping the server", task.getException()));
        });
        return task;
    }

    private Task<ServeStats> stopInBackground(ServingSession session, String doing) {
        Task<ServeStats> task = new Task<>() {
            @Override
            protected ServeStats call() {
                updateTitle(doing);
                session.close();
                return session.search().stats();
            }
        };
        return context.run(task);
    }

    private void stopped() {
        state.set(State.STOPPED);
        jsonApiAddress.set("");
        mcpAddress.set("");
        servingSummary.set("");
        refresh(); // the queries the log stored while stopping
    }

    /** Asks the start in progress to stop at its next step (Esc). */
    public void cancel() {
        slot.cancel();
    }

    /** Closes the serving session now, on the calling thread: what closing the window (the context) does. */
    private void closeSession() {
        ServingSession session = live.getAndSet(null);
        if (session != null) {
            session.close();
        }
    }

    /** Once a second while serving; nothing once the session is gone (the window's context closed it). */
    private void tick() {
        if (live.get() == null) {
            ticker.stop();
        } else {
            refresh();
        }
    }

    /**
     * Reads the figures (while serving) and the latest logged queries of the catalog served, or else of the selected
     * one, off the FX thread. Called about once a second while serving.
     */
    public Task<?> refresh() {
        ServingSession session = state.get() == State.RUNNING ? live.get() : null;
        Catalog c = session != null ? session.search().catalog() : catalog.get();
        return figuresLoad.start(() -> new Figures(session == null ? null : session.search().stats(),
                        c == null ? List.of() : logStore.recent(c.id(), LOGGED_SHOWN), c == null ? 0 : logStore.count(c.id())),
                f -> show(f, c, session), e -> message.set(Messages.readable("Reading the served queries", e)));
    }

    private void show(Figures f, Catalog c, ServingSession session) {
        if (f.stats() != null) {
            stats.set(f.stats());
        }
        logged.setAll(f.latest().stream().map(LoggedRow::of).toList());
        loggedCatalog.set(f.logged() == 0 ? null : c);
        String title = c == null ? "Logged queries" : f.logged() == 0 ? "No logged queries of " + c.name()
                : f.logged() <= f.latest().size() ? String.format(Locale.ROOT, "Logged queries of %s: %,d, newest first", c.name(), f.logged())
                : String.format(Locale.ROOT, "Logged queries of %s: the latest %,d of %,d", c.name(), f.latest().size(), f.logged());
        if (session != null && !session.search().logsQueries()) {
            title += " (this server does not log)";
        }
        loggedTitle.set(title);
    }

    /** The completed alignment runs of the selected catalog, whose rewriters can be served; null first (none). */
    private void refreshRuns() {
        Catalog c = catalog.get();
        AlignStore store = new AlignStore(context.workspace());
        runsLoad.start(() -> c == null ? List.of() : store.runs(c.id()).stream().filter(r -> r.status() == AlignStore.Status.completed).toList(),
                runs -> {
                    AlignStore.AlignRun chosen = form.alignRunProperty().get();
                    List<AlignStore.AlignRun> items = new ArrayList<>();
                    items.add(null);
                    items.addAll(runs);
                    alignRuns.setAll(items);
                    form.alignRunProperty().set(chosen == null ? null : runs.stream().filter(r -> r.id() == chosen.id()).findFirst().orElse(null));
                }, e -> message.set(Messages.readable("Reading the alignment runs", e)));
    }

    /** What "Label in Annotate" does: the window opens the Annotate screen on the catalog's unlabelled queries. */
    public void setOnLabel(Consumer<Catalog> onLabel) {
        this.onLabel = onLabel;
    }

    /** Opens the Annotate screen on the logged catalog's unlabelled queries, the served ones among them. */
    public void labelLoggedQueries() {
        Catalog c = loggedCatalog.get();
        if (c == null) {
            info("No logged queries to label yet.");
            return;
        }
        onLabel.accept(c);
    }

    /** Reads the workspace again (F5, or the command line changed it): alignment runs and logged queries. */
    public void reload() {
        refreshRuns();
        refresh();
    }

    private void info(String text) {
        error.set(false);
        message.set(text);
    }

    private void error(String text) {
        error.set(true);
        message.set(text);
    }

    public ServeForm form() {
        return form;
    }

    public ObjectProperty<Catalog> catalogProperty() {
        return catalog;
    }

    /** The alignment runs the rewriter choice offers: null (none), then the catalog's completed runs, newest first. */
    public ObservableList<AlignStore.AlignRun> alignRuns() {
        return alignRuns;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Why Start cannot run with these settings, in a sentence; empty when it can. */
    public ReadOnlyStringProperty startProblemProperty() {
        return startProblem.getReadOnlyProperty();
    }

    /** What listening on the typed host exposes; empty for this machine alone. */
    public ReadOnlyStringProperty hostWarningProperty() {
        return hostWarning.getReadOnlyProperty();
    }

    /** Where the JSON API listens while serving, e.g. {@code http://127.0.0.1:8765/}; empty otherwise. */
    public ReadOnlyStringProperty jsonApiAddressProperty() {
        return jsonApiAddress.getReadOnlyProperty();
    }

    /** Where the MCP endpoint listens while serving, e.g. {@code http://127.0.0.1:8766/mcp}; empty otherwise. */
    public ReadOnlyStringProperty mcpAddressProperty() {
        return mcpAddress.getReadOnlyProperty();
    }

    /** The configuration served ({@link org.qtastudio.serve.ToolSearch#describe()}), kept after a stop. */
    public ReadOnlyStringProperty servedProperty() {
        return served.getReadOnlyProperty();
    }

    /** "Serving CATALOG" while serving, for the window's status bar; empty otherwise. */
    public ReadOnlyStringProperty servingSummaryProperty() {
        return servingSummary.getReadOnlyProperty();
    }

    /** The served search's figures, read about once a second while serving; the last ones after a stop; null before. */
    public ReadOnlyObjectProperty<ServeStats> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    /** The latest logged queries of the catalog served (or selected), newest first. */
    public ObservableList<LoggedRow> logged() {
        return logged;
    }

    public ReadOnlyStringProperty loggedTitleProperty() {
        return loggedTitle.getReadOnlyProperty();
    }

    /** The catalog whose logged queries are listed, or null when none are. */
    public ReadOnlyObjectProperty<Catalog> loggedCatalogProperty() {
        return loggedCatalog.getReadOnlyProperty();
    }

    /** The start in progress, for its progress bar and progress line. */
    public ReadOnlyObjectProperty<Task<?>> workProperty() {
        return slot.workProperty();
    }

    /** True from Start until the start has really ended (serving, failed or cancelled). */
    public ReadOnlyBooleanProperty workingProperty() {
        return slot.workingProperty();
    }

    /** What happened last, or what to fix, in a sentence. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True while {@link #messageProperty()} reports a failure. */
    public ReadOnlyBooleanProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
