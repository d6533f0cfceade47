package org.qtastudio.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.cli.CliRun;

/** Issue 13 item 1: exports never overwrite a file unasked, and never a workspace or its journal files. */
class ExportSafetyTest {

    @TempDir
    static Path dir;
    static Path ws;

    @BeforeAll
    static void workspace() throws Exception {
        ws = Cli.workspaceWithRun(dir);
    }

    @Test
    void runsExportRefusesTheOpenWorkspaceEvenWithForce() throws Exception {
        byte[] before = Files.readAllBytes(ws);
        for (String force : new String[] {"--no-force-placeholder", "--force"}) {
            CliRun.Result r = force.startsWith("--no") ? Cli.run("runs", "export", "-w", ws.toString(), "1", "-o", ws.toString())
                    : Cli.run("runs", "export", "-w", ws.toString(), "1", "-o", ws.toString(), force);
            assertEquals(1, r.code(), r.all());
            assertTrue(r.err().contains("workspace"), r.err());
        }
        assertArrayEquals(before, Files.readAllBytes(ws));
        Cli.ok("runs", "list", "-w", ws.toString());
    }

    @Test
    void pairsExportRefusesTheWorkspace() throws Exception {
        byte[] before = Files.readAllBytes(ws);
        CliRun.Result r = Cli.run("pairs", "export", "-w", ws.toString(), "--run", "1", "--out", ws.toString(), "--force");
        assertEquals(1, r.code(), r.all());
        assertArrayEquals(before, Files.readAllBytes(ws));
    }

    @Test
    void runsExportNeedsForceToOverwrite() throws Exception {
        Path target = dir.resolve("precious.csv");
        Files.writeString(target, "keep me");
        CliRun.Result r = Cli.run("runs", "export", "-w", ws.toString(), "1", "-o", target.toString());
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("--force"), r.err());
        assertEquals("keep me", Files.readString(target));
        Cli.ok("runs", "export", "-w", ws.toString(), "1", "-o", target.toString(), "--force");
        assertTrue(Files.readString(target).startsWith("query_key,"), Files.readString(target));
    }

    @Test
    void journalFilesOfAWorkspaceAreNeverTargets() throws Exception {
        Path other = dir.resolve("other.qta");
        Cli.ok("import", "-w", other.toString(), "-c", "x", Cli.toolsFile(Files.createTempDirectory(dir, "t"), 3).toString());
        for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
            Path journal = dir.resolve("other.qta" + suffix);
            CliRun.Result r = Cli.run("runs", "export", "-w", ws.toString(), "1", "-o", journal.toString(), "--force");
            assertEquals(1, r.code(), r.all());
            assertFalse(Files.exists(journal) && Files.size(journal) > 0 && Files.readString(journal).startsWith("query_key"));
        }
    }

    @Test
    void aMissingFolderIsNamed() {
        CliRun.Result r = Cli.run("runs", "export", "-w", ws.toString(), "1", "-o", "/nonexistent/dir/x.csv");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("folder /nonexistent/dir does not exist"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
