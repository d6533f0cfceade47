package org.qtastudio.app;

import java.util.ArrayList;
import java.util.List;
import javafx.concurrent.Task;

/**
 * A {@link TaskRunner} for view-model tests that holds every task back until the test runs it, on the FX thread, in
 * the order the test chooses: a test can finish a newer load before an older one.
 */
public final class HeldTaskRunner implements TaskRunner {

    private final List<Task<?>> held = new ArrayList<>();

    @Override
    public synchronized void execute(Task<?> task) {
        held.add(task);
    }

    /** The tasks started and not yet run, oldest first. */
    public synchronized List<Task<?>> held() {
        return List.copyOf(held);
    }

    /** Runs one held task to its end on the calling thread (the FX thread: its handlers run before this returns). */
    public void run(Task<?> task) {
        synchronized (this) {
            held.remove(task);
        }
        task.run();
    }

    /**
     * From a test thread: runs every held task on the FX thread and lets their handlers run, until no task is left
     * (tasks that handlers start run too).
     */
    public void runAllAndSettle() throws Exception {
        while (!held().isEmpty()) {
            FxTest.run(this::runAll);
            FxTest.settle();
        }
    }

    /** Runs held tasks, oldest first, until none is left (tasks started by handlers run too). */
    public void runAll() {
        while (true) {
            Task<?> next;
            synchronized (this) {
                if (held.isEmpty()) {
                    return;
                }
                next = held.removeFirst();
            }
            next.run();
        }
    }
}
