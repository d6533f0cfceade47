package org.qtastudio.app.baselines;

import org.qtastudio.catalog.Split;

/** Which of a catalog's labelled queries an evaluation runs on. */
public enum EvalScope {
    ALL("All labelled queries", null),
    TEST("Test split", Split.TEST),
    TRAIN("Train split", Split.TRAIN);

    private final String label;
    private final Split split;

    EvalScope(String label, Split split) {
        this.label = label;
        this.split = split;
    }

    /** The split to evaluate, or null for all queries. */
    public Split split() {
        return split;
    }

    @Override
    public String toString() {
        return label;
    }
}
