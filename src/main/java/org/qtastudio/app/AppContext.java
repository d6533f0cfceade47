package org.qtastudio.app;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.concurrent.Task;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;
import org.slf4j.LoggerFactory;

/**
 * What the views share: the open workspace, its services, and the pool that runs their work off the FX
 * thread. Views get it from {@link StudioApp}; tests build one around a temporary workspace.
 */
public final class AppContext implements AutoCloseable {

    /** How long closing waits for cancelled work to reach its next step before interrupting it. */
    private static final int STOP_WAIT_SECONDS = 30;

    private final Workspace workspace;
    private final CatalogStore catalogs;
    private final Retrievers retrievers;
    private final ExecutorService background;
    private final TaskRunner runner;
    private WorkspaceWatcher watcher;
    private final Set<Task<?>> tasks = ConcurrentHashMap.newKeySet();
    private final List<java.util.function.Consumer<Task<?>>> taskListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closedBeforeWorkspace = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ExecutorService writes = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "qta-writes");
        t.setDaemon(true);
        return t;
    });

    /** A context whose tasks run on a pool of background threads: the application's. */
    public AppContext(Workspace workspace) {
        this(workspace, null);
    }

    /**
     * A context whose tasks run with {@code runner}, e.g. {@link TaskRunner#CURRENT_THREAD} in view-model tests;
     * {@code null} runs them on a pool of background threads.
     */
    public AppContext(Workspace workspace, TaskRunner runner) {
        this.workspace = workspace;
        this.catalogs = new CatalogStore(workspace);
        this.retrievers = new Retrievers(workspace);
        this.background = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                new BackgroundThreads("qta-background"));
        this.runner = runner != null ? runner : background::execute;
    }

    /**
     * Starts watching the workspace file for commits of other processes (the command line); {@code onChange} runs on
     * the FX thread after each. Stops when the context closes.
     */
    public void watchWorkspace(Runnable onChange) {
        if (watcher == null) {
            watcher = new WorkspaceWatcher(workspace, onChange).start();
        }
    }

    /** Calls {@code listener} with every task started from now on (the window's status bar shows the long ones). */
    public void onTaskStarted(java.util.function.Consumer<Task<?>> listener) {
        taskListeners.add(listener);
    }

    public Workspace workspace() {
        return workspace;
    }

    public CatalogStore catalogs() {
        return catalogs;
    }

    /** Retrievers shared by the screens, so embedding models load once per session. */
    public Retrievers retrievers() {
        return retrievers;
    }

    /**
     * Starts a task off the FX thread; its callbacks run on the FX thread as usual. Once the context is closed
     * (the window is closing) a task started by a late callback is cancelled instead of run.
     */
    public <T> Task<T> run(Task<T> task) {
        tasks.removeIf(Task::isDone); // a screen that refreshes every second would otherwise fill the set for as long as it runs
        tasks.add(task);
        taskListeners.forEach(l -> l.accept(task));
        try {
            runner.execute(task);
        } catch (RejectedExecutionException closed) {
            tasks.remove(task);
            task.cancel();
        }
        return task;
    }

    /** Titles (or messages) of the tasks still running, for the question asked when the window closes. */
    public List<String> runningWork() {
        tasks.removeIf(Task::isDone);
        return tasks.stream().map(t -> t.getTitle() == null || t.getTitle().isBlank() ? t.getMessage() : t.getTitle())
                .filter(t -> t != null && !t.isBlank()).toList();
    }

    /**
     * Cancels every running task; each stops at its next unit of work and leaves the workspace consistent. The
     * threads are not interrupted: an interrupt closes any file channel the thread is writing.
     */
    public void cancelAll() {
        tasks.forEach(t -> t.cancel(false));
    }

    /**
     * Closes {@code resource} when this context closes (the window closes, or another workspace is opened), once the
     * running work has stopped and before the workspace closes: what serves the workspace to other programs (the Serve
     * screen's servers) must not outlive it. Called on the thread that closes the context.
     */
    public void closeBeforeWorkspace(AutoCloseable resource) {
        closedBeforeWorkspace.add(resource);
    }

    /**
     * Runs a small workspace write off the FX thread. Writes run one at a time in the order given, so quick
     * successive edits (ticking gold tools) are stored in the order the user made them.
     */
    public void write(Runnable work, java.util.function.Consumer<Throwable> onError) {
        try {
            writes.submit(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    javafx.application.Platform.runLater(() -> onError.accept(e));
                }
            });
        } catch (RejectedExecutionException closed) {
            onError.accept(new IllegalStateException("the workspace " + workspace.file() + " is closed; the change was not stored"));
        }
    }

    /**
     * Stops the work and closes the workspace. Running tasks are cancelled and given time to stop at their next
     * step, as they do when the user cancels: an interrupted thread could fail in the middle of writing a
     * checkpoint. Only work that does not stop in time is interrupted. Then what {@link #closeBeforeWorkspace} was given
     * is closed, then the workspace.
     */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        cancelAll();
        writes.shutdown();
        background.shutdown();
        try {
            writes.awaitTermination(10, TimeUnit.SECONDS);
            if (!background.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                background.shutdownNow();
                background.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AutoCloseable resource : closedBeforeWorkspace) {
            try {
                resource.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(AppContext.class).warn("closing {} with the workspace failed", resource, e);
            }
        }
        retrievers.close();
        workspace.close();
    }
}
