package org.qtastudio.app.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SharedWordsTest {

    private static final SharedWords MOVIES = SharedWords.of(List.of(
            "GET /movie/popular Get a list of the current popular movies on TMDB.",
            "GET /search/person Search for people by name."));

    private static String joined(List<SharedWords.Segment> segments) {
        return segments.stream().map(SharedWords.Segment::text).collect(Collectors.joining());
    }

    @Test
    void wordsOfTheDocumentsAreMarkedAndTheTextIsKeptWhole() {
        String query = "Which movies are popular right now?";
        List<SharedWords.Segment> segments = MOVIES.segments(query);
        assertEquals(query, joined(segments), "the segments give the text back, punctuation and spaces included");
        assertEquals(List.of("movies", "popular"), SharedWords.words(segments));
        assertTrue(segments.contains(new SharedWords.Segment("movies", true)), "a shared word is a segment of its own");
    }

    @Test
    void stemsMatchCaseIsIgnoredAndStopWordsAndPunctuationNeverCount() {
        // "Searching" matches "Search" by its stem and "People" matches "people" whatever the case; "for", "THE", "of"
        // and "my" are stop words, although the documents hold "for", "the" and "of"
        List<SharedWords.Segment> segments = MOVIES.segments("Searching for THE Movie of my People!!");
        assertEquals(List.of("searching", "movie", "people"), SharedWords.words(segments));
        assertEquals("Searching for THE Movie of my People!!", joined(segments));
    }

    @Test
    void aTextWithNothingInCommonIsOneUnsharedSegment() {
        assertEquals(List.of(new SharedWords.Segment("play some jazz", false)), MOVIES.segments("play some jazz"));
        assertEquals(List.of(), MOVIES.segments(""));
        assertEquals(List.of(), SharedWords.of(List.of()).segments("movies").stream().filter(SharedWords.Segment::shared).toList());
    }
}
