package org.qtastudio.lm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class AttentionMasksTest {

    private static final float X = AttentionMasks.MASKED;

    @Test
    void leftPaddingKeepsPositionsAndHidesPadKeys() {
        int[][] mask = {{0, 1, 1}};
        assertArrayEquals(new long[] {0, 0, 1}, AttentionMasks.positions(mask, 3));
        assertArrayEquals(new float[] {X, X, X, X, 0, X, X, 0, 0}, AttentionMasks.causalBias(mask, 3, 0));
    }

    @Test
    void decodeStepSeesAllEarlierKeysOrOnlyTheWindow() {
        int[][] mask = {{1, 1, 1, 1}};
        assertArrayEquals(new long[] {3}, AttentionMasks.positions(mask, 1));
        assertArrayEquals(new float[] {0, 0, 0, 0}, AttentionMasks.causalBias(mask, 1, 0));
        assertArrayEquals(new float[] {X, X, 0, 0}, AttentionMasks.causalBias(mask, 1, 2));
    }
}
