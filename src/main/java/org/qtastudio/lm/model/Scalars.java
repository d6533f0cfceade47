package org.qtastudio.lm.model;

import ai.djl.ndarray.NDArray;

/**
 * Scalars for arithmetic that training differentiates. DJL's {@code mul(Number)} and its kin wrap the number in an
 * array of Java memory and close it right after the operation, but PyTorch's backward pass, run later, still
 * reads it (mul, div and maximum keep their other operand): after a garbage collection in between, gradients
 * came out zero. An array made here stays open as long as the manager of the array it scales.
 */
public final class Scalars {

    private Scalars() {
    }

    /** {@code value} as a 0-dimensional array in {@code like}'s manager. */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().create((float) value);
    }
}
