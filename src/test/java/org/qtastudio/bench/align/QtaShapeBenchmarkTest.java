package org.qtastudio.bench.align;

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
        // each phase's figures are logged when it ends, before the next phases run
        String log = r.err();
        for (String phase : List.of("load", "sampling", "reference", "training", "rewrite load", "rewriting")) {
            assertTrue(log.contains("phase " + phase + " ended: "), phase + " ended in\n" + log);
        }
        assertTrue(log.matches("(?s).*phase sampling ended: [0-9.]+ s, \\d+ tokens, [0-9.]+ tok/s, peak RSS \\d+ MiB.*"), log);
        assertTrue(log.indexOf("phase sampling ended") < log.indexOf("phase training\n"), log);
        assertTrue(log.indexOf("phase training ended") < log.indexOf("phase rewriting\n"), log);
    }

    @Test
    void aPhaseIsLoggedOnceItsTokensAreCountedAndInOrder() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.util.Map<String, Long> counts = new java.util.HashMap<>(java.util.Map.of("load", 0L, "sampling", -1L, "reference", 7L));
        QtaShapeBenchmark.Clock clock = new QtaShapeBenchmark.Clock(new java.io.PrintWriter(out), counts::get);
        clock.start("load");
        clock.start("sampling");
        assertTrue(out.toString().contains("phase load ended: "), out.toString());
        clock.start("reference");
        clock.stop();
        // sampling's tokens are not known yet: neither it nor reference (after it) is logged
        assertTrue(!out.toString().contains("phase sampling ended") && !out.toString().contains("phase reference ended"), out.toString());
        counts.put("sampling", 12L);
        clock.update("Reference log-probabilities", 1, 2);
        String log = out.toString();
        assertTrue(log.contains("phase sampling ended: ") && log.contains(", 12 tokens, "), log);
        assertTrue(log.indexOf("phase sampling ended") < log.indexOf("phase reference ended: "), log);
        assertTrue(log.matches("(?s).*phase load ended: [0-9.]+ s, peak RSS [^\\n]*\\n.*"), "load has no token count: " + log);
    }
}
