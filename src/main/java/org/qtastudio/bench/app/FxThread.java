package org.qtastudio.bench.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;

/** Lets a benchmark's main thread drive the window: start the toolkit, run work on the FX thread and wait for it. */
final class FxThread {

    private FxThread() {
    }

    /** Starts JavaFX without an {@code Application}; the benchmark exits it itself. */
    static void startup() throws InterruptedException {
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        Platform.setImplicitExit(false);
    }

    /** Runs {@code work} on the FX thread and returns its result. */
    static <T> T call(Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(5, TimeUnit.MINUTES);
    }

    /** Polls {@code condition} on the FX thread until it holds; gives up after {@code minutes}. */
    static void waitFor(String what, BooleanSupplier condition, int minutes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        while (!call(condition::getAsBoolean)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Ends the toolkit (after the benchmark's windows are done). */
    static void exit() throws Exception {
        call(() -> {
            Platform.exit();
            return null;
        });
    }
}
