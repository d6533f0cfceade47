package org.qtastudio.lm.model;

import com.sun.jna.Function;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Tunes how glibc's allocator treats the tensors PyTorch frees, and hands freed memory back when memory is tight.
 * By default glibc serves blocks above a moving threshold (at most 32 MiB) with fresh {@code mmap}s and unmaps them
 * when freed; a forward pass allocates and frees the same few sizes layer after layer, so every layer faulted in and
 * zeroed new pages: the kernel's page-fault path was 29% of a DPO step's samples and a batch-4 prefill of 424 tokens
 * of the 0.5B shape took 17.5 s instead of 9.7 s with freed blocks kept for reuse ({@link #keepFreedBlocks}). Where
 * memory is tight, {@link #release} returns the free pages. A no-op without glibc (macOS, Windows, musl).
 */
final class NativeHeap {

    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;
    /** Blocks up to this size come from the heap (larger ones do not fit glibc's 64 MiB thread heaps anyway). */
    private static final int MMAP_FROM_BYTES = 1 << 30;

    /** Set to false to measure glibc's default behaviour ({@code -Dqta.lm.keep-freed-blocks=false}, docs/lm-benchmarks.md). */
    static final String KEEP_PROPERTY = "qta.lm.keep-freed-blocks";

    private static final Function TRIM = find("malloc_trim");
    private static final Function MALLOPT = find("mallopt");
    private static boolean keeping;

    private NativeHeap() {
    }

    private static final Path STATM = Path.of("/proc/self/statm");
    private static final Function PAGE_SIZE = find("getpagesize");
    private static final long PAGE_BYTES = PAGE_SIZE == null ? 4096 : PAGE_SIZE.invokeInt(new Object[0]);

    /** Returns the free pages of the C heap to the system ({@code malloc_trim(0)}). */
    static void release() {
        if (TRIM != null) {
            TRIM.invokeInt(new Object[] {0L});
        }
    }

    /**
     * {@link #release}s only while the process's resident set exceeds {@code ceilingBytes}: freed blocks are reused
     * until memory grows past the ceiling, so a long training run pays the page faults of a trim rarely instead of
     * after every layer. {@code 0} trims always, {@link Long#MAX_VALUE} never.
     */
    static void releaseAbove(long ceilingBytes) {
        if (TRIM == null || ceilingBytes == Long.MAX_VALUE) {
            return;
        }
        if (ceilingBytes <= 0 || residentBytes() > ceilingBytes) {
            release();
        }
    }

    /** The resident set of this process ({@code /proc/self/statm}), or 0 where that cannot be read. */
    static long residentBytes() {
        try {
            String[] fields = Files.readString(STATM).trim().split(" ");
            return Long.parseLong(fields[1]) * PAGE_BYTES;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Keeps freed blocks in the C heap for the next layer instead of unmapping them, and stops glibc from trimming
     * the heap's top on every free: for the whole process, once. Only {@link #release} then shrinks the heap.
     */
    static synchronized void keepFreedBlocks() {
        if (keeping || MALLOPT == null || !Boolean.parseBoolean(System.getProperty(KEEP_PROPERTY, "true"))) {
            return;
        }
        MALLOPT.invokeInt(new Object[] {M_MMAP_THRESHOLD, MMAP_FROM_BYTES});
        MALLOPT.invokeInt(new Object[] {M_TRIM_THRESHOLD, Integer.MAX_VALUE});
        keeping = true;
    }

    private static Function find(String name) {
        if (!Platform.isLinux()) {
            return null;
        }
        try {
            return NativeLibrary.getInstance("c").getFunction(name);
        } catch (UnsatisfiedLinkError e) {
            return null; // a C library without it (musl has no malloc_trim and ignores mallopt)
        }
    }
}
