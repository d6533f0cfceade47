package org.qtastudio.common;

/**
 * Where long work (import, indexing, embedding, sampling, training, evaluation) reports how far it is
 * and learns whether the user cancelled. The GUI backs it with a {@code javafx.concurrent.Task}, the
 * CLI with a progress line on stderr; services never know which face drives them.
 */
public interface Progress {

    /** A sink that reports nowhere and is never cancelled, for callers that need neither. */
    Progress NONE = new Progress() {
        @Override
        public void update(String message, long done, long total) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /**
     * Reports progress.
     *
     * @param message what is being done, for a person
     * @param done units finished so far
     * @param total units in all, or -1 when unknown
     */
    void update(String message, long done, long total);

    /** Whether the user asked to stop; long loops poll this between units of work. */
    boolean isCancelled();

    /** Throws {@link CancelledException} when the user asked to stop; call between units of work. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }
}
