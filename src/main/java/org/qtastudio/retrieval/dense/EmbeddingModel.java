package org.qtastudio.retrieval.dense;

import java.util.List;

/** A text embedding model: texts in, fixed-size vectors out. */
public interface EmbeddingModel extends AutoCloseable {

    /** Identifies the model and every setting that changes its vectors; embedding caches are keyed by it. */
    String id();

    /** Length of every vector. */
    int dimension();

    /** Token limit; longer texts are cut to it. */
    int maxTokens();

    /** Number of tokens {@code text} has before truncation (special tokens included). */
    int tokenCount(String text);

    /** Embeds one batch of texts, in order. */
    float[][] embed(List<String> texts);

    @Override
    void close();
}
