package org.qtastudio.catalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A user request and the tools that answer it (its gold set, as tool keys of the same catalog).
 *
 * @param key stable identifier from the source, unique in a catalog
 * @param text the request as the user wrote it
 * @param split train, test or unlabelled
 * @param gold keys of the gold tools, in source order, without duplicates; empty when unlabelled
 * @param unresolvedGold gold references from the source that name no tool of the catalog (or several), kept so
 *     that a query whose gold did not resolve is not mistaken for one without gold, and an export keeps them
 */
public record UserQuery(String key, String text, Split split, List<String> gold, List<String> unresolvedGold) {

    public UserQuery {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(split, "split");
        gold = gold == null ? List.of() : List.copyOf(new LinkedHashSet<>(gold));
        unresolvedGold = unresolvedGold == null ? List.of() : List.copyOf(new LinkedHashSet<>(unresolvedGold));
    }

    /** A query whose gold all resolved. */
    public UserQuery(String key, String text, Split split, List<String> gold) {
        this(key, text, split, gold, List.of());
    }

    /** Whether the source gave gold, resolved or not. */
    public boolean hasAnyGold() {
        return !gold.isEmpty() || !unresolvedGold.isEmpty();
    }
}
