package org.qtastudio.eval;

import java.util.ArrayList;
import java.util.List;
import org.qtastudio.catalog.UserQuery;

/**
 * How the gold of the queries an evaluation was given stands against the catalog, so a report says which queries it
 * scored and how, and which it left out and why. A query's gold can be unresolved (references that named no tool
 * when it was imported): a query whose gold is all unresolved cannot be scored and is left out (it is not a query
 * "without gold"); one with some resolved gold is scored on that, unless the user excludes such queries.
 *
 * @param withoutGold queries whose source gave no gold at all
 * @param onlyUnresolved queries whose gold is all unresolved: left out, as nothing they name can be ranked
 * @param partlyUnresolved queries with resolved and unresolved gold
 * @param partlyExcluded whether those were left out (else scored on their resolved gold only)
 */
public record GoldCoverage(int withoutGold, int onlyUnresolved, int partlyUnresolved, boolean partlyExcluded) {

    public static GoldCoverage of(List<UserQuery> queries, boolean excludePartly) {
        int without = 0;
        int only = 0;
        int partly = 0;
        for (UserQuery q : queries) {
            if (!q.hasAnyGold()) {
                without++;
            } else if (q.gold().isEmpty()) {
                only++;
            } else if (!q.unresolvedGold().isEmpty()) {
                partly++;
            }
        }
        return new GoldCoverage(without, only, partly, excludePartly);
    }

    /**
     * The queries as the evaluator is to see them: those to leave out with their gold emptied (the evaluator leaves
     * out and counts queries without gold), the rest unchanged.
     */
    public List<UserQuery> scored(List<UserQuery> queries) {
        if (!partlyExcluded) {
            return queries;
        }
        return queries.stream().map(q -> q.unresolvedGold().isEmpty() ? q
                : new UserQuery(q.key(), q.text(), q.split(), List.of(), q.unresolvedGold())).toList();
    }

    /** Queries left out, whatever the reason; equals the evaluation's excluded count. */
    public int excluded() {
        return withoutGold + onlyUnresolved + (partlyExcluded ? partlyUnresolved : 0);
    }

    /** Queries with any unresolved gold. */
    public int withUnresolved() {
        return onlyUnresolved + partlyUnresolved;
    }

    /** One line per kind of query left out or scored differently, for the terminal; empty when all was plain. */
    public List<String> notes() {
        List<String> out = new ArrayList<>();
        if (withoutGold > 0) {
            out.add(withoutGold + " queries without gold tools were excluded from the metrics");
        }
        if (onlyUnresolved > 0) {
            out.add(onlyUnresolved + " queries whose gold names no tool of the catalog (unresolved gold) were excluded:"
                    + " nothing they name can be ranked (`queries --unresolved` lists them)");
        }
        if (partlyUnresolved > 0) {
            out.add(partlyExcluded
                    ? partlyUnresolved + " queries with some unresolved gold were excluded (--exclude-unresolved)"
                    : partlyUnresolved + " queries with some unresolved gold were scored on their resolved gold only;"
                            + " --exclude-unresolved leaves them out");
        }
        return out;
    }
}
