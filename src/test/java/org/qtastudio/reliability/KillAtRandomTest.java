package org.qtastudio.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.align.AlignStore;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.cli.CliRun;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.eval.EvalRunStore;
import org.qtastudio.store.Workspace;

/**
 * The adversarial suite's kill -9: {@code import}, {@code eval} and {@code align} in a child JVM killed at points drawn from
 * fixed seeds (so a failure can be replayed). Afterwards the workspace passes SQLite's integrity check, an import
 * is either all there or not there at all, an evaluation run is stored whole or not at all, and an alignment run is either completed or resumable, and resuming it
 * completes it.
 */
class KillAtRandomTest {

    private static final Path SHARED = Path.of("..", "shared");
    private static final int TOOLS = 20_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void importKilledAtRandomPointsLeavesAllOrNothing() throws Exception {
        Path ws = dir.resolve("w.qta");
        Cli.ok("import", "-w", ws.toString(), "-c", "before", Cli.toolsFile(dir, 3).toString());
        Path big = Cli.toolsFile(Files.createDirectory(dir.resolve("big")), TOOLS);
        for (long seed = 1; seed <= 3; seed++) {
            // from JVM start-up through opening the workspace, the import, its commit and past the end
            long delay = new Random(seed).nextLong(500, 12_000);
            String name = "big-" + seed;
            Child child = Child.start("import", "-w", ws.toString(), "-c", name, big.toString());
            boolean finished = child.process().waitFor(delay, TimeUnit.MILLISECONDS);
            child.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertIntact(ws);
            try (Workspace w = Workspace.open(ws)) {
                CatalogStore catalogs = new CatalogStore(w);
                assertEquals(3, catalogs.require("before").toolCount());
                var imported = catalogs.catalogs().stream().filter(c -> c.name().equals(name)).findFirst();
                assertTrue(imported.isEmpty() || imported.get().toolCount() == TOOLS,
                        "seed " + seed + " (killed after " + delay + " ms): all or nothing, not " + imported);
                assertTrue(!finished || imported.isPresent(), "an import that exited was committed");
                System.out.println("import seed " + seed + ": killed after " + delay + " ms, catalog "
                        + (imported.isPresent() ? "complete" : "absent"));
            }
        }
    }

