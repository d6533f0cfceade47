package org.qtastudio.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A whole catalog ordered by a retriever for one query, best first. Every tool has a rank, so metrics can
 * say where each gold tool landed however low; equal scores are ordered by catalog position, which makes
 * every ranking deterministic and reproducible.
 *
 * <p>A ranking may be <em>partial</em>: a search that returns only the tools it matched (as the agent platforms' tool
 * search does) returns the first {@link #returned()} tools and no others.
 * The tools it did not return rank {@link #NOT_RETURNED}, beyond every cutoff, so no metric counts them as found
 * however small the catalog; {@link #top} never lists them.
 */
public final class Ranking {

    /**
     * The rank of a tool that a partial ranking did not return: larger than any cutoff, so S@k, R@k and NDCG@k
     * count it as missed for every k and its reciprocal rank is (nearly) 0.
     */
    public static final int NOT_RETURNED = Integer.MAX_VALUE;

    /** A rank as people read it: a tool that a partial ranking did not return has none. */
    public static String describe(int rank) {
        return rank == NOT_RETURNED ? "not returned" : String.valueOf(rank);
    }

    private final ToolKeys keys;
    private final int[] order;
    private final double[] scores;
    private final int returned;
    private int[] rankByTool;

    private Ranking(ToolKeys keys, int[] order, double[] scores, int returned) {
        this.keys = keys;
        this.order = order;
        this.scores = scores;
        this.returned = returned;
    }

    /** Orders all tools by {@code scoreByTool} (indexed by catalog position), higher first, ties by catalog order. */
    public static Ranking byScore(ToolKeys keys, double[] scoreByTool) {
        if (scoreByTool.length != keys.size()) {
            throw new IllegalArgumentException("got " + scoreByTool.length + " scores for " + keys.size() + " tools");
        }
        Integer[] boxed = new Integer[scoreByTool.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = i;
        }
        // stable sort on score alone keeps catalog order among equal scores
        Arrays.sort(boxed, (a, b) -> Double.compare(scoreByTool[b], scoreByTool[a]));
        int[] order = new int[boxed.length];
        double[] scores = new double[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            order[i] = boxed[i];
            scores[i] = scoreByTool[boxed[i]];
        }
        return new Ranking(keys, order, scores, order.length);
    }

    /**
     * This ranking made partial: the tools with a positive score (a prefix, as higher scores come first) are
     * returned, the others not. A ranking whose scores are all positive is returned as it is; one whose scores are
     * all 0 returns nothing.
     */
    public Ranking positiveOnly() {
        int n = 0;
        while (n < returned && scores[n] > 0) {
            n++;
        }
        return n == returned ? this : new Ranking(keys, order, scores, n);
    }

    public ToolKeys keys() {
        return keys;
    }

    /** Number of ranked tools (the catalog size). */
    public int size() {
        return order.length;
    }

    /** How many tools the retriever returned: the catalog size unless the ranking is partial. */
    public int returned() {
        return returned;
    }

    /** The tool at a 0-based position; positions from {@link #returned()} on hold the tools not returned, in catalog order. */
    public Hit hit(int position) {
        return new Hit(position + 1, keys.key(order[position]), scores[position]);
    }

    /** The first {@code k} returned hits; all of them when {@code k} exceeds {@link #returned()}. */
    public List<Hit> top(int k) {
        int n = Math.min(k, returned);
        List<Hit> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(hit(i));
        }
        return out;
    }

    /** The 1-based rank of a tool by catalog position, or {@link #NOT_RETURNED}. */
    public int rankOfTool(int toolPosition) {
        if (rankByTool == null) {
            int[] ranks = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                ranks[order[i]] = i < returned ? i + 1 : NOT_RETURNED;
            }
            rankByTool = ranks;
        }
        return rankByTool[toolPosition];
    }

    /** The 1-based rank of a tool by key, or {@link #NOT_RETURNED}. */
    public int rankOf(String key) {
        int position = keys.indexOf(key);
        if (position < 0) {
            throw new IllegalArgumentException("no tool with key '" + key + "' in this catalog");
        }
        return rankOfTool(position);
    }
}
