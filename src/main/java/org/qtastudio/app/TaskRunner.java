package org.qtastudio.app;

import javafx.concurrent.Task;

/**
 * Starts a screen's {@link Task}. The application runs tasks on a background pool ({@link AppContext}'s default);
 * view-model tests pass {@link #CURRENT_THREAD}, which runs a task to its end on the calling thread (as JabRef's
 * {@code CurrentThreadTaskExecutor}), or a runner of their own that holds tasks back to finish them in any order.
 */
@FunctionalInterface
public interface TaskRunner {

    /**
     * Runs each task at once on the calling thread. On the FX thread the task's state changes and its
     * {@code onSucceeded}/{@code onFailed} handlers run before {@code execute} returns.
     */
    TaskRunner CURRENT_THREAD = Task::run;

    /** Starts {@code task}; its handlers run on the FX thread as usual. */
    void execute(Task<?> task);
}
