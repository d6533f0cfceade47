package org.qtastudio.lm.model;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Hands memory that PyTorch has freed back to the operating system. glibc keeps freed blocks below its mmap
 * threshold (which rises to 32 MiB as large blocks are freed) in its heap for reuse; a checkpointed backward pass
 * frees and reallocates a layer's worth of such blocks for every layer, the heap fragments, and resident memory
 * climbed by about 60 MiB per layer: one DPO step of the 0.5B shape (4 pairs, 424 + 2 × 48 tokens) peaked at
 * 6,687 MiB, and at 5,152 MiB with a trim after each layer, against a plan of 4,771 ({@code bench dpo-peak},
 * docs/memory-plan.md). A no-op without glibc (macOS, Windows, musl).
 */
final class NativeHeap {

    private static final Function TRIM = find();

    private NativeHeap() {
    }

    /** Returns the free pages of the C heap to the system ({@code malloc_trim(0)}). */
    static void release() {
        if (TRIM != null) {
            TRIM.invokeInt(new Object[] {0L});
        }
    }

    private static Function find() {
        if (!Platform.isLinux()) {
            return null;
        }
        try {
            return NativeLibrary.getInstance("c").getFunction("malloc_trim");
        } catch (UnsatisfiedLinkError e) {
            return null; // a C library without malloc_trim (musl)
        }
    }
}
