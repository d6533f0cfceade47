package org.qtastudio.catalog.importers;

import java.util.List;
import java.util.Optional;

/**
 * The MTRB subsets with a tool catalog. Their test queries keep MTRB's identity in their keys, so that a report can
 * tell whether a split is exactly one subset's test set, the only case where the paper's numbers compare.
 */
public enum MtrbSubset {
    RESTBENCH("MTRB-RestBench", "mtrb:restbench:"),
    METATOOL("MTRB-MetaTool", "mtrb:metatool:");

    /** Queries in each subset's test set. */
    public static final int TEST_QUERIES = 90;

    private final String title;
    private final String queryKeyPrefix;

    MtrbSubset(String title, String queryKeyPrefix) {
        this.title = title;
        this.queryKeyPrefix = queryKeyPrefix;
    }

    /** The name the paper gives the subset. */
    public String title() {
        return title;
    }

    /** What {@link MtrbImporter} puts before a test query's index in its key. */
    String queryKeyPrefix() {
        return queryKeyPrefix;
    }

    /** The subset whose whole test set these query keys are, if they are one. */
    public static Optional<MtrbSubset> testSetOf(List<String> queryKeys) {
        for (MtrbSubset s : values()) {
            if (queryKeys.size() == TEST_QUERIES && queryKeys.stream().distinct().count() == TEST_QUERIES
                    && queryKeys.stream().allMatch(k -> k.startsWith(s.queryKeyPrefix))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
