package org.qtastudio.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed × query bootstrap interval against the exact bootstrap distribution, enumerated on a small case. */
class SeedQueryBootstrapTest {

    private static final double[][] VALUES = {{0.1, 0.5, 0.9}, {0.2, 0.35, 1.0}};

    /** Every equally likely draw: seeds (2^2 ordered draws) × queries (3^3), each with the mean of the drawn values. */
    private static double[] exactDistribution() {
        List<Double> stats = new ArrayList<>();
        int s = VALUES.length;
        int q = VALUES[0].length;
        for (int seedDraw = 0; seedDraw < Math.pow(s, s); seedDraw++) {
            for (int queryDraw = 0; queryDraw < Math.pow(q, q); queryDraw++) {
                double sum = 0;
                int sd = seedDraw;
                for (int i = 0; i < s; i++, sd /= s) {
                    int qd = queryDraw;
                    for (int j = 0; j < q; j++, qd /= q) {
                        sum += VALUES[sd % s][qd % q];
                    }
                }
                stats.add(sum / (s * q));
            }
        }
        return stats.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /** The smallest atom whose exact CDF reaches p, found by walking the CDF (not by indexing as the code under test does). */
    private static double exactQuantile(double[] sorted, double p) {
        for (int i = 0; i < sorted.length; i++) {
            if ((i + 1.0) / sorted.length >= p) {
                return sorted[i];
            }
        }
        return sorted[sorted.length - 1];
    }

    @Test
    void theIntervalMatchesTheExactlyEnumeratedBootstrapDistribution() {
        double[] exact = exactDistribution();
        assertEquals(108, exact.length);
        // the CDF must not sit near 2.5% or 97.5% at an atom, or sampling noise could pick the neighbouring atom
        // (0.002 is about 8 standard errors of an empirical CDF near 2.5% over 400,000 replicates)
        for (double p : new double[] {0.025, 0.975}) {
            for (int i = 0; i < exact.length; i++) {
                if (i + 1 < exact.length && exact[i + 1] == exact[i]) {
                    continue;
                }
                assertTrue(Math.abs((i + 1.0) / exact.length - p) > 0.002, "CDF too close to " + p + " at atom " + exact[i]);
            }
        }
        SeedQueryBootstrap.Interval ci = SeedQueryBootstrap.interval(VALUES, 0.95, 400_000, 7);
        assertEquals((0.1 + 0.5 + 0.9 + 0.2 + 0.35 + 1.0) / 6, ci.mean(), 1e-12);
        assertEquals(exactQuantile(exact, 0.025), ci.low(), 1e-12);
        assertEquals(exactQuantile(exact, 0.975), ci.high(), 1e-12);
        assertTrue(ci.low() < ci.mean() && ci.mean() < ci.high());
    }

    @Test
    void theSameSeedGivesTheSameIntervalAndMoreSeedsOfTheSameValuesNarrowIt() {
        assertEquals(SeedQueryBootstrap.interval(VALUES, 0.95, 2000, 42), SeedQueryBootstrap.interval(VALUES, 0.95, 2000, 42));
        double[][] one = {{0, 1, 0, 1, 1, 0, 1, 0}};
        double[][] identicalSeeds = {{0, 1, 0, 1, 1, 0, 1, 0}, {0, 1, 0, 1, 1, 0, 1, 0}};
        double[][] disagreeingSeeds = {{0, 1, 0, 1, 1, 0, 1, 0}, {0.4, 1.4, 0.4, 1.4, 1.4, 0.4, 1.4, 0.4}};
        double width = width(SeedQueryBootstrap.interval(one, 0.95, 5000, 1));
        assertEquals(width, width(SeedQueryBootstrap.interval(identicalSeeds, 0.95, 5000, 1)), 0.08,
                "seeds that agree add no uncertainty");
        assertTrue(width(SeedQueryBootstrap.interval(disagreeingSeeds, 0.95, 5000, 1)) > width,
                "seeds that disagree widen the interval");
    }

    @Test
    void refusesRaggedOrEmptyInput() {
        assertThrows(IllegalArgumentException.class, () -> SeedQueryBootstrap.interval(new double[][] {{1, 0}, {1}}, 0.95, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> SeedQueryBootstrap.interval(new double[0][], 0.95, 10, 1));
    }

    private static double width(SeedQueryBootstrap.Interval ci) {
        return ci.high() - ci.low();
    }
}
