package org.qtastudio.catalog;

import java.util.Locale;

/** The role of a query: QTA trains on {@code TRAIN}, metrics are reported on {@code TEST}. */
public enum Split {
    TRAIN, TEST, UNLABELLED;

    /** The lower-case name stored in the workspace and accepted on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Split parse(String text) {
        for (Split s : values()) {
            if (s.id().equalsIgnoreCase(text.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown split '" + text + "' (expected train, test or unlabelled)");
    }
}
