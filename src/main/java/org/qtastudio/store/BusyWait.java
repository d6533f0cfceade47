package org.qtastudio.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.sqlite.BusyHandler;

/**
 * How a writer waits for another process that is writing the same workspace: it retries for up to
 * {@link #timeoutMillis()} (five minutes unless the system property {@code qta.busyTimeoutSeconds} says otherwise)
 * and, once it has waited a few seconds, says why it is waiting, once. A finished computation is thereby never
 * thrown away because another process held the lock for a moment.
 */
public final class BusyWait {

    /** After this long, the wait is announced. */
    static final long ANNOUNCE_AFTER_MILLIS = 2_000;

    private static volatile Consumer<String> announcer = message -> {
        System.err.println(message);
        System.err.flush();
    };

    private BusyWait() {
    }

    /** The longest a writer waits for the lock, in milliseconds. */
    public static int timeoutMillis() {
        String s = System.getProperty("qta.busyTimeoutSeconds");
        if (s != null) {
            try {
                return (int) Math.min(Integer.MAX_VALUE, Math.max(0, Long.parseLong(s.strip())) * 1000L);
            } catch (NumberFormatException ignored) {
                // fall through to the default
            }
        }
        return 300_000;
    }

    /** Where the "waiting" message goes (standard error by default; the window may show it instead). */
    public static void announceTo(Consumer<String> sink) {
        announcer = sink;
    }

    static void install(Connection connection, Path file) throws SQLException {
        long timeout = timeoutMillis();
        BusyHandler.setHandler(connection, new BusyHandler() {
            private long start;
            private boolean announced;

            @Override
            protected int callback(int previous) {
                long now = System.currentTimeMillis();
                if (previous == 0) {
                    start = now;
                }
                long waited = now - start;
                if (waited >= timeout) {
                    return 0;
                }
                if (!announced && waited >= ANNOUNCE_AFTER_MILLIS) {
                    announced = true;
                    announcer.accept("another QTA Studio process is writing " + file.getFileName() + "; waiting…");
                }
                try {
                    Thread.sleep(previous < 10 ? 5 : previous < 50 ? 20 : 50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 0;
                }
                return 1;
            }
        });
    }
}
