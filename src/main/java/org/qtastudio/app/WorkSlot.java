package org.qtastudio.app;

import java.util.function.Consumer;
import javafx.application.Platform;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import org.qtastudio.common.CancelledException;
import org.qtastudio.common.Progress;

/**
 * A screen's one slot for long work (on the Align screen a download, a run's sampling and training, an evaluation; on
 * the Experiments screen a queue of cells): one at a time, with progress and cancel. A cancel does not interrupt the
 * thread: the service stops at its next step, and only then does the slot say the work has stopped, so what the
 * screen shows is what is stored. The progress line (the task's message, made by {@link ProgressLine}) says the
 * phase, n/m, elapsed time and ETA.
 */
public final class WorkSlot {

    /** Long work as the screen runs it: given the task's progress, off the FX thread. */
    public interface Work<T> {
        T run(Progress progress) throws Exception;
    }

    private final AppContext context;
    private final Consumer<String> message;
    private final ReadOnlyObjectWrapper<Task<?>> work = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper working = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper("");

    /** @param message where the slot says what it does, and what went wrong (on the FX thread) */
    public WorkSlot(AppContext context, Consumer<String> message) {
        this.context = context;
        this.message = message;
    }

    /**
     * Runs long work with progress and cancel, or says to wait when work runs already.
     *
     * @param succeeded on the FX thread with the result
     * @param stopped on the FX thread once the work has really stopped, whatever the outcome; true when cancelled
     */
    public <T> Task<T> begin(String doing, Work<T> body, Consumer<T> succeeded, Consumer<Boolean> stopped) {
        if (working.get()) {
            message.accept("Wait for the running work to finish, or cancel it (Esc).");
            return null;
        }
        ProgressLine line = new ProgressLine(System::currentTimeMillis);
        // whoever claims the work first says when it has stopped: the work itself when it begins, or the cancel of work
        // that never began (a task cancelled before its thread took it up is never run)
        AtomicBoolean claimed = new AtomicBoolean();
        Task<T> task = new Task<>() {
            private boolean isCancelled0() {
                return isCancelled();
            }

            @Override
            protected T call() throws Exception {
                if (!claimed.compareAndSet(false, true)) {
                    throw new CancelledException();
                }
                updateTitle(doing);
                try {
                    return body.run(new Progress() {
                        @Override
                        public void update(String m, long done, long total) {
                            line.counted(done, total);
                            updateMessage(line.text(m));
                            updateProgress(done, total);
                            String p = ProgressLine.phase(m);
                            if (!p.isEmpty()) { // a message of no known phase (a token generated) leaves the phase as it was
                                Platform.runLater(() -> phase.set(p));
                            }
                        }

                        @Override
                        public boolean isCancelled() {
                            return isCancelled0();
                        }
                    });
                } finally {
                    Platform.runLater(() -> ended(stopped, isCancelled()));
                }
            }
        };
        task.setOnSucceeded(e -> succeeded.accept(task.getValue()));
        task.setOnFailed(e -> message.accept(Messages.readable(doing, task.getException())));
        task.setOnCancelled(e -> {
            if (claimed.compareAndSet(false, true)) {
                message.accept(doing + " cancelled.");
                ended(stopped, true);
            } else {
                message.accept(doing + ": stopping after the current step…");
            }
        });
        message.accept(doing + "…");
        working.set(true);
        work.set(task);
        return context.run(task);
    }

    private void ended(Consumer<Boolean> stopped, boolean cancelled) {
        working.set(false);
        phase.set("");
        stopped.accept(cancelled);
    }

    /**
     * Asks the work to stop at its next step; work whose thread has not taken it up yet never begins. Right after
     * {@link #begin} too: the task's state has not reached the FX thread then, but the work is under way.
     */
    public void cancel() {
        Task<?> task = work.get();
        if (task != null && !task.isDone()) {
            task.cancel(false);
        }
    }

    /** The work last started, for its progress and progress line. */
    public ReadOnlyObjectProperty<Task<?>> workProperty() {
        return work.getReadOnlyProperty();
    }

    /** True from the start of long work until it has really stopped. */
    public ReadOnlyBooleanProperty workingProperty() {
        return working.getReadOnlyProperty();
    }

    /** What the running work does now in one word ("sampling", "training", "evaluating"), empty when idle or unknown. */
    public ReadOnlyStringProperty phaseProperty() {
        return phase.getReadOnlyProperty();
    }
}
