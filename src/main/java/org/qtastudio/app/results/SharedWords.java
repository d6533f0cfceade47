package org.qtastudio.app.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The words a query shares with its gold tools' documents: what the Results screen highlights to show why a
 * rewrite moved the gold tools up or down. Words are compared the way the default BM25 sees them (Lucene's
 * English analysis: lower case, possessives dropped, Porter stems, so "movies" matches "movie"); punctuation
 * never counts, and neither do the Snowball English stop words ("I", "my", "what", "the"…), which every
 * document shares and which would otherwise light up every query.
 */
public final class SharedWords {

    /** A run of the original text; the texts of a text's segments joined give the text back. */
    public record Segment(String text, boolean shared) {
    }

    private static final Analyzer ANALYZER = new EnglishAnalyzer(snowballStopWords());

    private final Set<String> vocabulary;

    private SharedWords(Set<String> vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** The vocabulary of some documents (e.g. the gold tools of one query). */
    public static SharedWords of(Collection<String> documents) {
        Set<String> terms = new HashSet<>();
        for (String document : documents) {
            analyze(document, (term, start, end) -> terms.add(term));
        }
        return new SharedWords(terms);
    }

    /** {@code text} cut into runs, each word the documents also use in a run of its own marked shared. */
    public List<Segment> segments(String text) {
        List<Segment> out = new ArrayList<>();
        int[] done = {0};
        analyze(text, (term, start, end) -> {
            if (vocabulary.contains(term)) {
                if (start > done[0]) {
                    out.add(new Segment(text.substring(done[0], start), false));
                }
                out.add(new Segment(text.substring(start, end), true));
                done[0] = end;
            }
        });
        if (done[0] < text.length()) {
            out.add(new Segment(text.substring(done[0]), false));
        }
        return out;
    }

    /** The shared words among {@code segments}, lower case, each once, in order of first appearance. */
    public static List<String> words(List<Segment> segments) {
        return segments.stream().filter(Segment::shared).map(s -> s.text().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private interface TermSink {
        void accept(String term, int start, int end);
    }

    private static void analyze(String text, TermSink sink) {
        try (TokenStream tokens = ANALYZER.tokenStream("text", text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                sink.accept(term.toString(), offset.startOffset(), offset.endOffset());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing text held in memory failed", e);
        }
    }

    private static CharArraySet snowballStopWords() {
        try (InputStream in = SnowballFilter.class.getResourceAsStream("english_stop.txt")) {
            if (in == null) {
                throw new IllegalStateException("lucene-analysis-common lacks snowball/english_stop.txt");
            }
            return WordlistLoader.getSnowballWordSet(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
