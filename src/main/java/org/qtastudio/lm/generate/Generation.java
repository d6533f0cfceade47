package org.qtastudio.lm.generate;

/**
 * One continuation.
 *
 * @param promptIndex which prompt of the request it continues
 * @param tokens the new token ids, including an EOS id that ended it
 * @param finish why it ended
 */
public record Generation(int promptIndex, int[] tokens, Finish finish) {

    /** Why a row stopped. */
    public enum Finish { EOS, STOP_STRING, MAX_TOKENS }
}
