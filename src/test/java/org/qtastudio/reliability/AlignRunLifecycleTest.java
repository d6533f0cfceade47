package org.qtastudio.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.align.AlignStore;
import org.qtastudio.align.RunLease;
import org.qtastudio.cli.CliRun;
import org.qtastudio.store.Workspace;

/**
 * Issue 13 items 5 and 8 for alignment, with {@code align} in child JVMs on a tiny random model: while one process
 * trains a run, a second {@code align --resume} of it is refused naming the holder and leaves the run alone; SIGTERM
 * makes the trainer record the run {@code cancelled} and say "Cancelled"; a trainer killed with kill -9 leaves its
 * lease free for the next process.
 */
class AlignRunLifecycleTest {

    private static final Path SHARED = Path.of("..", "shared");
    private static final String STEP = "round 1 epoch 1 step 1:";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 540, unit = TimeUnit.SECONDS)
    @SuppressWarnings("try") // the lease taken at the end is held, not called
    void oneProcessOwnsARunAndSigtermOrKillLeaveItResumable() throws Exception {
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

        // far more epochs than the test waits for: the run is still training when the test acts
        Child trainer = Child.start("align", "-w", ws.toString(), "-c", "mtrb-restbench", "--model", model.toString(),
                "--epochs", "100000", "--batch-size", "5", "--max-new-tokens", "8", "--tool-docs", "1");
        trainer.await(STEP);

        CliRun.Result second = Cli.run("align", "-w", ws.toString(), "--resume", "1");
        assertEquals(1, second.code(), second.all());
        assertTrue(second.err().contains("alignment run 1 is being run by process " + trainer.process().pid() + " on "),
                second.err());
        assertEquals(AlignStore.Status.training, status(ws), "the refused resume left the running run alone");

        new ProcessBuilder("kill", "-TERM", Long.toString(trainer.process().pid())).start().waitFor(10, TimeUnit.SECONDS);
        assertTrue(trainer.process().waitFor(60, TimeUnit.SECONDS), "the trainer stops after SIGTERM");
        // 143: the JVM's status after a SIGTERM whose shutdown hook ran to the end
        assertEquals(143, trainer.process().exitValue(), trainer.output());
        assertTrue(trainer.output().contains("Cancelled"), trainer.output());
        assertEquals(List.of(), Cli.stackFrames(trainer.output()));
        assertEquals(AlignStore.Status.cancelled, status(ws));

        Child resumed = Child.start("align", "-w", ws.toString(), "--resume", "1");
        resumed.await("round 1 epoch ");
        resumed.process().destroyForcibly();
        assertTrue(resumed.process().waitFor(30, TimeUnit.SECONDS));
        assertEquals(AlignStore.Status.training, status(ws), "kill -9 leaves the status it had");
        try (RunLease lease = RunLease.acquire(dir.resolve("w.qta-data/align/run-1"), 1)) {
            assertTrue(Files.readString(dir.resolve("w.qta-data/align/run-1/lease"))
                    .startsWith(ProcessHandle.current().pid() + " on "), "the killed holder's lease was taken over");
        }
    }

    private static AlignStore.Status status(Path ws) {
        try (Workspace w = Workspace.open(ws)) {
            return new AlignStore(w).run(1).status();
        }
    }
}
