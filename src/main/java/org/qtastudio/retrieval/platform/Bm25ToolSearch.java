package org.qtastudio.retrieval.platform;

import java.util.List;
import org.qtastudio.retrieval.Hit;
import org.qtastudio.retrieval.Ranking;
import org.qtastudio.retrieval.Retriever;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.ToolKeys;
import org.qtastudio.retrieval.bm25.LuceneBm25Retriever;

/**
 * A BM25 tool search as the agent platforms offer it (Anthropic's {@code tool_search_tool_bm25}): Lucene BM25
 * with k1 1.2 and b 0.75 over the tool's name, description and arguments joined, tokens from
 * {@link org.qtastudio.retrieval.bm25.IdentifierAnalyzer} (lower case, split at camelCase and {@code _}, no stop
 * words, no stems), returning only the tools that share a word with the query (a
 * {@linkplain Ranking#positiveOnly() partial} ranking), best first, equal scores in catalog order. The index is
 * the one {@link LuceneBm25Retriever} builds for {@link RetrieverSpec.ToolSearchBm25#lucene()}; closing this
 * search closes it.
 */
public final class Bm25ToolSearch implements Retriever {

    private final RetrieverSpec.ToolSearchBm25 spec;
    private final LuceneBm25Retriever index;

    public Bm25ToolSearch(RetrieverSpec.ToolSearchBm25 spec, LuceneBm25Retriever index) {
        if (!index.spec().equals(spec.lucene())) {
            throw new IllegalArgumentException("the index was built for " + index.spec().describe() + ", not " + spec.describe());
        }
        this.spec = spec;
        this.index = index;
    }

    @Override
    public RetrieverSpec spec() {
        return spec;
    }

    @Override
    public ToolKeys tools() {
        return index.tools();
    }

    @Override
    public Ranking rank(String query) {
        return index.rank(query).positiveOnly();
    }

    @Override
    public List<Hit> search(String query, int k) {
        return index.search(query, k).stream().filter(h -> h.score() > 0).toList();
    }

    @Override
    public boolean threadSafe() {
        return index.threadSafe();
    }

    @Override
    public List<String> warnings() {
        return index.warnings();
    }

    @Override
    public void close() {
        index.close();
    }
}
