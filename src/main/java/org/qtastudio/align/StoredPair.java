package org.qtastudio.align;

import java.util.List;

/**
 * A preference pair as kept in the workspace: what the person reviewing it sees and may accept, reject or
 * edit, and, once computed, the reference model's log-probabilities of both completions.
 */
public record StoredPair(
        long id,
        int round,
        String queryKey,
        String queryText,
        String prompt,
        String chosen,
        String rejected,
        RankingFunction.Score chosenScore,
        RankingFunction.Score rejectedScore,
        List<Candidate> candidates,
        Status status,
        boolean edited,
        Double referenceChosen,
        Double referenceRejected) {

    /** Review state: pending pairs train unless the run requires review; rejected pairs never train. */
    public enum Status { pending, accepted, rejected }

    public boolean trains() {
        return status != Status.rejected;
    }
}
