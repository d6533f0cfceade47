package org.qtastudio.align.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.cli.CliRun;
import org.qtastudio.lm.model.RandomModelWriter;

/** {@code bench qta-shape} on a tiny random model with small numbers: every phase is reported and the run completes. */
class QtaShapeBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void catalogIsDeterministicAndRestBenchShaped() {
        assertEquals(RestShapeCatalog.TOOLS, RestShapeCatalog.tools().size());
        assertEquals(RestShapeCatalog.TOOLS, RestShapeCatalog.tools().stream().map(RestShapeCatalog.GenTool::key).distinct().count());
        assertEquals(RestShapeCatalog.queries(10, 90, 42), RestShapeCatalog.queries(10, 90, 42));
        List<RestShapeCatalog.GenQuery> q = RestShapeCatalog.queries(10, 90, 42);
        assertEquals(10, q.stream().filter(x -> x.split().equals("train")).count());
        Set<String> keys = new HashSet<>();
        RestShapeCatalog.tools().forEach(t -> keys.add(t.key()));
        assertTrue(q.stream().allMatch(x -> !x.gold().isEmpty() && keys.containsAll(x.gold())));
        // documents fill the prompt's 400-character cut, as RestBench's do
        assertTrue(RestShapeCatalog.tools().stream().allMatch(t -> t.description().length() >= 380), "long descriptions");
    }

    @Test
    void reportsEveryPhaseOnATinyModel() throws Exception {
        Path tokenizer = Path.of("..", "shared", "fixtures", "tokenizers", "qwen3");
        Assumptions.assumeTrue(Files.isDirectory(tokenizer), "../shared absent");
        Path model = RandomModelWriter.tinyQwen3(tokenizer, dir.resolve("tiny"));
        CliRun.Result r = CliRun.run("bench", "qta-shape", "--model", model.toString(), "--train-queries", "3",
                "--test-queries", "2", "--samples", "2", "--max-new-tokens", "4", "--tool-docs", "1", "--epochs", "1",
                "--batch-size", "2");
        String printed = r.out();
        assertEquals(0, r.code(), r.all());
        for (String phase : List.of("load", "sampling", "reference", "training", "rewrite load", "rewriting")) {
            assertTrue(printed.lines().anyMatch(l -> l.startsWith(phase + " ")), phase + " in\n" + printed);
        }
        assertTrue(printed.contains("completed") && printed.contains("2 test rewrites"), printed);
        assertTrue(printed.contains("plan/peak"), printed);
    }
}
