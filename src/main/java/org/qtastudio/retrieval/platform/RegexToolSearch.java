package org.qtastudio.retrieval.platform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qtastudio.catalog.Tool;
import org.qtastudio.retrieval.Ranking;
import org.qtastudio.retrieval.Retriever;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.TextField;
import org.qtastudio.retrieval.ToolKeys;

/**
 * A regex tool search as the agent platforms offer it (Anthropic's {@code tool_search_tool_regex}): a pattern is
 * searched, case-insensitively and anywhere in the text, in each tool's name, description and arguments, and the
 * tools it is found in are returned; the others are not (a {@linkplain Ranking#positiveOnly() partial} ranking).
 * The pattern is made from the query by the rule of {@link SearchPattern#ofQuery}, or is the query itself when
 * the spec says {@code rawPattern}.
 *
 * <p>The platforms do not document an order among matching tools; this one is fixed and stated:
 * <ol>
 * <li>more distinct matched strings first (case-folded, over all fields; with a pattern made from the query,
 *     the number of the query's words found in the tool);</li>
 * <li>then the field the pattern is found in first, in the spec's field order (by default name, then
 *     description, then arguments);</li>
 * <li>then catalog order.</li>
 * </ol>
 * The score shows both keys: the count of distinct strings plus (F − i) / (F + 1) for the i-th (0-based) of F
 * fields, so with the default fields 2.75 means two strings, found in the name.
 *
 * <p>Each field's text is searched on its own, so a match never spans two fields; the arguments are one text,
 * each argument's name followed by its description ({@link TextField#PARAMETERS}). A tool matches when the pattern
 * is found in any field, an empty match included, as Python's {@code re.search} reports it.
 */
public final class RegexToolSearch implements Retriever {

    private final RetrieverSpec.ToolSearchRegex spec;
    private final ToolKeys keys;
    /** Per tool, the text of each of the spec's fields. */
    private final String[][] texts;
    private final List<String> warnings = new ArrayList<>();

    public RegexToolSearch(List<Tool> tools, RetrieverSpec.ToolSearchRegex spec) {
        this.spec = spec;
        this.keys = ToolKeys.of(tools);
        this.texts = new String[tools.size()][];
        List<TextField> fields = spec.fields();
        for (int t = 0; t < texts.length; t++) {
            String[] row = new String[fields.size()];
            for (int f = 0; f < row.length; f++) {
                row[f] = fields.get(f).of(tools.get(t));
            }
            texts[t] = row;
        }
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
        String text = Retriever.requireQuery(query);
        SearchPattern pattern = spec.rawPattern() ? SearchPattern.raw(text) : SearchPattern.ofQuery(text);
        if (!pattern.leftOut().isEmpty()) {
            warnings.add("query '" + text + "': " + pattern.leftOut().size() + " words left out to keep the pattern within "
                    + SearchPattern.MAX_LENGTH + " characters: " + String.join(" ", pattern.leftOut()));
        }
        double[] scores = new double[texts.length];
        if (!pattern.matchesNothing()) {
            for (int t = 0; t < texts.length; t++) {
                scores[t] = score(pattern.pattern(), texts[t]);
            }
        }
        return Ranking.byScore(keys, scores).positiveOnly();
    }

    /** Distinct matched strings plus the bonus of the first field matched; 0 when the pattern is in no field. */
    static double score(Pattern pattern, String[] fields) {
        Set<String> found = null;
        int first = -1;
        for (int f = 0; f < fields.length; f++) {
            Matcher m = pattern.matcher(fields[f]);
            while (m.find()) {
                if (found == null) {
                    found = new HashSet<>();
                    first = f;
                }
                found.add(m.group().toLowerCase(Locale.ROOT));
            }
        }
        return found == null ? 0 : found.size() + (fields.length - first) / (fields.length + 1.0);
    }

    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
