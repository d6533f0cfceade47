package org.qtastudio.lm.model;

import ai.djl.ndarray.NDArray;

/**
 * Something that adds a trainable correction to a linear projection's output (LoRA). The decoder calls it for
 * every projection; the adapter answers {@code null} for modules it does not cover or while switched off.
 */
public interface ProjectionAdapter {

    /**
     * @param input the projection's input, {@code [..., in]}
     * @param module the Hugging Face module name, e.g. {@code model.layers.0.self_attn.q_proj}
     * @return the value to add to the projection's output, {@code [..., out]}, or {@code null}
     */
    NDArray delta(NDArray input, String module);

    /** True while the adapter trains: a backward pass will follow the forward pass that consults it. */
    default boolean isTraining() {
        return false;
    }
}
