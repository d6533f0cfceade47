package org.qtastudio.retrieval;

/**
 * The best {@code k} of a stream of (tool position, score) pairs in a bounded min-heap: O(n log k) instead
 * of sorting everything. "Better" means a higher score, or an equal score and an earlier catalog position,
 * so results do not depend on the order in which candidates are offered.
 */
public final class TopK {

    private final int capacity;
    private final int[] ids;
    private final double[] scores;
    private int size;

    public TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        this.capacity = k;
        this.ids = new int[k];
        this.scores = new double[k];
    }

    /** Whether a candidate would enter the heap; lets hot loops skip the call. */
    public boolean accepts(int id, double score) {
        return size < capacity || better(id, score, ids[0], scores[0]);
    }

    public void offer(int id, double score) {
        if (size < capacity) {
            ids[size] = id;
            scores[size] = score;
            siftUp(size++);
        } else if (better(id, score, ids[0], scores[0])) {
            ids[0] = id;
            scores[0] = score;
            siftDown(0);
        }
    }

    /** Adds everything another heap holds (to merge per-thread heaps). */
    public void addAll(TopK other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.ids[i], other.scores[i]);
        }
    }

    public int size() {
        return size;
    }

    /** The retained tools, best first, as hits of the catalog {@code keys}. */
    public java.util.List<Hit> hits(ToolKeys keys) {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> better(ids[a], scores[a], ids[b], scores[b]) ? -1 : 1);
        java.util.List<Hit> out = new java.util.ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new Hit(i + 1, keys.key(ids[order[i]]), scores[order[i]]));
        }
        return out;
    }

    static boolean better(int idA, double scoreA, int idB, double scoreB) {
        int c = Double.compare(scoreA, scoreB);
        return c > 0 || (c == 0 && idA < idB);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!better(ids[parent], scores[parent], ids[i], scores[i])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int worst = i;
            if (l < size && better(ids[worst], scores[worst], ids[l], scores[l])) {
                worst = l;
            }
            if (r < size && better(ids[worst], scores[worst], ids[r], scores[r])) {
                worst = r;
            }
            if (worst == i) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        int id = ids[a];
        ids[a] = ids[b];
        ids[b] = id;
        double s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
    }
}
