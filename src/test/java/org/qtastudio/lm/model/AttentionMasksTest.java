package org.qtastudio.lm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
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

    @Test
    void rejectedSeesThePromptAndItselfButNotChosen() {
        // prompt a b ‖ chosen c d ‖ rejected e ‖ padding
        int[][] segments = {{1, 1, 2, 2, 3, 0}};
        assertArrayEquals(new long[] {0, 1, 2, 3, 2, 0}, AttentionMasks.segmentPositions(segments));
        assertArrayEquals(new float[] {
                0, X, X, X, X, X,
                0, 0, X, X, X, X,
                0, 0, 0, X, X, X,
                0, 0, 0, 0, X, X,
                0, 0, X, X, 0, X,
                X, X, X, X, X, X}, AttentionMasks.segmentBias(segments, 0));
    }

    @Test
    void segmentWindowCountsPositionsNotIndices() {
        int[][] segments = {{1, 1, 2, 2, 3}};
        // rejected (position 2) is 2 positions from the first prompt token although 4 indices away
        float[] bias = AttentionMasks.segmentBias(segments, 2);
        assertArrayEquals(new float[] {X, 0, X, X, 0}, Arrays.copyOfRange(bias, 20, 25));
    }

    @Test
    void oneBranchPerRowIsTheCausalMask() {
        int[][] segments = {{1, 1, 2, 2}, {1, 2, 2, 0}};
        int[][] keyMask = {{1, 1, 1, 1}, {1, 1, 1, 0}};
        // identical except at the padding token, whose position and attention no one reads
        assertArrayEquals(Arrays.copyOf(AttentionMasks.positions(keyMask, 4), 7),
                Arrays.copyOf(AttentionMasks.segmentPositions(segments), 7));
        float[] causal = AttentionMasks.causalBias(keyMask, 4, 0);
        float[] segment = AttentionMasks.segmentBias(segments, 0);
        assertArrayEquals(Arrays.copyOf(causal, 28), Arrays.copyOf(segment, 28));
    }
}
