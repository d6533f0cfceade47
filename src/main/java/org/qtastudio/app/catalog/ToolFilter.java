package org.qtastudio.app.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Predicate;

/** The table's instant search: every typed word must occur in the tool's key, name or description. */
public final class ToolFilter {

    private ToolFilter() {
    }

    public static Predicate<ToolRow> of(String typed) {
        String[] words = Arrays.stream(typed == null ? new String[0] : typed.toLowerCase(Locale.ROOT).split("\\s+"))
                .filter(w -> !w.isEmpty()).toArray(String[]::new);
        if (words.length == 0) {
            return row -> true;
        }
        return row -> {
            for (String w : words) {
                if (!row.searchText().contains(w)) {
                    return false;
                }
            }
            return true;
        };
    }
}
