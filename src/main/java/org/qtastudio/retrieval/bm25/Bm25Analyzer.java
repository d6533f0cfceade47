package org.qtastudio.retrieval.bm25;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * How Lucene BM25 turns text into terms. {@code english} (lower case, stop words, Porter stems) matches
 * "movies" to "movie" and is the default; {@code standard} only lower-cases; {@code whitespace} keeps case;
 * {@code identifier} splits camelCase and snake_case names into lower-cased words and keeps every word
 * ({@link IdentifierAnalyzer}), as the agent platforms' BM25 tool search does.
 */
public enum Bm25Analyzer {
    ENGLISH, STANDARD, WHITESPACE, IDENTIFIER;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Bm25Analyzer parse(String id) {
        for (Bm25Analyzer a : values()) {
            if (a.id().equalsIgnoreCase(id.strip())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown analyzer '" + id + "' (expected english, standard, whitespace or identifier)");
    }

    public Analyzer create() {
        return switch (this) {
            case ENGLISH -> new EnglishAnalyzer();
            case STANDARD -> new StandardAnalyzer();
            case WHITESPACE -> new WhitespaceAnalyzer();
            case IDENTIFIER -> new IdentifierAnalyzer();
        };
    }
}
