package org.qtastudio.app;

import org.qtastudio.catalog.importers.ImportException;
import org.qtastudio.common.CancelledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failure into a sentence for the screen (the service's own message); the stack trace goes to the log only.
 * Shared by the screens so every one reports failures the same way.
 */
public final class Messages {

    private static final Logger LOG = LoggerFactory.getLogger(Messages.class);

    private Messages() {
    }

    public static String readable(String doing, Throwable error) {
        if (error instanceof CancelledException) {
            return doing + ": cancelled.";
        }
        if (error instanceof ImportException || error instanceof IllegalArgumentException) {
            LOG.info("{} failed: {}", doing, error.getMessage()); // bad input, not a bug: no stack trace
        } else {
            LOG.warn("{} failed", doing, error);
        }
        Throwable cause = error;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String why = cause.getMessage() != null ? cause.getMessage() : "an unexpected " + cause.getClass().getSimpleName()
                + " (see the log for details)";
        return doing + " failed: " + why;
    }
}
