package org.qtastudio.retrieval;

import java.util.ArrayList;
import java.util.List;
import org.qtastudio.common.Progress;

/**
 * Ranks a tool catalog for a query. Implementations are built for one catalog and one
 * {@link RetrieverSpec}; they are safe for use from one thread at a time unless {@link #threadSafe()} says otherwise.
 */
public interface Retriever extends AutoCloseable {

    /** The configuration this retriever was built from, stored with evaluation runs. */
    RetrieverSpec spec();

    /** The catalog's tool keys in catalog order. */
    ToolKeys tools();

    /**
     * The catalog ranked for {@code query}: metrics need the rank of every gold tool. A search that returns only what
     * it matched gives a {@linkplain Ranking#positiveOnly() partial} ranking, the others ranked beyond every cutoff.
     */
    Ranking rank(String query);

    /** The best {@code k} tools, equal to {@code rank(query).top(k)} but possibly cheaper. */
    default List<Hit> search(String query, int k) {
        return rank(query).top(k);
    }

    /** Ranks many queries (implementations batch where it pays), reporting progress and honouring cancel. */
    default List<Ranking> rankAll(List<String> queries, Progress progress) {
        List<Ranking> out = new ArrayList<>(queries.size());
        for (String q : queries) {
            progress.checkCancelled();
            out.add(rank(q));
            progress.update("Ranking queries", out.size(), queries.size());
        }
        return out;
    }

    /**
     * Whether several threads may search this retriever at once, as a server's request threads do. False unless an
     * implementation knows better: a server then takes turns rather than opening one retriever per thread.
     */
    default boolean threadSafe() {
        return false;
    }

    /** Notes about inputs this retriever had to change (e.g. truncated long queries), oldest first. */
    default List<String> warnings() {
        return List.of();
    }

    @Override
    default void close() {
    }

    /** The query text, stripped; a clear error when it is empty or only whitespace. */
    static String requireQuery(String query) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("the query is empty; type what the tool should do");
        }
        return query.strip();
    }
}
