package org.qtastudio.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C / SIGTERM during long work: the shutdown hook sets the cancel flag and then <em>waits</em> (at most
 * {@link #WAIT_SECONDS}) until the command has stopped at its next unit of work, rolled back or recorded the run as
 * cancelled, and printed "Cancelled". Without the wait the JVM would halt as soon as the hook returned, in the middle
 * of the work and without a word.
 */
final class SignalCancel implements AutoCloseable {

    /** The longest the hook holds the JVM open for the work to wind down. */
    static final long WAIT_SECONDS = 20;

    private static volatile CountDownLatch reported = new CountDownLatch(0);

    private final Thread hook;

    private SignalCancel(Thread hook) {
        this.hook = hook;
    }

    /** Cancels {@code progress} on Ctrl-C / SIGTERM until closed. */
    static SignalCancel install(CliProgress progress) {
        CountDownLatch latch = new CountDownLatch(1);
        reported = latch;
        Thread hook = new Thread(() -> {
            progress.cancel();
            try {
                latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "qta-cancel-on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
        return new SignalCancel(hook);
    }

    /** Called once the command's outcome (e.g. "Cancelled") has been printed: a waiting hook may let the JVM go. */
    static void outcomeReported() {
        reported.countDown();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // shutting down: the hook is running and waits for outcomeReported()
        }
    }
}
