package org.qtastudio.lm.lora;

import java.util.List;
import org.qtastudio.lm.model.WeightLayout;

/**
 * LoRA hyper-parameters, as PEFT names them.
 *
 * @param rank {@code r}, the inner dimension of {@code B·A}
 * @param alpha {@code lora_alpha}; the update is scaled by {@code alpha / rank}
 * @param dropout {@code lora_dropout} on the adapter's input while training
 * @param targetModules short projection names ({@code q_proj}, {@code v_proj}, ...)
 */
public record LoraConfig(int rank, double alpha, double dropout, List<String> targetModules) {

    public LoraConfig {
        if (rank < 1 || dropout < 0 || dropout >= 1 || targetModules.isEmpty()) {
            throw new IllegalArgumentException("LoRA needs rank >= 1, 0 <= dropout < 1 and target modules; got rank "
                    + rank + ", dropout " + dropout + ", targets " + targetModules);
        }
        for (String t : targetModules) {
            if (!WeightLayout.PROJECTIONS.contains(t)) {
                throw new IllegalArgumentException("LoRA target module '" + t + "' is not one of "
                        + WeightLayout.PROJECTIONS);
            }
        }
        targetModules = List.copyOf(targetModules);
    }

    /** The factor PEFT applies to {@code B·A·x}. */
    public double scale() {
        return alpha / rank;
    }
}
