package org.qtastudio.align;

import ai.djl.ndarray.NDArray;
import org.qtastudio.lm.model.Scalars;

/**
 * The sigmoid DPO loss of Rafailov et al.: {@code -log σ(β · ((π_c − ref_c) − (π_r − ref_r)))} over summed
 * completion log-probabilities, with the implicit rewards {@code β · (π − ref)} that training logs.
 */
public final class DpoLoss {

    private DpoLoss() {
    }

    /** Loss and rewards of one preference pair, in double precision (for logs, reports and checks). */
    public record PairStats(double loss, double chosenReward, double rejectedReward) {

        public double margin() {
            return chosenReward - rejectedReward;
        }

        /** 1 when the policy already prefers chosen over rejected more than the reference does, else 0. */
        public double accuracy() {
            return chosenReward > rejectedReward ? 1 : 0;
        }
    }

    public static PairStats of(double policyChosen, double policyRejected, double referenceChosen, double referenceRejected,
                               double beta) {
        double chosenReward = beta * (policyChosen - referenceChosen);
        double rejectedReward = beta * (policyRejected - referenceRejected);
        return new PairStats(softplus(-(chosenReward - rejectedReward)), chosenReward, rejectedReward);
    }

    /** log(1 + e^x) without overflow for large x or loss of precision for very negative x. */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /**
     * Per-pair losses as an NDArray that gradients flow through (the policy log-probs carry them; the
     * reference log-probs are constants computed with the adapter off).
     *
     * @param policyChosen shape (pairs)
     * @param policyRejected shape (pairs)
     * @param referenceChosen shape (pairs)
     * @param referenceRejected shape (pairs)
     */
    public static NDArray losses(NDArray policyChosen, NDArray policyRejected, NDArray referenceChosen,
                                 NDArray referenceRejected, double beta) {
        NDArray margins = policyChosen.sub(referenceChosen).sub(policyRejected.sub(referenceRejected));
        NDArray logits = margins.mul(Scalars.of(margins, beta));
        NDArray x = logits.neg();
        // softplus(x) = max(x, 0) + log(1 + exp(-|x|)), stable for any x
        return x.maximum(Scalars.of(x, 0)).add(x.abs().neg().exp().add(1f).log());
    }
}
