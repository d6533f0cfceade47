package org.qtastudio.retrieval.bm25;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Words as tool names and prose both spell them: runs of letters and digits, split where an identifier's words
 * meet, then lower-cased; no stop words, no stemming. {@code getWeatherForecast}, {@code get_weather_forecast},
 * {@code GetWeather-Forecast} and "get weather forecast" all give {@code get}, {@code weather}, {@code forecast}.
 *
 * <p>The splits, exactly: every character that is not a letter, combining mark or digit separates tokens
 * ({@code _}, {@code -}, {@code /}, {@code .}, {@code {}, spaces, …); inside a run, a token also ends before an
 * upper-case letter that follows a lower-case letter or a digit ({@code getWeather}, {@code base64Encode}) and
 * before the last upper-case letter of a run of them that a lower-case letter follows ({@code HTTPServer} gives
 * {@code http}, {@code server}). Letters and digits are not split apart otherwise, so {@code base64}, {@code s3},
 * {@code ipv4} and {@code v2} stay whole.
 */
public final class IdentifierAnalyzer extends Analyzer {

    /** Where tokens end: separators, or the empty string between two words of a camelCase identifier. */
    private static final Pattern SPLIT = Pattern.compile(
            "[^\\p{L}\\p{M}\\p{N}]+|(?<=[\\p{Ll}\\p{N}])(?=\\p{Lu})|(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})");

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new PatternTokenizer(SPLIT, -1);
        return new TokenStreamComponents(source, new LowerCaseFilter(source));
    }

    /** The tokens of a text in order, repeats kept. */
    public List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = tokenStream("", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
