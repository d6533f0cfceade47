package org.qtastudio.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A user request and the tools that answer it (its gold set, as tool keys of the same catalog).
 *
 * @param key stable identifier from the source, unique in a catalog
 * @param text the request as the user wrote it
 * @param split train, test or unlabelled
 * @param gold keys of the gold tools, in source order, without duplicates; empty when unlabelled
 */
public record UserQuery(String key, String text, Split split, List<String> gold) {

    public UserQuery {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(split, "split");
        gold = gold == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(gold));
    }
}
