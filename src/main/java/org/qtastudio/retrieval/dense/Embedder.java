package org.qtastudio.retrieval.dense;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qtastudio.common.Hashing;
import org.qtastudio.common.Progress;

/**
 * Embeds many texts: looks them up in the cache, embeds only the missing distinct ones in batches of
 * similar length (less padding), stores each finished chunk so a cancel keeps what was done, and reports
 * progress between batches.
 */
public final class Embedder {

    /** Batches stored per cache write; bounds what a cancel loses. */
    private static final int BATCHES_PER_WRITE = 16;

    private final EmbeddingModel model;
    private final EmbeddingStore cache;
    private final int batchSize;

    /**
     * @param cache where vectors are kept between runs, or null to keep nothing
     * @param batchSize texts per model call
     */
    public Embedder(EmbeddingModel model, EmbeddingStore cache, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.model = model;
        this.cache = cache;
        this.batchSize = batchSize;
    }

    public EmbeddingModel model() {
        return model;
    }

    /**
     * Vectors for texts, in order.
     *
     * @param computed how many distinct texts the model had to embed (0 when all came from the cache)
     * @param truncated how many of those were longer than the model's token limit and were cut to it
     */
    public record Result(float[][] vectors, int computed, int truncated) {
    }

    public Result embed(List<String> texts, Progress progress) {
        Map<String, String> textByHash = new LinkedHashMap<>();
        String[] hashes = new String[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            hashes[i] = Hashing.sha256Hex(texts.get(i));
            textByHash.putIfAbsent(hashes[i], texts.get(i));
        }
        Map<String, float[]> found = cache == null ? new HashMap<>() : new HashMap<>(cache.get(model.id(), textByHash.keySet()));
        List<String> missing = new ArrayList<>();
        for (String h : textByHash.keySet()) {
            if (!found.containsKey(h)) {
                missing.add(h);
            }
        }
        missing.sort(Comparator.comparingInt(h -> textByHash.get(h).length()));
        Map<String, float[]> pending = new HashMap<>();
        int truncated = 0;
        for (int from = 0; from < missing.size(); from += batchSize) {
            progress.checkCancelled();
            List<String> batch = missing.subList(from, Math.min(missing.size(), from + batchSize));
            List<String> batchTexts = batch.stream().map(textByHash::get).toList();
            for (String t : batchTexts) {
                truncated += model.tokenCount(t) > model.maxTokens() ? 1 : 0;
            }
            float[][] vectors = model.embed(batchTexts);
            for (int i = 0; i < batch.size(); i++) {
                found.put(batch.get(i), vectors[i]);
                pending.put(batch.get(i), vectors[i]);
            }
            if (cache != null && pending.size() >= BATCHES_PER_WRITE * batchSize) {
                cache.put(model.id(), pending);
                pending.clear();
            }
            progress.update("Embedding with " + model.id(), from + batch.size(), missing.size());
        }
        if (cache != null && !pending.isEmpty()) {
            cache.put(model.id(), pending);
        }
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = found.get(hashes[i]);
        }
        return new Result(out, missing.size(), truncated);
    }
}
