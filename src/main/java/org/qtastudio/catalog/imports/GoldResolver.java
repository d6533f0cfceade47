package org.qtastudio.catalog.imports;

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
 * and {@code /person/{movie_id}} for {@code /person/{person_id}}), and catalogs key tools under their API or
 * server ({@code Spotify Web API/GET /albums/{id}}, {@code github/create_issue}) while gold often names the bare
 * operation or tool. So after an exact match it tries, in order: whitespace and case normalised, then path
 * parameters' names ignored, then the same two on the part of a key after a {@code /} (a namespaced key's local
 * name), each only when exactly one tool fits. A reference that several tools fit is reported as ambiguous with
 * those tools; anything unmatched is reported, never dropped in silence.
 */
final class GoldResolver {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{[^}]*}");
    /** Candidates named in an ambiguity report; more are counted, not listed. */
    private static final int SHOWN_CANDIDATES = 5;

    private final Set<String> exact;
    private final Map<String, List<String>> normalised = new HashMap<>();
    private final Map<String, List<String>> withoutParameterNames = new HashMap<>();
    private final Map<String, List<String>> localNormalised = new HashMap<>();
    private final Map<String, List<String>> localWithoutParameterNames = new HashMap<>();
    private final List<ImportReport.UnmatchedGold> unmatched = new ArrayList<>();
    private int resolvedByNormalisation;

    GoldResolver(List<String> toolKeys) {
        exact = new HashSet<>(toolKeys);
        for (String key : toolKeys) {
            index(normalised, withoutParameterNames, key, key);
            // every tail after a namespace '/', i.e. one before the path of "METHOD /path":
            // "org/srv/tool" -> "srv/tool", "tool"; "API/GET /a/b" -> "GET /a/b" (not "b")
            int pathStart = key.indexOf(" /");
            int end = pathStart < 0 ? key.length() - 1 : pathStart;
            for (int slash = key.indexOf('/'); slash > 0 && slash < end; slash = key.indexOf('/', slash + 1)) {
                index(localNormalised, localWithoutParameterNames, key.substring(slash + 1), key);
            }
        }
    }

    private static void index(Map<String, List<String>> byNormalised, Map<String, List<String>> byShape, String name, String key) {
        String n = normalise(name);
        add(byNormalised, n, key);
        add(byShape, eraseParameterNames(n), key);
    }

    private static void add(Map<String, List<String>> index, String name, String key) {
        List<String> keys = index.computeIfAbsent(name, k -> new ArrayList<>(1));
        if (!keys.contains(key)) {
            keys.add(key);
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
            List<String> fits = match(ref);
            if (fits.size() == 1) {
                keys.add(fits.get(0));
            } else {
                unresolved.add(ref);
                List<String> shown = fits.size() > SHOWN_CANDIDATES ? fits.subList(0, SHOWN_CANDIDATES) : fits;
                unmatched.add(new ImportReport.UnmatchedGold(draft.key(), draft.text(), ref, List.copyOf(shown), fits.size()));
            }
        }
        return new Resolution(List.copyOf(keys), unresolved);
    }

    /** The one key the reference names, or the candidates when it is ambiguous, or nothing. */
    private List<String> match(String ref) {
        if (exact.contains(ref)) {
            return List.of(ref);
        }
        String n = normalise(ref);
        String shape = eraseParameterNames(n);
        for (List<String> fits : List.of(at(normalised, n), at(withoutParameterNames, shape), at(localNormalised, n),
                at(localWithoutParameterNames, shape))) {
            if (fits.size() == 1) {
                resolvedByNormalisation++;
                return fits;
            }
            if (fits.size() > 1) {
                return fits;
            }
        }
        return List.of();
    }

    private static List<String> at(Map<String, List<String>> index, String name) {
        return index.getOrDefault(name, List.of());
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
