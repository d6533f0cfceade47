package org.qtastudio.app;

import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.qtastudio.store.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices changes another process (the command line) commits to the open workspace file: every
 * {@link #INTERVAL_MILLIS} ms a background thread asks SQLite for {@code PRAGMA data_version}, which reads no table
 * and changes only on other connections' commits, and calls back on the FX thread when it changed.
 */
public final class WorkspaceWatcher implements AutoCloseable {

    /** How often the workspace file is checked. */
    public static final long INTERVAL_MILLIS = 2000;

    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceWatcher.class);

    private final Workspace workspace;
    private final Runnable onExternalChange;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "qta-workspace-watcher");
        t.setDaemon(true);
        return t;
    });
    private long lastVersion = Long.MIN_VALUE;

    /** @param onExternalChange runs on the FX thread after another process changed the workspace */
    public WorkspaceWatcher(Workspace workspace, Runnable onExternalChange) {
        this.workspace = workspace;
        this.onExternalChange = onExternalChange;
    }

    /** Starts checking every {@link #INTERVAL_MILLIS} ms. */
    public WorkspaceWatcher start() {
        timer.scheduleWithFixedDelay(this::check, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** One check, on the calling thread; true when another process changed the workspace since the last one. */
    synchronized boolean check() {
        try {
            OptionalLong version = workspace.externalDataVersion();
            if (version.isEmpty()) {
                return false; // this window is writing: ask at the next tick
            }
            boolean changed = lastVersion != Long.MIN_VALUE && version.getAsLong() != lastVersion;
            lastVersion = version.getAsLong();
            if (changed) {
                Platform.runLater(onExternalChange);
            }
            return changed;
        } catch (RuntimeException e) {
            LOG.debug("checking {} for outside changes failed", workspace.file(), e); // closed, or busy: try again later
            return false;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
