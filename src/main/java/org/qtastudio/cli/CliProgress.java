package org.qtastudio.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.qtastudio.common.Progress;

/**
 * Progress on stderr for the CLI: at most a few lines a second, so logs stay readable; Ctrl-C sets the
 * cancel flag (through a shutdown hook) so long work stops at the next unit and rolls back cleanly.
 */
public final class CliProgress implements Progress {

    private static final long MIN_INTERVAL_NANOS = 500_000_000L;

    private final PrintStream err;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private long lastPrint;

    public CliProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void update(String message, long done, long total) {
        long now = System.nanoTime();
        boolean finished = total > 0 && done >= total;
        if (!finished && now - lastPrint < MIN_INTERVAL_NANOS) {
            return;
        }
        lastPrint = now;
        if (total > 0) {
            err.printf("[%3d%%] %s%n", Math.round(100.0 * done / total), message);
        } else {
            err.println("[....] " + message);
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Marks the work cancelled, e.g. from a Ctrl-C hook. */
    public void cancel() {
        cancelled.set(true);
    }
}
