package org.qtastudio.catalog.imports;

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

    /**
     * A gold reference of a query that names no tool of the catalog, or several (ambiguous).
     *
     * @param candidates the first tools the reference fits when it is ambiguous, else empty
     * @param candidateCount how many tools it fits: 0 when it names none
     */
    public record UnmatchedGold(String queryKey, String queryText, String reference, List<String> candidates, int candidateCount) {

        public UnmatchedGold {
            candidates = candidates == null ? List.of() : List.copyOf(candidates);
        }

        /** Why the reference stayed unresolved, for a report line. */
        public String reason() {
            if (candidateCount == 0) {
                return "matches no tool";
            }
            return "ambiguous: fits " + candidateCount + " tools (" + String.join(", ", candidates)
                    + (candidateCount > candidates.size() ? ", ..." : "") + "); give the full key";
        }
    }

    /** One line for the CLI and the status bar. */
    public String summary() {
        return String.format("catalog '%s' (%s): %d tools (%d added, %d updated, %d unchanged), %d queries (%d added, %d updated, %d unchanged)%s",
                catalog, format, tools.total(), tools.added(), tools.updated(), tools.unchanged(),
                queries.total(), queries.added(), queries.updated(), queries.unchanged(),
                unmatchedGold.isEmpty() ? "" : ", " + unmatchedGold.size() + " gold references matched no tool");
    }
}