    @Test
    @Timeout(value = 540, unit = TimeUnit.SECONDS)
    void alignKilledAtRandomPointsIsCompletedOrResumable() throws Exception {
        Path tokenizer = SHARED.resolve("fixtures/tokenizers/qwen3");
        Assumptions.assumeTrue(Files.isDirectory(tokenizer) && Files.isDirectory(SHARED.resolve("datasets/mtrb/restbench")),
                "../shared absent");
        Path ws = dir.resolve("w.qta");
        Path model = dir.resolve("tiny");
        Cli.ok("lm", "init-random", "--tokenizer", tokenizer.toString(), "--out", model.toString(), "--architecture",
                "qwen3", "--hidden-size", "32", "--layers", "1", "--heads", "2", "--kv-heads", "1", "--head-dim", "16",
                "--intermediate-size", "64");
        Cli.ok("import", "-w", ws.toString(), SHARED.resolve("datasets/mtrb/restbench").toString());
        Cli.ok("import", "-w", ws.toString(), "-c", "mtrb-restbench", SHARED.resolve("datasets/restbench/tmdb.json").toString());
        // the phases of a run, in the order the child prints them
        List<String> phases = List.of("generating", "Sampled", "Reference log-probabilities", "step 1:", "step 2:");
        for (long seed = 1; seed <= 2; seed++) {
            Random random = new Random(seed);
            String phase = phases.get(random.nextInt(phases.size()));
            long extra = random.nextLong(0, 800);
            Child child = Child.start("align", "-w", ws.toString(), "-c", "mtrb-restbench", "--model", model.toString(),
                    "--epochs", "2", "--batch-size", "5", "--max-new-tokens", "8", "--tool-docs", "1");
            child.awaitOrExit(phase);
            Thread.sleep(extra);
            child.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertIntact(ws);
            long run = seed;
            AlignStore.Status status;
            try (Workspace w = Workspace.open(ws)) {
                status = new AlignStore(w).run(run).status();
            }
            String where = "seed " + seed + " (killed " + extra + " ms after '" + phase + "')";
            System.out.println("align " + where + ": run " + status);
            if (status != AlignStore.Status.completed) {
                assertTrue(Map.of(AlignStore.Status.created, 1, AlignStore.Status.sampling, 1, AlignStore.Status.training, 1)
                        .containsKey(status), where + ": " + status);
                CliRun.Result resumed = Cli.run("align", "-w", ws.toString(), "--resume", Long.toString(run));
                assertEquals(0, resumed.code(), where + ":\n" + resumed.all());
                try (Workspace w = Workspace.open(ws)) {
                    assertEquals(AlignStore.Status.completed, new AlignStore(w).run(run).status(), where);
                }
            }
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void evalKilledAtRandomPointsStoresWholeRunsOrNone() throws Exception {
        Path ws = dir.resolve("w.qta");
        int tools = 5_000;
        Cli.ok("import", "-w", ws.toString(), "-c", "big", Cli.toolsFile(dir, tools).toString());
        int queries = 200;
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < queries; i++) {
            jsonl.append("{\"id\":\"q").append(i).append("\",\"query\":\"records number ").append(i * 97 % tools)
                    .append("\",\"gold\":[\"tool_").append(i * 97 % tools).append("\"],\"split\":\"test\"}\n");
        }
        Path queryFile = dir.resolve("queries.jsonl");
        Files.writeString(queryFile, jsonl);
        Cli.ok("import", "-w", ws.toString(), "-c", "big", queryFile.toString());
        // one whole run in a child measures how long an eval takes here, so the kill points span it on any machine
        long start = System.nanoTime();
        Child whole = Child.start("eval", "-w", ws.toString(), "-c", "big", "--split", "test");
        assertTrue(whole.process().waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, whole.process().exitValue());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        for (long seed = 1; seed <= 4; seed++) {
            // through start-up, the BM25 index build (in its own folder, swapped in), the queries, the commit and after
            long delay = new Random(seed).nextLong(millis / 10, millis + millis / 5);
            Child child = Child.start("eval", "-w", ws.toString(), "-c", "big", "--split", "test");
            boolean finished = child.process().waitFor(delay, TimeUnit.MILLISECONDS);
            child.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertIntact(ws);
            try (Workspace w = Workspace.open(ws)) {
                EvalRunStore runs = new EvalRunStore(w);
                for (EvalRun run : runs.list()) {
                    assertEquals(queries, runs.records(run.id()).size(), "seed " + seed + ": a stored run has every query");
                }
                assertTrue(!finished || !runs.list().isEmpty(), "an eval that exited stored its run");
                System.out.println("eval seed " + seed + ": killed after " + delay + " ms, " + runs.list().size() + " runs stored");
            }
        }
        // whatever the kills left of the index, the next evaluation builds or reuses it and stores a whole run
        int before;
        try (Workspace w = Workspace.open(ws)) {
            before = new EvalRunStore(w).list().size();
        }
        Cli.ok("eval", "-w", ws.toString(), "-c", "big", "--split", "test");
        try (Workspace w = Workspace.open(ws)) {
            EvalRunStore runs = new EvalRunStore(w);
            assertEquals(before + 1, runs.list().size());
            assertEquals(queries, runs.records(runs.list().getFirst().id()).size());
        }
    }

    /** SQLite's own check of every page, index and constraint. */
    private static void assertIntact(Path ws) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ws);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            assertTrue(rs.next());
            assertEquals("ok", rs.getString(1));
        }
    }
}
