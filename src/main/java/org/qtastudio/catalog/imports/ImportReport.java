package org.qtastudio.catalog.imports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import did, for the user: counts of added, updated, unchanged and removed rows, gold references that
 * matched no tool, gold that named a removed tool, and warnings.
 *
 * @param goldOfRemovedTools for a re-import that removed tools (a live MCP server that no longer lists them): query key ->
 *     the removed tools its gold named, kept on the query as unresolved gold, in query order
 */
public record ImportReport(
        String catalog,
        String format,
        String source,
        Counts tools,
        Counts queries,
        int goldResolvedByNormalisation,
        List<UnmatchedGold> unmatchedGold,
        Map<String, List<String>> goldOfRemovedTools,
        List<String> warnings) {

    public ImportReport {
        goldOfRemovedTools = Collections.unmodifiableMap(new LinkedHashMap<>(goldOfRemovedTools == null ? Map.of() : goldOfRemovedTools));
    }

    /**
     * Rows added, updated (content changed), unchanged, and removed by a re-import: only tools a live MCP server no
     * longer lists are ever removed.
     */
    public record Counts(int added, int updated, int unchanged, int removed) {

        public Counts(int added, int updated, int unchanged) {
            this(added, updated, unchanged, 0);
        }

        /** The rows the source holds now: every row but the removed. */
        public int total() {
            return added + updated + unchanged;
        }

        /** Whether the import changed none of these rows. */
        public boolean changesNothing() {
            return added == 0 && updated == 0 && removed == 0;
        }

        /** "9 tools unchanged", "2 tools added, 1 updated, 6 unchanged, 1 removed": the counts that are not 0; empty when all are. */
        String describe(String rows) {
            List<String> parts = new ArrayList<>();
            for (var count : List.of(Map.entry("added", added), Map.entry("updated", updated), Map.entry("unchanged", unchanged),
                    Map.entry("removed", removed))) {
                if (count.getValue() > 0) {
                    parts.add(count.getValue() + (parts.isEmpty() ? " " + rows + " " : " ") + count.getKey());
                }
            }
            return String.join(", ", parts);
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

    /** One line of every count, for the CLI and the dry run in the import dialog. */
    public String summary() {
        return String.format("catalog '%s' (%s): %d tools (%d added, %d updated, %d unchanged%s), %d queries (%d added, %d updated, %d unchanged)%s",
                catalog, format, tools.total(), tools.added(), tools.updated(), tools.unchanged(),
                tools.removed() == 0 ? "" : ", " + tools.removed() + " removed",
                queries.total(), queries.added(), queries.updated(), queries.unchanged(),
                unmatchedGold.isEmpty() ? "" : ", " + unmatchedGold.size() + " gold references matched no tool");
    }

    /** Whether the import added, updated and removed nothing: a re-import of an unchanged source. */
    public boolean changesNothing() {
        return tools.changesNothing() && queries.changesNothing();
    }

    /**
     * What the import did, in words: "Nothing changed in catalog 'x': 9 tools unchanged." or "Stored in catalog 'x': 2 tools
     * added, 1 updated, 6 unchanged, 1 removed.", and for a dry run what importing would do.
     */
    public String outcome(boolean dryRun) {
        if (dryRun) {
            String prospect = prospect();
            return "Dry run, nothing stored; " + Character.toLowerCase(prospect.charAt(0)) + prospect.substring(1);
        }
        return (changesNothing() ? "Nothing changed in " : "Stored in ") + changes();
    }

    /** What importing would do, for a dry run: "Importing would change catalog 'x': 9 tools added." */
    public String prospect() {
        return "Importing would change " + (changesNothing() ? "nothing in " : "") + changes();
    }

    /** "catalog 'x': 2 tools added, 1 updated; 10 queries added." */
    private String changes() {
        String counts = String.join("; ", java.util.stream.Stream.of(tools.describe("tools"), queries.describe("queries"))
                .filter(s -> !s.isEmpty()).toList());
        return "catalog '" + catalog + "': " + (counts.isEmpty() ? "no tools and no queries" : counts) + ".";
    }
}
