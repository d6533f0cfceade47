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
     * Runs each task's work at once on the calling thread. A {@link Task} always posts its state changes and its
     * {@code onSucceeded}/{@code onFailed} handlers to the FX thread, so they run as the FX thread's next events:
     * a test on the FX thread sees them once it has let the FX thread go on (see the tests' {@code FxTest.settle}).
     */
    TaskRunner CURRENT_THREAD = Task::run;

    /** Starts {@code task}; its handlers run on the FX thread as usual. */
    void execute(Task<?> task);
}
