package org.qtastudio.catalog.importers;

import java.util.List;
import org.qtastudio.catalog.Split;

/**
 * A query as a source states it: its gold tools are references (tool keys, or REST strings like
 * {@code " GET /search/movie "}) that the import service resolves, reporting those that match no tool.
 */
public record QueryDraft(String key, String text, Split split, List<String> goldRefs) {

    public QueryDraft {
        goldRefs = goldRefs == null ? List.of() : List.copyOf(goldRefs);
    }
}
