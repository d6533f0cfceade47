package org.qtastudio.serve;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Counts and latencies of a service's searches, recorded from many request threads: latencies in an HdrHistogram
 * (lock-free recording, 3 significant digits, any range), the request rate in per-second buckets of a ring that
 * covers the last {@link #WINDOW_SECONDS} seconds.
 */
final class RequestStats {

    static final int WINDOW_SECONDS = 10;
    private static final long SECOND = 1_000_000_000L;

    private final LongSupplier nanoClock;
    private final long started;
    private final ConcurrentHistogram micros = new ConcurrentHistogram(3);
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder fallbacks = new LongAdder();
    private final long[] bucketSecond = new long[WINDOW_SECONDS];
    private final long[] bucketCount = new long[WINDOW_SECONDS];

    RequestStats() {
        this(System::nanoTime);
    }

    /** Stats on a clock of its own (nanoseconds), so that the rate can be checked without waiting. */
    RequestStats(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.started = nanoClock.getAsLong();
        java.util.Arrays.fill(bucketSecond, -1);
    }

    void answered(long tookMicros, boolean fellBack) {
        micros.recordValue(Math.max(0, tookMicros));
        if (fellBack) {
            fallbacks.increment();
        }
        count();
    }

    void failed() {
        errors.increment();
        count();
    }

    private void count() {
        requests.increment();
        long second = (nanoClock.getAsLong() - started) / SECOND;
        int slot = (int) (second % WINDOW_SECONDS);
        synchronized (bucketCount) {
            if (bucketSecond[slot] != second) {
                bucketSecond[slot] = second;
                bucketCount[slot] = 0;
            }
            bucketCount[slot]++;
        }
    }

    ServeStats snapshot() {
        long elapsed = nanoClock.getAsLong() - started;
        long second = elapsed / SECOND;
        long recent = 0;
        synchronized (bucketCount) {
            for (int i = 0; i < WINDOW_SECONDS; i++) {
                if (bucketSecond[i] > second - WINDOW_SECONDS && bucketSecond[i] <= second) {
                    recent += bucketCount[i];
                }
            }
        }
        // the buckets cover the current (partial) second and the nine before it, or the time since opening if shorter;
        // at least a second, so that the first request does not read as thousands a second
        double window = Math.max(1, Math.min((double) elapsed / SECOND, WINDOW_SECONDS - 1 + (double) (elapsed % SECOND) / SECOND));
        return new ServeStats(requests.sum(), errors.sum(), fallbacks.sum(), recent / window, percentile(50), percentile(90),
                percentile(99));
    }

    private double percentile(double p) {
        return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(p) / 1000.0;
    }
}
