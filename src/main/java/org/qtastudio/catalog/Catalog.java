package org.qtastudio.catalog;

import java.time.Instant;

/** A named set of tools and the queries annotated against it, as stored in a workspace. */
public record Catalog(long id, String name, Instant createdAt, int toolCount, int queryCount) {
}
