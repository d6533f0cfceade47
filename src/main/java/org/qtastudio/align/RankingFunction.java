package org.qtastudio.align;

import java.util.Arrays;
import java.util.Locale;
import org.qtastudio.eval.Metric;

/**
 * How QTA scores a candidate query from where the frozen retriever ranked the gold tools for it; higher
 * is better. The paper's ranking function is {@link SufficiencyRank}.
 */
public sealed interface RankingFunction {

    /** Scores one candidate from its gold tools' 1-based ranks in the full ranking. */
    Score score(int[] goldRanks);

    /** The setting's name, as written on the command line and stored with a run. */
    String id();

    /** A score compared first on {@code primary}, then on {@code tieBreak}; higher wins. */
    record Score(double primary, double tieBreak) implements Comparable<Score> {
        @Override
        public int compareTo(Score o) {
            int c = Double.compare(primary, o.primary);
            return c != 0 ? c : Double.compare(tieBreak, o.tieBreak);
        }
    }

    /** The smallest k with every gold tool in the top k (lower is better), ties broken by NDCG@10. */
    record SufficiencyRank() implements RankingFunction {
        @Override
        public Score score(int[] goldRanks) {
            int worst = Arrays.stream(goldRanks).max().orElseThrow(() -> new IllegalArgumentException("no gold tools"));
            return new Score(-worst, ndcg(goldRanks, 10));
        }

        @Override
        public String id() {
            return "sufficiency-rank";
        }
    }

    /** Binary NDCG@k over the gold set, ties broken by the sufficiency rank. */
    record Ndcg(int k) implements RankingFunction {
        public Ndcg {
            if (k < 1) {
                throw new IllegalArgumentException("NDCG needs k >= 1, not " + k);
            }
        }

        @Override
        public Score score(int[] goldRanks) {
            return new Score(ndcg(goldRanks, k), -Arrays.stream(goldRanks).max().orElse(Integer.MAX_VALUE));
        }

        @Override
        public String id() {
            return "ndcg@" + k;
        }
    }

    /** The sum of the gold tools' reciprocal ranks, so every gold tool's rank counts. */
    record ReciprocalRankSum() implements RankingFunction {
        @Override
        public Score score(int[] goldRanks) {
            double sum = 0;
            for (int r : goldRanks) {
                sum += 1.0 / r;
            }
            return new Score(sum, 0);
        }

        @Override
        public String id() {
            return "rr-sum";
        }
    }

    /** Parses {@code sufficiency-rank}, {@code ndcg@K} or {@code rr-sum}. */
    static RankingFunction parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.equals("sufficiency-rank")) {
            return new SufficiencyRank();
        }
        if (s.equals("rr-sum")) {
            return new ReciprocalRankSum();
        }
        if (s.startsWith("ndcg@")) {
            try {
                return new Ndcg(Integer.parseInt(s.substring(5)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad k in ranking function '" + text + "'");
            }
        }
        throw new IllegalArgumentException("unknown ranking function '" + text + "'; use sufficiency-rank, ndcg@K or rr-sum");
    }

    private static double ndcg(int[] goldRanks, int k) {
        return new Metric(Metric.Kind.NDCG, k).of(goldRanks);
    }
}
