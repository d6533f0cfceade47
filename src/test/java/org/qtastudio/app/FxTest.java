package org.qtastudio.app;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;

/** Runs view-model code on the FX thread without a window: view models and tasks expect that thread. */
public final class FxTest {

    private static boolean started;

    private FxTest() {
    }

    /** Calls {@code work} on the FX thread (starting JavaFX once) and returns its result or rethrows its failure. */
    public static <T> T call(Callable<T> work) throws Exception {
        return call(work, Long.MAX_VALUE);
    }

    /**
     * Like {@link #call(Callable)}, failing with a {@link TimeoutException} when the FX thread has not run {@code work}
     * within {@code timeoutSeconds}; on the FX thread itself, {@code work} is simply called.
     */
    public static <T> T call(Callable<T> work, long timeoutSeconds) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return work.call();
        }
        start();
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        try {
            return task.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw (Error) e.getCause();
        }
    }

    public static void run(ThrowingRunnable work) throws Exception {
        call(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Lets the FX thread run what tasks posted to it (their state changes and handlers, which may start and finish
     * further tasks with {@link org.qtastudio.app.TaskRunner#CURRENT_THREAD}).
     */
    public static void settle() throws Exception {
        for (int i = 0; i < 20; i++) {
            call(() -> null);
        }
    }

    /** Code that may throw, run on the FX thread. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static synchronized void start() throws InterruptedException {
        if (started) {
            return;
        }
        // through TestFX, so the UI tests that run later in the same JVM find the toolkit as TestFX starts it
        try {
            org.testfx.api.FxToolkit.registerPrimaryStage();
        } catch (TimeoutException e) {
            throw new IllegalStateException("JavaFX did not start", e);
        }
        started = true;
    }
}
