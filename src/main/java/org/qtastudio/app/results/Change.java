package org.qtastudio.app.results;

/**
 * Which way a query's gold tools moved between two runs, judged by the worst gold rank (the depth at which all
 * of them are retrieved, QTA's ranking function): the one classification the table filters, the chart colours
 * and the export share.
 */
public enum Change {
    IMPROVED("Improved", "improved"),
    WORSENED("Worsened", "worsened"),
    UNCHANGED("Unchanged", "unchanged");

    private final String label;
    private final String id;

    Change(String label, String id) {
        this.label = label;
        this.id = id;
    }

    /** Better when the gold tools are all found higher up (a smaller worst rank). */
    public static Change of(int worstRankBefore, int worstRankAfter) {
        int c = Integer.compare(worstRankAfter, worstRankBefore);
        return c < 0 ? IMPROVED : c > 0 ? WORSENED : UNCHANGED;
    }

    public String label() {
        return label;
    }

    /** Lower case, for exports and style classes. */
    public String id() {
        return id;
    }
}
