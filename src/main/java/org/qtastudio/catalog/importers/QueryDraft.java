package org.qtastudio.catalog.importers;

import java.util.List;
import org.qtastudio.catalog.Split;

/**
 * A query as a source states it: its gold tools are references (tool keys, or REST strings like
 * {@code " GET /search/movie "}) that the import service resolves, reporting those that match no tool.
 *
 * @param split the split the source (or the user) names, or null when neither does: the import service then keeps
 *     the split a query already has, and chooses one for a new query (see {@code ImportService})
 * @param goldRefs the gold references; empty when the source states none, which never erases gold a query has
 */
public record QueryDraft(String key, String text, Split split, List<String> goldRefs) {

    public QueryDraft {
        goldRefs = goldRefs == null ? List.of() : List.copyOf(goldRefs);
    }
}
