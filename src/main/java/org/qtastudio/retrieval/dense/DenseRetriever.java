package org.qtastudio.retrieval.dense;

import java.util.ArrayList;
import java.util.List;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Progress;
import org.qtastudio.retrieval.Hit;
import org.qtastudio.retrieval.Ranking;
import org.qtastudio.retrieval.Retriever;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.TextField;
import org.qtastudio.retrieval.ToolKeys;

/**
 * Ranks tools by the inner product of their embedding with the query's (the cosine for normalised models).
 * Tool vectors are computed on open through the {@link Embedder} (so usually read from the cache); queries
 * longer than the model's token limit are truncated and noted in {@link #warnings()}, as are tool texts that
 * were truncated when they were embedded.
 */
public final class DenseRetriever implements Retriever {

    private final RetrieverSpec.Dense spec;
    private final ToolKeys keys;
    private final Embedder embedder;
    private final Embedder queryEmbedder;
    private final VectorIndex index;
    private final int embeddedTools;
    private final List<String> warnings = new ArrayList<>();

    public DenseRetriever(List<Tool> tools, RetrieverSpec.Dense spec, Embedder embedder, Progress progress) {
        this(tools, spec, embedder, embedder, progress);
    }

    /**
     * A retriever that embeds tools with {@code embedder} and queries with {@code queryEmbedder} (the same model): a
     * server's uses one without a cache, so that its users' queries are not kept.
     */
    public DenseRetriever(List<Tool> tools, RetrieverSpec.Dense spec, Embedder embedder, Embedder queryEmbedder, Progress progress) {
        if (!queryEmbedder.model().id().equals(embedder.model().id())) {
            throw new IllegalArgumentException("tools and queries must be embedded by the same model, not " + embedder.model().id()
                    + " and " + queryEmbedder.model().id());
        }
        this.spec = spec;
        this.keys = ToolKeys.of(tools);
        this.embedder = embedder;
        this.queryEmbedder = queryEmbedder;
        List<String> texts = tools.stream().map(t -> TextField.document(t, spec.fields())).toList();
        Embedder.Result result = embedder.embed(texts, progress);
        this.embeddedTools = result.computed();
        if (result.truncated() > 0) {
            warnings.add(result.truncated() + " tool texts were longer than the model's limit of " + embedder.model().maxTokens()
                    + " tokens and were truncated; only their beginning is matched");
        }
        this.index = new VectorIndex(result.vectors(), embedder.model().dimension());
    }

    /** How many tool texts had to be embedded when this retriever opened (0 when all were cached). */
    public int embeddedTools() {
        return embeddedTools;
    }

    @Override
    public RetrieverSpec spec() {
        return spec;
    }

    @Override
    public ToolKeys tools() {
        return keys;
    }

    @Override
    public Ranking rank(String query) {
        return rankAll(List.of(query), Progress.NONE).getFirst();
    }

    @Override
    public List<Hit> search(String query, int k) {
        if (keys.size() == 0) {
            return List.of();
        }
        return index.top(embedQueries(List.of(query), Progress.NONE)[0], k).hits(keys);
    }

    @Override
    public List<Ranking> rankAll(List<String> queries, Progress progress) {
        float[][] vectors = embedQueries(queries, progress);
        List<Ranking> out = new ArrayList<>(vectors.length);
        for (float[] v : vectors) {
            out.add(Ranking.byScore(keys, index.scores(v)));
        }
        return out;
    }

    private float[][] embedQueries(List<String> queries, Progress progress) {
        List<String> texts = new ArrayList<>(queries.size());
        EmbeddingModel model = embedder.model();
        for (String q : queries) {
            String text = Retriever.requireQuery(q);
            int tokens = model.tokenCount(text);
            if (tokens > model.maxTokens()) {
                warnings.add("query of " + tokens + " tokens truncated to the model's limit of " + model.maxTokens()
                        + ": \"" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "\"");
            }
            texts.add(text);
        }
        return queryEmbedder.embed(texts, progress).vectors();
    }

    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
