package org.qtastudio.lm.model;

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
}
