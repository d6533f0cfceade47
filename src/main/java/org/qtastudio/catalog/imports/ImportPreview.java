package org.qtastudio.catalog.imports;

import java.util.List;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.importers.QueryDraft;

/**
 * What an import would do, from a dry run: the report it would print and the first tools and queries of the
 * source, so a user sees that the format was read as they meant before anything is stored.
 */
public record ImportPreview(ImportReport report, List<Tool> firstTools, List<QueryDraft> firstQueries) {

    /** How many tools and queries a preview keeps to show. */
    public static final int SAMPLE = 200;
}
