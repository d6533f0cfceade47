package org.qtastudio.catalog;

import java.util.List;

/**
 * What an import did, for the user: counts of added, updated and unchanged rows, gold references that
 * matched no tool, and warnings.
 */
public record ImportReport(
        String catalog,
        String format,
        String source,
        Counts tools,
        Counts queries,
        int goldResolvedByNormalisation,
        List<UnmatchedGold> unmatchedGold,
        List<String> warnings) {

    /** Rows added, updated (content changed) and unchanged by a re-import. */
    public record Counts(int added, int updated, int unchanged) {
        public int total() {
            return added + updated + unchanged;
        }
    }

    /** A gold reference of a query that names no tool of the catalog. */
    public record UnmatchedGold(String queryKey, String queryText, String reference) {
    }

    /** One line for the CLI and the status bar. */
    public String summary() {
        return String.format("catalog '%s' (%s): %d tools (%d added, %d updated, %d unchanged), %d queries (%d added, %d updated, %d unchanged)%s",
                catalog, format, tools.total(), tools.added(), tools.updated(), tools.unchanged(),
                queries.total(), queries.added(), queries.updated(), queries.unchanged(),
                unmatchedGold.isEmpty() ? "" : ", " + unmatchedGold.size() + " gold references matched no tool");
    }
}
