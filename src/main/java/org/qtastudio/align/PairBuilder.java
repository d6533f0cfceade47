package org.qtastudio.align;

import java.util.List;
import java.util.Optional;

/**
 * Turns scored candidates into a DPO preference pair: chosen = the best candidate, rejected = the worst.
 * Equal scores keep candidate order (the original query first, then the samples as drawn), so pairs are
 * reproducible; when every candidate scores the same there is nothing to learn and no pair.
 */
public final class PairBuilder {

    private final RankingFunction ranking;

    public PairBuilder(RankingFunction ranking) {
        this.ranking = ranking;
    }

    /** A chosen/rejected pair with the scores that ordered them. */
    public record Pair(Candidate chosen, RankingFunction.Score chosenScore, Candidate rejected, RankingFunction.Score rejectedScore) {
    }

    public Optional<Pair> build(List<Candidate> candidates) {
        if (candidates.size() < 2) {
            return Optional.empty();
        }
        Candidate best = null;
        Candidate worst = null;
        RankingFunction.Score bestScore = null;
        RankingFunction.Score worstScore = null;
        for (Candidate c : candidates) {
            RankingFunction.Score s = ranking.score(c.goldRanks());
            if (bestScore == null || s.compareTo(bestScore) > 0) {
                best = c;
                bestScore = s;
            }
            if (worstScore == null || s.compareTo(worstScore) < 0) {
                worst = c;
                worstScore = s;
            }
        }
        if (bestScore.compareTo(worstScore) == 0) {
            return Optional.empty();
        }
        return Optional.of(new Pair(best, bestScore, worst, worstScore));
    }
}
