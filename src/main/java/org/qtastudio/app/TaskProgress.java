package org.qtastudio.app;

import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.qtastudio.common.Progress;

/**
 * Lets a {@code javafx.concurrent.Task} serve as a service's {@link Progress}: the service's updates become
 * the task's message and progress (which JavaFX coalesces onto the FX thread), and cancelling the task
 * cancels the work.
 */
public final class TaskProgress implements Progress {

    private final Consumer<String> message;
    private final BiConsumer<Long, Long> progress;
    private final BooleanSupplier cancelled;

    public TaskProgress(Consumer<String> message, BiConsumer<Long, Long> progress, BooleanSupplier cancelled) {
        this.message = message;
        this.progress = progress;
        this.cancelled = cancelled;
    }

    @Override
    public void update(String text, long done, long total) {
        message.accept(text);
        progress.accept(done, total);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.getAsBoolean();
    }
}
