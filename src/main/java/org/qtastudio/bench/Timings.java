package org.qtastudio.bench;

import java.util.Arrays;

/** Percentiles of measured durations (nanoseconds in, milliseconds out). */
public final class Timings {

    private final long[] nanos;

    public Timings(long[] nanos) {
        this.nanos = nanos.clone();
        Arrays.sort(this.nanos);
    }

    /** The p-th percentile (nearest rank), in milliseconds. */
    public double percentileMillis(double p) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * nanos.length);
        return nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))] / 1e6;
    }
}
