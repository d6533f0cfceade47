package org.qtastudio.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.qtastudio.catalog.importers.QueryDraft;

/**
 * Matches a source's gold references to tool keys. Sources are messy (RestBench has {@code " GET /search/movie "}
 * and {@code /person/{movie_id}} for {@code /person/{person_id}}), so after an exact match it tries, in order:
 * whitespace and case normalised, then path parameters' names ignored, each only when exactly one tool
 * fits. Anything still unmatched is reported, never dropped in silence.
 */
final class GoldResolver {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{[^}]*}");

    private final Set<String> exact;
    private final Map<String, List<String>> normalised = new HashMap<>();
    private final Map<String, List<String>> withoutParameterNames = new HashMap<>();
    private final List<ImportReport.UnmatchedGold> unmatched = new ArrayList<>();
    private int resolvedByNormalisation;

    GoldResolver(List<String> toolKeys) {
        exact = new HashSet<>(toolKeys);
        for (String key : toolKeys) {
            normalised.computeIfAbsent(normalise(key), k -> new ArrayList<>()).add(key);
            withoutParameterNames.computeIfAbsent(eraseParameterNames(normalise(key)), k -> new ArrayList<>()).add(key);
        }
    }

    boolean isEmpty() {
        return exact.isEmpty();
    }

    record Resolution(List<String> keys, List<String> unresolved) {
    }

    Resolution resolve(QueryDraft draft) {
        Set<String> keys = new LinkedHashSet<>();
        List<String> unresolved = new ArrayList<>();
        for (String ref : draft.goldRefs()) {
            String key = match(ref);
            if (key == null) {
                unresolved.add(ref);
                unmatched.add(new ImportReport.UnmatchedGold(draft.key(), draft.text(), ref));
            } else {
                keys.add(key);
            }
        }
        return new Resolution(List.copyOf(keys), unresolved);
    }

    private String match(String ref) {
        if (exact.contains(ref)) {
            return ref;
        }
        String n = normalise(ref);
        String key = unique(normalised.get(n));
        if (key == null) {
            key = unique(withoutParameterNames.get(eraseParameterNames(n)));
        }
        if (key != null) {
            resolvedByNormalisation++;
        }
        return key;
    }

    private static String unique(List<String> candidates) {
        return candidates != null && candidates.size() == 1 ? candidates.get(0) : null;
    }

    static String normalise(String ref) {
        String s = SPACES.matcher(ref.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
        int space = s.indexOf(' ');
        if (space > 0) {
            // "GET  /a/ b" -> "get /a/b": only the gap after the method is meaningful
            s = s.substring(0, space + 1) + s.substring(space + 1).replace(" ", "");
        }
        return s.endsWith("/") && s.length() > 1 && !s.endsWith(" /") ? s.substring(0, s.length() - 1) : s;
    }

    private static String eraseParameterNames(String normalisedRef) {
        return PATH_PARAMETER.matcher(normalisedRef).replaceAll("{}");
    }

    List<ImportReport.UnmatchedGold> unmatched() {
        return List.copyOf(unmatched);
    }

    int resolvedByNormalisation() {
        return resolvedByNormalisation;
    }
}
