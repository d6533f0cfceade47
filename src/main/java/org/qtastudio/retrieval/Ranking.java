package org.qtastudio.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A whole catalog ordered by a retriever for one query, best first. Every tool has a rank, so metrics can
 * say where each gold tool landed however low; equal scores are ordered by catalog position, which makes
 * every ranking deterministic and reproducible.
 */
public final class Ranking {

    private final ToolKeys keys;
    private final int[] order;
    private final double[] scores;
    private int[] rankByTool;

    private Ranking(ToolKeys keys, int[] order, double[] scores) {
        this.keys = keys;
        this.order = order;
        this.scores = scores;
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
        return new Ranking(keys, order, scores);
    }

    public ToolKeys keys() {
        return keys;
    }

    /** Number of ranked tools (the catalog size). */
    public int size() {
        return order.length;
    }

    /** The tool at a 0-based position. */
    public Hit hit(int position) {
        return new Hit(position + 1, keys.key(order[position]), scores[position]);
    }

    /** The first {@code k} hits; all of them when {@code k} exceeds the catalog. */
    public List<Hit> top(int k) {
        int n = Math.min(k, order.length);
        List<Hit> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(hit(i));
        }
        return out;
    }

    /** The 1-based rank of a tool by catalog position. */
    public int rankOfTool(int toolPosition) {
        if (rankByTool == null) {
            int[] ranks = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                ranks[order[i]] = i + 1;
            }
            rankByTool = ranks;
        }
        return rankByTool[toolPosition];
    }

    /** The 1-based rank of a tool by key. */
    public int rankOf(String key) {
        int position = keys.indexOf(key);
        if (position < 0) {
            throw new IllegalArgumentException("no tool with key '" + key + "' in this catalog");
        }
        return rankOfTool(position);
    }
}
