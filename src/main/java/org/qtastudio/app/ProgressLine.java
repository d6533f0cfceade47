package org.qtastudio.app;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress line of long work: the service's message, then n/m, the elapsed time and an estimate of the time
 * left, e.g. {@code Round 1, epoch 2/4, step 3/8 · 3/8 · 0:12 elapsed · about 0:20 left}. The estimate is the pace
 * since the current count began (a new total starts a new phase: sampling, then training), so it is honest per phase.
 */
public final class ProgressLine {

    private final LongSupplier clock;
    private final long started;
    private long phaseStarted;
    private long phaseTotal = -1;
    private long done;
    private long total;

    public ProgressLine(LongSupplier clock) {
        this.clock = clock;
        this.started = clock.getAsLong();
        this.phaseStarted = started;
    }

    /** Records the count reported with the next message. */
    public synchronized void counted(long done, long total) {
        if (total != phaseTotal || done < this.done) {
            phaseTotal = total;
            phaseStarted = clock.getAsLong();
        }
        this.done = done;
        this.total = total;
    }

    /** The line for {@code message} with the count last recorded. */
    public synchronized String text(String message) {
        long now = clock.getAsLong();
        StringBuilder s = new StringBuilder(message == null ? "" : message);
        if (total > 0) {
            s.append(String.format(Locale.ROOT, " · %d/%d", done, total));
        }
        s.append(" · ").append(clock(now - started)).append(" elapsed");
        if (total > 0 && done > 0 && done < total) {
            long perUnit = (now - phaseStarted) / done;
            if (perUnit > 0) {
                s.append(" · about ").append(clock(perUnit * (total - done))).append(" left");
            }
        }
        return s.toString();
    }

    /** m:ss, or h:mm:ss from an hour on. */
    public static String clock(long millis) {
        Duration d = Duration.ofMillis(Math.max(0, millis));
        long h = d.toHours();
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, d.toMinutesPart(), d.toSecondsPart())
                : String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
    }

    /** The phase a service message belongs to, as the Align runs table and the Experiments cells table say it. */
    public static String phase(String message) {
        if (message == null) {
            return "";
        }
        if (message.startsWith("Sampl")) {
            return "sampling";
        }
        if (message.startsWith("Round") || message.startsWith("Reference")) {
            return "training";
        }
        if (message.startsWith("Rewrit")) {
            return "evaluating";
        }
        if (message.startsWith("Download") || message.contains("download")) {
            return "downloading";
        }
        return "";
    }
}
