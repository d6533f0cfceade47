package org.qtastudio.lm.model;

import java.util.Arrays;

/**
 * Builds the position ids and additive attention bias for padded batches, from a per-row key mask (1 = real
 * token, 0 = padding). Works for left padding (generation) and right padding (scoring) alike.
 */
public final class AttentionMasks {

    /** Added to the scores of keys a query must not see; finite so that fully masked padding rows stay finite. */
    static final float MASKED = -3.0e38f;

    private AttentionMasks() {
    }

    /**
     * Position ids of the last {@code queryLen} tokens: the number of real tokens before each one, so that left
     * padding does not shift positions (as Hugging Face does: {@code cumsum(mask) - 1}, clipped at 0).
     */
    public static long[] positions(int[][] keyMask, int queryLen) {
        int b = keyMask.length;
        long[] pos = new long[b * queryLen];
        for (int r = 0; r < b; r++) {
            int s = keyMask[r].length;
            int past = s - queryLen;
            long count = 0;
            for (int j = 0; j < s; j++) {
                count += keyMask[r][j];
                if (j >= past) {
                    pos[r * queryLen + j - past] = Math.max(0, count - 1);
                }
            }
        }
        return pos;
    }

    /**
     * Additive bias {@code [B, 1, T, S]} (flattened): query {@code t} sits at key index {@code S - T + t} and may
     * see key {@code j} when {@code j} is not after it, is a real token, and (with a sliding window {@code w > 0})
     * lies fewer than {@code w} places back.
     */
    public static float[] causalBias(int[][] keyMask, int queryLen, int window) {
        int b = keyMask.length;
        int s = keyMask[0].length;
        int past = s - queryLen;
        float[] bias = new float[b * queryLen * s];
        for (int r = 0; r < b; r++) {
            if (keyMask[r].length != s) {
                throw new IllegalArgumentException("key mask rows differ in length");
            }
            for (int t = 0; t < queryLen; t++) {
                int base = (r * queryLen + t) * s;
                for (int j = 0; j < s; j++) {
                    if (j > past + t || keyMask[r][j] == 0 || (window > 0 && past + t - j >= window)) {
                        bias[base + j] = MASKED;
                    }
                }
            }
        }
        return bias;
    }

    /**
     * Position ids of rows made of segments ({@code 0} = padding, {@code 1} = a prefix every later segment sees,
     * {@code 2, 3, …} = branches that see the prefix and themselves only, e.g. prompt ‖ chosen ‖ rejected): the
     * number of tokens a token sees before itself, so each branch's positions continue from the prefix.
     */
    public static long[] segmentPositions(int[][] segments) {
        int b = segments.length;
        int t = segments[0].length;
        long[] pos = new long[b * t];
        for (int r = 0; r < b; r++) {
            int prefix = 0;
            int branch = 0;
            int current = -1;
            for (int j = 0; j < t; j++) {
                int seg = segments[r][j];
                if (seg == 1) {
                    pos[r * t + j] = prefix++;
                } else if (seg > 1) {
                    if (seg != current) {
                        current = seg;
                        branch = 0;
                    }
                    pos[r * t + j] = prefix + branch++;
                }
            }
        }
        return pos;
    }

    /**
     * Additive bias {@code [B, 1, T, T]} (flattened) for rows of segments ({@link #segmentPositions}): a token
     * sees an earlier or same key of the prefix or of its own segment, within the sliding window ({@code w > 0})
     * counted in positions; padding sees nothing (its outputs are never read).
     */
    public static float[] segmentBias(int[][] segments, int window) {
        int b = segments.length;
        int t = segments[0].length;
        long[] pos = segmentPositions(segments);
        float[] bias = new float[b * t * t];
        Arrays.fill(bias, MASKED);
        for (int r = 0; r < b; r++) {
            if (segments[r].length != t) {
                throw new IllegalArgumentException("segment rows differ in length");
            }
            for (int i = 0; i < t; i++) {
                int si = segments[r][i];
                for (int j = 0; j <= i && si != 0; j++) {
                    int sj = segments[r][j];
                    boolean visible = sj == 1 || sj == si;
                    if (visible && (window <= 0 || pos[r * t + i] - pos[r * t + j] < window)) {
                        bias[(r * t + i) * t + j] = 0;
                    }
                }
            }
        }
        return bias;
    }
}
