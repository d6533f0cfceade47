package org.qtastudio.bench.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.TestData;
import org.qtastudio.catalog.imports.ImportReport;
import org.qtastudio.store.Workspace;

/**
 * Imports in a separate JVM (the benchmark's main): one under a small heap to show memory stays bounded, one
 * killed mid-import to show the workspace still opens cleanly with no trace of it.
 */
class ImportProcessTest {

    /** 100,000 tools take about 30 s on the 2-core build machine, so the test uses 20,000; the benchmark does 100,000. */
    private static final int TOOLS = 20_000;
    private static final String HEAP = "-Xmx32m";

    @TempDir
    Path dir;

    private Process start(int tools, Path workDir, Path log) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), HEAP,
                "-cp", System.getProperty("java.class.path"), ImportBenchmark.class.getName(), String.valueOf(tools), workDir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void importsUnderASmallHeap() throws Exception {
        Path log = dir.resolve("out.log");
        Process p = start(TOOLS, dir.resolve("work"), log);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the import finished");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        String figures = out.lines().filter(l -> l.startsWith("imported ")).findFirst().orElseThrow(() -> new AssertionError(out));
        System.out.println("under " + HEAP + ": " + figures);
        assertTrue(figures.startsWith("imported 20,000 tools in"), figures);
        long maxMiB = Long.parseLong(figures.replaceAll(".* of max (\\d+) MiB$", "$1"));
        assertTrue(maxMiB <= 32, figures);
        try (Workspace ws = Workspace.open(dir.resolve("work/bench.qta"))) {
            assertEquals(TOOLS, new CatalogStore(ws).require("bench").toolCount());
        }
    }

    @Test
    void killedImportLeavesTheWorkspaceOpeningCleanly() throws Exception {
        Path log = dir.resolve("out.log");
        Path work = dir.resolve("work");
        Process p = start(60_000, work, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        // killed once its own progress says rows are written inside the open transaction
        while (!Files.readString(log).contains("in transaction:") && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.readString(log).contains("in transaction:"), "no progress within 60 s: " + Files.readString(log));
        assertTrue(p.isAlive(), "still importing when killed: " + Files.readString(log));
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertFalse(Files.readString(log).contains("imported "), "killed before the import committed");
        try (Workspace ws = Workspace.open(work.resolve("bench.qta"))) {
            assertEquals(List.of(), new CatalogStore(ws).catalogs());
            Path small = TestData.write(dir, "small.json", "[{\"name\": \"after_crash\", \"parameters\": {}}]");
            ImportReport report = TestData.importInto(ws, small, null, null);
            assertEquals(1, report.tools().added());
        }
    }
}
