package org.qtastudio.app.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.eval.QueryRecord;
import org.qtastudio.eval.RunExport;
import org.qtastudio.retrieval.Ranking;
import org.qtastudio.retrieval.RetrieverSpec;

/** A gold tool that a platform tool search did not return has no rank in the exports, not Integer.MAX_VALUE. */
class NotReturnedExportTest {

    @TempDir
    Path dir;

    private static EvalRun run(long id) {
        return new EvalRun(id, "c", "test", RetrieverSpec.ToolSearchBm25.defaults(), List.of(5, 10), Map.of(), 1, 0, 54, "f", 1,
                Instant.EPOCH, "original queries");
    }

    @Test
    void runCsvSaysNotReturned() {
        QueryRecord r = new QueryRecord("q1", "find movies", List.of("a", "b"), new int[] {2, Ranking.NOT_RETURNED}, List.of());
        StringWriter out = new StringWriter();
        RunExport.csv(run(1), List.of(r), new PrintWriter(out));
        String row = out.toString().lines().toList().get(1);
        assertTrue(row.startsWith("q1,find movies,a|b,2|not returned,"), row);
        assertFalse(row.contains(String.valueOf(Integer.MAX_VALUE)), row);
    }

    @Test
    void beforeAfterExportsLeaveTheRankEmpty() throws Exception {
        BeforeAfter c = new BeforeAfter(run(1), run(2), List.of(), List.of(new QueryChange("q1", List.of("a"), "find movies",
                "find movies", Ranking.NOT_RETURNED, 4, List.of(), List.of(), false)));
        Path jsonl = dir.resolve("out.jsonl");
        BeforeAfterExport.write(c, jsonl);
        String line = Files.readAllLines(jsonl).get(0);
        assertTrue(line.contains("\"worst_rank_before\":null,\"worst_rank_after\":4"), line);

        Path csv = dir.resolve("out.csv");
        BeforeAfterExport.write(c, csv);
        List<String> rows = Files.readAllLines(csv);
        int column = List.of(rows.get(0).split(",")).indexOf("worst_rank_before");
        assertEquals("", rows.get(1).split(",", -1)[column], rows.get(1));
        assertFalse(String.join("\n", rows).contains(String.valueOf(Integer.MAX_VALUE)));
    }
}
