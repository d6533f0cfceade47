package org.qtastudio.eval;

import java.util.SplittableRandom;

/**
 * Two-sided paired randomization (sign-flip permutation) test on per-query values of two systems: under
 * the null hypothesis each query's difference is as likely to have either sign, so the p-value is the share
 * of random sign assignments whose mean difference is at least as far from 0 as the observed one. Seeded,
 * so a report can be reproduced; the observed assignment is counted, so p is never 0.
 */
public final class PairedRandomizationTest {

    public static final int DEFAULT_ITERATIONS = 10_000;
    public static final long DEFAULT_SEED = 42;

    private PairedRandomizationTest() {
    }

    public static double pValue(double[] a, double[] b, int iterations, long seed) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired test needs equally many values, got " + a.length + " and " + b.length);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1");
        }
        int n = a.length;
        if (n == 0) {
            return 1;
        }
        double[] d = new double[n];
        double observed = 0;
        for (int i = 0; i < n; i++) {
            d[i] = a[i] - b[i];
            observed += d[i];
        }
        observed = Math.abs(observed);
        // compare sums, not means, and allow for rounding so exact ties count as "at least as extreme"
        double tolerance = 1e-9 * Math.max(1, observed);
        SplittableRandom random = new SplittableRandom(seed);
        int extreme = 0;
        for (int it = 0; it < iterations; it++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += random.nextBoolean() ? d[i] : -d[i];
            }
            if (Math.abs(sum) >= observed - tolerance) {
                extreme++;
            }
        }
        return (extreme + 1.0) / (iterations + 1.0);
    }
}
