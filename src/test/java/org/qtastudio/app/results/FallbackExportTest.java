package org.qtastudio.app.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.retrieval.RetrieverSpec;

/** A rewrite that fell back to the original query is marked in the export (JSONL and CSV) and counted. */
class FallbackExportTest {

    @TempDir
    Path dir;

    private static EvalRun run(long id, String queries) {
        return new EvalRun(id, "c", "test", RetrieverSpec.Bm25.defaults(), List.of(5, 10), Map.of(), 2, 0, 54, "f", 1,
                Instant.EPOCH, queries);
    }

    private static QueryChange change(String key, String before, String after, boolean fallback) {
        return new QueryChange(key, List.of("GET /search/movie"), before, after, 3, 3, List.of(), List.of(), fallback);
    }

    @Test
    void fallbacksAreMarkedInBothExportsAndCounted() throws Exception {
        EvalRun original = run(1, "original queries");
        EvalRun rewritten = run(2, "rewrites by tiny (adapter of align run 1, greedy)");
        assertTrue(BeforeAfter.isRewrite(rewritten));
        assertTrue(!BeforeAfter.isRewrite(original));
        BeforeAfter c = new BeforeAfter(original, rewritten, List.of(), List.of(
                change("q1", "find movies", "search movie by title", false),
                change("q2", "who directed Alien", "who directed Alien", true)));
        assertEquals(1, c.fallbacks());

        Path jsonl = dir.resolve("out.jsonl");
        BeforeAfterExport.write(c, jsonl);
        List<String> lines = Files.readAllLines(jsonl);
        assertTrue(lines.get(0).contains("\"rewrite_fallback\":false"), lines.get(0));
        assertTrue(lines.get(1).contains("\"rewrite_fallback\":true"), lines.get(1));

        Path csv = dir.resolve("out.csv");
        BeforeAfterExport.write(c, csv);
        List<String> rows = Files.readAllLines(csv);
        List<String> header = List.of(rows.get(0).split(","));
        int column = header.indexOf("rewrite_fallback");
        assertTrue(column >= 0, rows.get(0));
        assertEquals("true", rows.get(2).split(",")[column]);
        assertEquals("false", rows.get(1).split(",")[column]);
    }
}
