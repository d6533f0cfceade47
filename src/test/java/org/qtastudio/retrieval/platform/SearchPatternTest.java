package org.qtastudio.retrieval.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchPatternTest {

    @Test
    void aQueryBecomesItsContentWordsLongestFirst() {
        assertEquals("forecast|tomorrow|weather|paris", SearchPattern.ofQuery("What's the weather forecast for Paris tomorrow?").regex());
        // camelCase and snake_case are split like the BM25 tool search's tokens; repeats are dropped
        assertEquals("forecast|weather|get", SearchPattern.ofQuery("getWeatherForecast get_weather_forecast").regex());
        // equal lengths keep query order; one-letter tokens ("s" of "movie's") and stop words go
        assertEquals("movies|movie|cast|like", SearchPattern.ofQuery("The movie's cast, and movies like it").regex());
        assertEquals("mulholland|veronique|earlier|release|double|drive|date|life", SearchPattern.ofQuery(
                "Who has an earlier release date, The Double Life of Veronique or Mulholland Drive?").regex());
    }

    @Test
    void aQueryWithoutContentWordsMatchesNothing() {
        for (String q : List.of("what is it?", "a b c", "!!!", "of the and")) {
            SearchPattern p = SearchPattern.ofQuery(q);
            assertTrue(p.matchesNothing(), q);
            assertEquals("", p.regex());
        }
    }

    @Test
    void wordsBeyondTwoHundredCharactersAreLeftOutAndReported() {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            q.append("word").append((char) ('a' + i % 26)).append((char) ('a' + i / 26)).append(' '); // 6 letters each
        }
        SearchPattern p = SearchPattern.ofQuery(q.toString());
        // 28 words of 6 letters and 27 bars make 195 characters; a 29th would make 202
        assertEquals(195, p.regex().length());
        assertEquals(12, p.leftOut().size());
        assertEquals("wordcb", p.leftOut().getFirst());
    }

    @Test
    void rawPatternsAreCheckedAndMatchCaseInsensitively() {
        SearchPattern p = SearchPattern.raw("get_.*_data");
        assertTrue(p.pattern().matcher("GET_CUSTOMER_DATA").find());
        assertFalse(SearchPattern.raw("(?-i)get_.*_data").pattern().matcher("GET_CUSTOMER_DATA").find(), "(?-i) turns folding off");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> SearchPattern.raw("weather(forecast"));
        assertTrue(bad.getMessage().startsWith("'weather(forecast' is not a valid regular expression"), bad.getMessage());
        String longOne = "x".repeat(201);
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> SearchPattern.raw(longOne));
        assertTrue(tooLong.getMessage().contains(longOne) && tooLong.getMessage().contains("at most 200"), tooLong.getMessage());
        assertEquals(200, SearchPattern.raw("y".repeat(200)).regex().length());
    }
}
