package org.qtastudio.experiment;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The 95% interval of a grid point's mean over seeds and queries, by a two-way percentile bootstrap: each
 * replicate draws the seeds with replacement and, independently, the queries with replacement (the same queries
 * for every drawn seed, since all seeds are evaluated on the same test queries), and takes the mean of the drawn
 * seed × query values. Both sources of variation, which training draw and which test queries, widen the interval.
 * Seeded, so a report is reproducible.
 */
public final class SeedQueryBootstrap {

    public static final int DEFAULT_ITERATIONS = 2_000;
    public static final long DEFAULT_SEED = 42;

    private SeedQueryBootstrap() {
    }

    /** Mean and interval bounds. */
    public record Interval(double mean, double low, double high) {
    }

    /**
     * The interval at {@code level} (e.g. 0.95): the bootstrap distribution's {@code (1 - level) / 2} and
     * {@code (1 + level) / 2} quantiles, each the smallest replicate whose empirical CDF reaches the probability.
     *
     * @param values {@code values[seed][query]}, every seed with the same queries in the same order
     */
    public static Interval interval(double[][] values, double level, int iterations, long seed) {
        int seeds = values.length;
        if (seeds == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("an interval needs at least one seed and one query");
        }
        int queries = values[0].length;
        for (double[] row : values) {
            if (row.length != queries) {
                throw new IllegalArgumentException("every seed needs the same queries, got " + queries + " and " + row.length);
            }
        }
        if (iterations < 1 || !(level > 0 && level < 1)) {
            throw new IllegalArgumentException("iterations must be at least 1 and the level in (0, 1)");
        }
        double total = 0;
        for (double[] row : values) {
            for (double v : row) {
                total += v;
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] replicates = new double[iterations];
        int[] drawnQueries = new int[queries];
        for (int it = 0; it < iterations; it++) {
            for (int j = 0; j < queries; j++) {
                drawnQueries[j] = random.nextInt(queries);
            }
            double sum = 0;
            for (int i = 0; i < seeds; i++) {
                double[] row = values[random.nextInt(seeds)];
                for (int q : drawnQueries) {
                    sum += row[q];
                }
            }
            replicates[it] = sum / ((double) seeds * queries);
        }
        Arrays.sort(replicates);
        return new Interval(total / ((double) seeds * queries), quantile(replicates, (1 - level) / 2), quantile(replicates, (1 + level) / 2));
    }

    /** The smallest sorted value whose empirical CDF is at least {@code p}. */
    static double quantile(double[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length - 1e-9) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
