package org.qtastudio.app.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * The longest keys and names of a catalog's rows (by characters), the candidates for the widest text of the Key and
 * Name columns. Found off the FX thread when the rows load: scanning 100,000 rows there cost a frame of 160 ms.
 */
public record LongestTexts(List<String> keys, List<String> names) {

    /** How many candidates per column are measured: pixel width is not character count, so more than one. */
    static final int CANDIDATES = 50;

    static final LongestTexts NONE = new LongestTexts(List.of(), List.of());

    public static LongestTexts of(List<ToolRow> rows) {
        return new LongestTexts(longest(rows, ToolRow::key), longest(rows, ToolRow::name));
    }

    private static List<String> longest(List<ToolRow> rows, Function<ToolRow, String> field) {
        PriorityQueue<String> longest = new PriorityQueue<>(Comparator.comparingInt(String::length));
        for (ToolRow row : rows) {
            String t = field.apply(row);
            if (t != null && (longest.size() < CANDIDATES || t.length() > longest.peek().length())) {
                longest.add(t);
                if (longest.size() > CANDIDATES) {
                    longest.poll();
                }
            }
        }
        return List.copyOf(longest);
    }
}
