package org.qtastudio.retrieval.platform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.qtastudio.retrieval.bm25.IdentifierAnalyzer;

/**
 * The regular expression a regex tool search runs for one query: either the query's content words joined into
 * alternatives ({@link #ofQuery}), as a model writes {@code weather|forecast} for "weather forecast for Paris",
 * or the query itself when the user gives a pattern ({@link #raw}). Patterns are matched case-insensitively
 * (Unicode case folding), as if they began with {@code (?i)}; a raw pattern can turn that off with {@code (?-i)}.
 *
 * <h2>The query-to-pattern rule</h2>
 * <ol>
 * <li>The query's words are its {@link IdentifierAnalyzer} tokens: lower-cased runs of letters and digits, split
 *     at camelCase and {@code _} (the same words the BM25 tool search indexes).</li>
 * <li>Tokens of one character and the {@linkplain #STOP_WORDS stop words} are dropped, as are repeats: a model
 *     searching for tools keeps the content words, and a one-letter alternative would match nearly every tool
 *     (the search matches substrings, as Python's {@code re.search} does).</li>
 * <li>Words are kept in query order while the pattern stays within {@link #MAX_LENGTH} characters, the limit
 *     Anthropic documents for {@code tool_search_tool_regex}; the rest are left out and reported.</li>
 * <li>The kept words, longest first (ties in query order), are joined with {@code |}. They are letters and
 *     digits only, so none needs escaping. Putting longer words first makes the longest word win where two
 *     overlap ({@code movies|movie} matches {@code movies} in "movies" and {@code movie} in "movie").</li>
 * </ol>
 * A query with no word left matches nothing: its ranking is empty, not an error.
 */
public final class SearchPattern {

    /** Longest pattern accepted, in characters: Anthropic's documented limit for regex tool search patterns. */
    public static final int MAX_LENGTH = 200;

    /** Function words a model leaves out of a tool search pattern: articles, pronouns, auxiliaries, prepositions. */
    public static final Set<String> STOP_WORDS = Set.of(
            "an", "the", "this", "that", "these", "those", "some", "any", "all", "each", "every", "no", "such", "other", "another",
            "me", "my", "mine", "myself", "we", "us", "our", "ours", "you", "your", "yours", "he", "him", "his", "she", "her",
            "hers", "it", "its", "they", "them", "their", "theirs", "what", "which", "who", "whom", "whose", "when", "where",
            "why", "how", "am", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "have", "has", "had",
            "can", "could", "will", "would", "shall", "should", "may", "might", "must", "and", "or", "but", "if", "then",
            "than", "so", "as", "at", "by", "for", "from", "in", "into", "of", "off", "on", "onto", "out", "over", "to", "up",
            "with", "about", "after", "before", "between", "during", "under", "without", "via", "per", "not", "there", "here",
            "also", "too", "very", "just", "please");

    private static final IdentifierAnalyzer WORDS = new IdentifierAnalyzer();

    private final String regex;
    private final Pattern pattern;
    private final List<String> leftOut;

    private SearchPattern(String regex, Pattern pattern, List<String> leftOut) {
        this.regex = regex;
        this.pattern = pattern;
        this.leftOut = leftOut;
    }

    /** The pattern the query-to-pattern rule (above) makes of a natural-language query. */
    public static SearchPattern ofQuery(String query) {
        Set<String> words = new LinkedHashSet<>();
        for (String token : WORDS.tokens(query)) {
            if (token.length() > 1 && !STOP_WORDS.contains(token)) {
                words.add(token);
            }
        }
        List<String> kept = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        int length = -1;
        for (String word : words) {
            if (leftOut.isEmpty() && length + 1 + word.length() <= MAX_LENGTH) {
                kept.add(word);
                length += 1 + word.length();
            } else {
                leftOut.add(word);
            }
        }
        kept.sort(Comparator.comparingInt(String::length).reversed());
        String regex = String.join("|", kept);
        return new SearchPattern(regex, regex.isEmpty() ? null : compile(regex), List.copyOf(leftOut));
    }

    /**
     * A pattern the user wrote (Java regex syntax, which agrees with Python's {@code re} for the literals,
     * classes, {@code .*}, {@code |} and inline flags that tool search patterns use); refused, naming it, when it is
     * longer than {@link #MAX_LENGTH} or is not a valid regular expression.
     */
    public static SearchPattern raw(String regex) {
        if (regex.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the pattern '" + regex + "' is " + regex.length()
                    + " characters long; a tool search pattern may have at most " + MAX_LENGTH);
        }
        return new SearchPattern(regex, compile(regex), List.of());
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + regex + "' is not a valid regular expression: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""), e);
        }
    }

    /** The regular expression, empty when the query had no usable word. */
    public String regex() {
        return regex;
    }

    /** True when the query had no usable word: the search returns no tool. */
    public boolean matchesNothing() {
        return pattern == null;
    }

    /** The compiled, case-insensitive pattern; null when {@link #matchesNothing()}. */
    public Pattern pattern() {
        return pattern;
    }

    /** Words of the query that did not fit within {@link #MAX_LENGTH}, in query order. */
    public List<String> leftOut() {
        return leftOut;
    }

    @Override
    public String toString() {
        return regex;
    }
}
