package org.qtastudio.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qtastudio.retrieval.TestTools.rest;
import static org.qtastudio.retrieval.TestTools.tool;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Progress;
import org.qtastudio.retrieval.bm25.Bm25Analyzer;
import org.qtastudio.retrieval.bm25.LuceneBm25Retriever;
import org.qtastudio.retrieval.bm25.PaperBm25Retriever;

class Bm25Test {

    @TempDir
    Path dir;

    @Test
    void paperBm25MatchesRankBm25Okapi() {
        // expected values from rank_bm25 0.2.2's BM25Okapi formulas run in Python/numpy on the same corpus:
        // idf(a) and idf(b) are negative (df 2 of 3) and replaced by 0.25 * mean idf
        List<Tool> tools = List.of(tool("d0", "a b c"), tool("d1", "a a d"), tool("d2", "b  e\n"));
        PaperBm25Retriever bm25 = new PaperBm25Retriever(tools, RetrieverSpec.PaperBm25.defaults());
        Ranking r = bm25.rank("a c a");
        assertEquals(List.of("d0", "d1", "d2"), r.top(3).stream().map(Hit::key).toList());
        assertEquals(0.5319840815551146, r.hit(0).score(), 1e-15);
        assertEquals(0.07015630884339787, r.hit(1).score(), 1e-15);
        assertEquals(0.0, r.hit(2).score(), 0);
        // tokens are case-sensitive: "A" is not "a"
        assertEquals(0.0, bm25.rank("A C").hit(0).score(), 0);
    }

    @Test
    void luceneRanksStemmedTermsAndBreaksTiesByCatalogOrder() {
        List<Tool> tools = List.of(
                rest("GET", "/tv/{tv_id}", "Get the details of a TV show."),
                rest("GET", "/movie/{movie_id}", "Get the primary details of a movie."),
                rest("GET", "/search/movie", "Search for movies by title."),
                rest("GET", "/person/{person_id}", "Get a person's details."),
                tool("empty", ""));
        try (LuceneBm25Retriever bm25 = LuceneBm25Retriever.inMemory(tools, RetrieverSpec.Bm25.defaults())) {
            Ranking r = bm25.rank("search movies");
            assertEquals("GET /search/movie", r.hit(0).key());
            assertEquals(2, r.rankOf("GET /movie/{movie_id}"));
            // the rest do not match and follow in catalog order, the tool with an empty description included
            assertEquals(List.of("GET /tv/{tv_id}", "GET /person/{person_id}", "empty"),
                    r.top(5).subList(2, 5).stream().map(Hit::key).toList());
            assertEquals(r.top(3), bm25.search("search movies", 3));
            assertEquals(r.top(5), bm25.search("search movies", 50), "k larger than the catalog gives the whole catalog");
            assertEquals(5, bm25.rank("Ünïcödé 映画 ✓").size());
            assertThrows(IllegalArgumentException.class, () -> bm25.rank("   "));
        }
    }

    @Test
    void searchEqualsTopOfFullRankingOnManyTies() {
        List<Tool> tools = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            tools.add(tool("t" + i, i % 3 == 0 ? "weather forecast" : i % 3 == 1 ? "weather" : "stock prices"));
        }
        try (LuceneBm25Retriever bm25 = LuceneBm25Retriever.inMemory(tools, RetrieverSpec.Bm25.defaults())) {
            assertEquals(bm25.rank("weather forecast today").top(150), bm25.search("weather forecast today", 150));
        }
    }

    @Test
    void indexIsRebuiltOnlyWhenToolsOrSpecChange() {
        List<Tool> tools = List.of(tool("a", "send an email"), tool("b", "read the calendar"));
        RetrieverSpec.Bm25 spec = RetrieverSpec.Bm25.defaults();
        try (LuceneBm25Retriever first = LuceneBm25Retriever.openOrBuild(dir, "fp1", tools, spec, Progress.NONE)) {
            assertTrue(first.built());
        }
        try (LuceneBm25Retriever again = LuceneBm25Retriever.openOrBuild(dir, "fp1", tools, spec, Progress.NONE)) {
            assertFalse(again.built());
            assertEquals("a", again.search("email", 1).getFirst().key());
        }
        List<Tool> changed = List.of(tool("a", "send an email"), tool("b", "read the calendar"), tool("c", "email archive"));
        try (LuceneBm25Retriever rebuilt = LuceneBm25Retriever.openOrBuild(dir, "fp2", changed, spec, Progress.NONE)) {
            assertTrue(rebuilt.built());
            assertEquals(3, rebuilt.rank("email").size());
        }
        RetrieverSpec.Bm25 other = new RetrieverSpec.Bm25(spec.fields(), Bm25Analyzer.STANDARD, 1.2, 0.75);
        try (LuceneBm25Retriever rebuilt = LuceneBm25Retriever.openOrBuild(dir, "fp2", changed, other, Progress.NONE)) {
            assertTrue(rebuilt.built());
        }
    }

    @Test
    void specsRoundTripThroughJson() {
        RetrieverSpec spec = new RetrieverSpec.Hybrid(RetrieverSpec.Bm25.defaults(), RetrieverSpec.Dense.defaults(), 30);
        assertEquals(spec, RetrieverSpec.fromJson(spec.toJson()));
        assertTrue(spec.toJson().contains("\"method\""), spec.toJson());
        assertEquals(List.of(TextField.METHOD, TextField.PATH, TextField.DESCRIPTION), TextField.parseList("method, path,description,path"));
        assertThrows(IllegalArgumentException.class, () -> TextField.parseList("method,colour"));
    }
}
