package org.qtastudio.app;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/**
 * A slot for loads of which only the newest counts. Starting a load cancels the one it replaces, and the result
 * or failure of a replaced load is dropped, never shown: a slow answer for a catalog the user has left cannot
 * overwrite the answer for the catalog now selected.
 *
 * <pre>{@code
 * private final LatestTask<List<EvalRun>> runsLoad = new LatestTask<>(context);
 * runsLoad.start(() -> store.list(), runs::setAll, e -> message.set(Messages.readable("Reading the runs", e)));
 * }</pre>
 *
 * Use one slot per kind of load, from the FX thread only; the handlers run on the FX thread.
 *
 * @param <T> what a load returns
 */
public final class LatestTask<T> {

    private final AppContext context;
    private Task<T> latest;

    public LatestTask(AppContext context) {
        this.context = context;
    }

    /**
     * Cancels the load running in this slot, if any, and starts {@code work} off the FX thread.
     *
     * @param work      the load; it runs on a background thread (on the caller's with {@link TaskRunner#CURRENT_THREAD})
     * @param onResult  gets the result, unless a newer load or {@link #drop()} replaced this one
     * @param onFailure gets the failure, on the same condition; {@code null} ignores failures
     */
    public Task<T> start(Callable<T> work, Consumer<T> onResult, Consumer<Throwable> onFailure) {
        drop();
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        latest = task;
        task.setOnSucceeded(e -> {
            if (task == latest) {
                latest = null;
                onResult.accept(task.getValue());
            }
        });
        task.setOnFailed(e -> {
            if (task == latest) {
                latest = null;
                if (onFailure != null) {
                    onFailure.accept(task.getException());
                }
            }
        });
        return context.run(task);
    }

    /** Cancels the running load, if any; its result will not be delivered. */
    public void drop() {
        Task<T> old = latest;
        latest = null;
        if (old != null) {
            old.cancel(false);
        }
    }

    /** Whether a load started here has not delivered yet. */
    public boolean isRunning() {
        return latest != null;
    }
}
