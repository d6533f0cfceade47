package org.qtastudio.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.cli.CliRun;

/**
 * Issue 13 item 4: while another process writes the workspace, a writer waits (and says so after a few seconds)
 * instead of failing with SQLITE_BUSY and throwing its finished computation away; readers do not wait at all.
 */
class ConcurrentWritersTest {

    @TempDir
    static Path dir;
    static Path ws;

    @BeforeAll
    static void workspace() throws Exception {
        ws = Cli.workspaceWithRun(dir);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void evalWaitsForAnotherProcessAndKeepsItsResult() throws Exception {
        Process holder = LockHolder.start(ws, 5_000);
        try {
            LockHolder.awaitLocked(holder);
            long start = System.nanoTime();
            CliRun.Result read = Cli.ok("runs", "list", "-w", ws.toString());
            assertTrue((System.nanoTime() - start) / 1e9 < 3, "a reader does not wait for the writer");
            assertTrue(read.out().contains("BM25"), read.out());

            PrintStream err = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            CliRun.Result eval;
            try {
                eval = Cli.run("eval", "-w", ws.toString(), "-c", "cat", "--split", "test", "--format", "json");
            } finally {
                System.setErr(err);
            }
            assertEquals(0, eval.code(), eval.all() + captured);
            assertTrue(captured.toString(StandardCharsets.UTF_8).contains("another QTA Studio process is writing"),
                    captured.toString(StandardCharsets.UTF_8));
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, holder.exitValue());
            CliRun.Result runs = Cli.ok("runs", "list", "-w", ws.toString(), "--format", "json");
            assertTrue(runs.out().contains("\"run_id\":2"), "the second run was stored: " + runs.out());
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void twoWritersAtOnceBothSucceed() throws Exception {
        Process holder = LockHolder.start(ws, 3_000);
        try {
            LockHolder.awaitLocked(holder);
            Cli.ok("annotate", "-w", ws.toString(), "-c", "cat", "--text", "written while another process writes",
                    "--gold", "tool_1", "--split", "train");
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, holder.exitValue());
            assertTrue(Cli.ok("queries", "-w", ws.toString(), "-c", "cat", "--split", "train").out()
                    .contains("written while another process writes"));
        } finally {
            holder.destroyForcibly();
        }
    }
}
