package org.qtastudio.app.baselines;

import java.util.List;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.TextField;

/** The retrievers the Baselines screen can configure, with the text fields each starts from. */
public enum RetrieverKind {
    BM25("BM25 (Lucene)", RetrieverSpec.Bm25.DEFAULT_FIELDS),
    PAPER_BM25("BM25Okapi (paper-compatible)", RetrieverSpec.PaperBm25.defaults().fields()),
    DENSE("Dense embeddings", RetrieverSpec.Dense.DEFAULT_FIELDS),
    HYBRID("Hybrid of two (RRF)", RetrieverSpec.Bm25.DEFAULT_FIELDS),
    TOOL_SEARCH_REGEX("Platform tool search: regex", RetrieverSpec.ToolSearchRegex.DEFAULT_FIELDS),
    TOOL_SEARCH_BM25("Platform tool search: BM25", RetrieverSpec.ToolSearchRegex.DEFAULT_FIELDS);

    private final String label;
    private final List<TextField> defaultFields;

    RetrieverKind(String label, List<TextField> defaultFields) {
        this.label = label;
        this.defaultFields = defaultFields;
    }

    /** The fields this retriever uses unless the user picks others. */
    public List<TextField> defaultFields() {
        return defaultFields;
    }

    /**
     * The retrievers QTA can align against: those that rank the whole catalog. The platform searches return only what
     * they match, so a rewrite's unmatched gold tools would have no rank to reward.
     */
    public static List<RetrieverKind> forAlignment() {
        return List.of(BM25, PAPER_BM25, DENSE, HYBRID);
    }

    /** The retrievers a hybrid can fuse. */
    public static List<RetrieverKind> fusable() {
        return List.of(BM25, PAPER_BM25, DENSE);
    }

    @Override
    public String toString() {
        return label;
    }
}
