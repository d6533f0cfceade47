package org.qtastudio.retrieval.dense;

import java.util.stream.IntStream;
import org.qtastudio.retrieval.TopK;

/**
 * Exact inner-product search over vectors held in one flat array (cache friendly); for normalised vectors
 * the inner product is the cosine. Large indexes are scanned in parallel slices whose heaps are merged.
 */
public final class VectorIndex {

    private static final int PARALLEL_THRESHOLD = 20_000;

    private final float[] data;
    private final int dimension;
    private final int size;

    public VectorIndex(float[][] vectors, int dimension) {
        this.dimension = dimension;
        this.size = vectors.length;
        this.data = new float[size * dimension];
        for (int i = 0; i < size; i++) {
            if (vectors[i].length != dimension) {
                throw new IllegalArgumentException("vector " + i + " has " + vectors[i].length + " dimensions, expected " + dimension);
            }
            System.arraycopy(vectors[i], 0, data, i * dimension, dimension);
        }
    }

    public int size() {
        return size;
    }

    /** The score of every vector, by position. */
    public double[] scores(float[] query) {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = dot(query, i);
        }
        return out;
    }

    /** The best {@code k} positions (k is capped at the index size; an empty index gives an empty heap). */
    public TopK top(float[] query, int k) {
        int n = Math.max(1, Math.min(k, size));
        if (size < PARALLEL_THRESHOLD) {
            return scan(query, n, 0, size);
        }
        int slices = Math.max(1, Runtime.getRuntime().availableProcessors());
        int step = (size + slices - 1) / slices;
        return IntStream.range(0, slices).parallel()
                .mapToObj(s -> scan(query, n, s * step, Math.min(size, (s + 1) * step)))
                .reduce((a, b) -> {
                    a.addAll(b);
                    return a;
                }).orElseThrow();
    }

    private TopK scan(float[] query, int k, int from, int to) {
        TopK heap = new TopK(k);
        for (int i = from; i < to; i++) {
            double s = dot(query, i);
            if (heap.accepts(i, s)) {
                heap.offer(i, s);
            }
        }
        return heap;
    }

    /** Dot product with four independent accumulators, which the JIT pipelines well. */
    private double dot(float[] q, int row) {
        int base = row * dimension;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int d = 0;
        for (; d + 3 < dimension; d += 4) {
            s0 += q[d] * data[base + d];
            s1 += q[d + 1] * data[base + d + 1];
            s2 += q[d + 2] * data[base + d + 2];
            s3 += q[d + 3] * data[base + d + 3];
        }
        for (; d < dimension; d++) {
            s0 += q[d] * data[base + d];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
