package org.qtastudio.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a delete removed from a catalog (or, in a dry run, would remove), so the user sees the count of what goes
 * and what it touched: gold references that named a deleted tool are kept on their queries as unresolved gold
 * (listed here), and evaluation runs keep their stored results.
 *
 * @param catalog the catalog's name
 * @param tools tools removed
 * @param queries queries removed
 * @param goldReferences gold references removed (a deleted query's gold, or gold that named a deleted tool)
 * @param unresolvedGold for a tool delete: query key -> the deleted tools its gold named, now unresolved gold, in query order
 * @param alignRuns QTA alignment runs removed with a deleted catalog
 * @param evalRunsKept evaluation runs of the catalog, which stay readable (their rankings and gold are stored whole)
 */
public record Deletion(String catalog, int tools, int queries, int goldReferences, Map<String, List<String>> unresolvedGold,
                       int alignRuns, int evalRunsKept) {

    public Deletion {
        // in the catalog's query order
        unresolvedGold = Collections.unmodifiableMap(new LinkedHashMap<>(unresolvedGold));
    }
}
