package org.qtastudio.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A per-query retrieval metric computed from the 1-based ranks of the query's gold tools in the full
 * ranking. Gold is a set and relevance binary. Labels ({@code S@5}, {@code NDCG@10}, {@code R@5}, {@code MRR})
 * are what reports and {@code eval --format json} use as keys.
 */
public record Metric(Kind kind, int k) {

    public enum Kind {
        /** Sufficiency: 1 when every gold tool is in the top k (QTA's headline metric). */
        S,
        /** Share of the gold tools that are in the top k. */
        R,
        /** Binary NDCG: sum over gold tools in the top k of 1/log2(rank+1), divided by the best possible over min(k, |gold|). */
        NDCG,
        /** Reciprocal of the best gold rank, no cutoff. */
        MRR
    }

    public Metric {
        if (kind != Kind.MRR && k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (kind == Kind.MRR) {
            k = 0;
        }
    }

    public static final Metric MRR = new Metric(Kind.MRR, 0);

    public String label() {
        return kind == Kind.MRR ? "MRR" : kind.name() + "@" + k;
    }

    /** The standard report order for a list of cutoffs: S@k..., NDCG@k..., R@k..., MRR. */
    public static List<Metric> standard(List<Integer> ks) {
        List<Metric> out = new ArrayList<>();
        for (Kind kind : List.of(Kind.S, Kind.NDCG, Kind.R)) {
            for (int k : ks) {
                out.add(new Metric(kind, k));
            }
        }
        out.add(MRR);
        return out;
    }

    /** Parses a label such as {@code S@10}, {@code ndcg@5}, {@code N@5} or {@code MRR}. */
    public static Metric parse(String label) {
        String s = label.strip().toUpperCase(Locale.ROOT);
        if (s.equals("MRR")) {
            return MRR;
        }
        int at = s.indexOf('@');
        if (at > 0) {
            String kind = s.substring(0, at);
            try {
                int k = Integer.parseInt(s.substring(at + 1));
                switch (kind) {
                    case "S": return new Metric(Kind.S, k);
                    case "R": return new Metric(Kind.R, k);
                    case "N", "NDCG": return new Metric(Kind.NDCG, k);
                    default: break;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("unknown metric '" + label + "' (expected S@k, R@k, NDCG@k or MRR)");
    }

    /** This metric for one query, in [0, 1]; {@code goldRanks} are the 1-based ranks of its distinct gold tools. */
    public double of(int[] goldRanks) {
        if (goldRanks.length == 0) {
            throw new IllegalArgumentException("a query without gold tools has no metric value");
        }
        return switch (kind) {
            case S -> {
                for (int r : goldRanks) {
                    if (r > k) {
                        yield 0;
                    }
                }
                yield 1;
            }
            case R -> {
                int in = 0;
                for (int r : goldRanks) {
                    if (r <= k) {
                        in++;
                    }
                }
                yield (double) in / goldRanks.length;
            }
            case NDCG -> {
                double dcg = 0;
                for (int r : goldRanks) {
                    if (r <= k) {
                        dcg += 1 / log2(r + 1);
                    }
                }
                double ideal = 0;
                for (int i = 1; i <= Math.min(k, goldRanks.length); i++) {
                    ideal += 1 / log2(i + 1);
                }
                yield dcg / ideal;
            }
            case MRR -> {
                int best = Integer.MAX_VALUE;
                for (int r : goldRanks) {
                    best = Math.min(best, r);
                }
                yield 1.0 / best;
            }
        };
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
