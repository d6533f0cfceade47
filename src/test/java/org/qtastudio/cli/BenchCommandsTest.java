package org.qtastudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The bench commands produce their Markdown (figures are not asserted: timings belong in benchmarks, not tests). */
class BenchCommandsTest {

    @TempDir
    Path dir;

    @Test
    void retrievalBenchWritesEveryFigureOnASmallCatalog() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path report = dir.resolve("docs/bench.md");
        int code = new CommandLine(new RetrievalBenchCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("--tools", "3000", "--queries", "20", "--embed-texts", "16", "--batch", "8",
                        "--mtrb", dir.resolve("no-mtrb").toString(), "--out", report.toString());
        assertEquals(0, code, err.toString());
        String md = Files.readString(report);
        assertEquals(out.toString(), md);
        for (String figure : new String[] {"BM25 index build, 3000 tools", "BM25 top-10 latency p50 / p99", "Embedding throughput",
            "raw ONNX Runtime", "Dense exact top-10 over 3000 vectors", "not measured: MTRB files not found"}) {
            assertTrue(md.contains(figure), figure + " missing in\n" + md);
        }
    }

    @Test
    void servingBenchLoadsTheServerAtEachNumberOfClients() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ServingBenchCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("--tools", "300", "--requests", "30", "--clients", "1,3", "--no-dense", "--tokenizer", dir.resolve("none").toString());
        assertEquals(0, code, err.toString());
        String md = out.toString();
        assertTrue(md.contains("Command: `qta-studio bench serving --tools 300 --requests 30 --clients 1,3 --no-dense"), md);
        assertTrue(md.contains("| BM25 | 1 | 30 |") && md.contains("| BM25 | 3 | 30 |"), md);
        assertTrue(md.lines().filter(l -> l.startsWith("| BM25 |")).allMatch(l -> l.endsWith("| 0 | 0 |")), "none failed:\n" + md);
        assertTrue(err.toString().contains("the rewriter's configurations are left out"), err.toString());
    }

    @Test
    void mtrbPageNeedsTheMtrbFolder() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new MtrbRegressionCommand()).setErr(new PrintWriter(err))
                .execute("--mtrb", dir.resolve("nowhere").toString());
        assertNotEquals(0, code);
        assertTrue(err.toString().contains("MTRB not found"), err.toString());
    }
}
