package org.qtastudio.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.cli.CliRun;
import org.qtastudio.store.Workspace;

/** Issue 13 items 6 and 7: a refused file is left byte for byte; only import creates a workspace, and says so. */
class WorkspaceOpeningTest {

    @TempDir
    Path dir;

    private void assertRefusedUnchanged(Path file, String expected) throws Exception {
        byte[] before = Files.readAllBytes(file);
        for (List<String> command : List.of(List.of("catalogs"), List.of("runs", "list"), List.of("import", "-c", "x"))) {
            List<String> args = new java.util.ArrayList<>(command);
            args.addAll(List.of("-w", file.toString()));
            if (command.getFirst().equals("import")) {
                args.add(Cli.toolsFile(dir, 2).toString());
            }
            CliRun.Result r = Cli.run(args.toArray(String[]::new));
            assertEquals(1, r.code(), r.all());
            assertTrue(r.err().contains(expected), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        assertArrayEquals(before, Files.readAllBytes(file));
        assertFalse(Files.exists(Path.of(file + "-wal")), "no -wal appears");
        assertFalse(Files.exists(Path.of(file + "-shm")), "no -shm appears");
    }

    @Test
    void aForeignSqliteDatabaseIsRefusedUntouched() throws Exception {
        Path db = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (x)");
            st.execute("INSERT INTO t VALUES (1)");
        }
        assertRefusedUnchanged(db, "not a QTA Studio workspace");
    }

    @Test
    void aTextFileIsRefusedUntouched() throws Exception {
        Path f = dir.resolve("notes.txt");
        Files.writeString(f, "hello, this is not a database\n");
        assertRefusedUnchanged(f, "not a QTA Studio workspace");
    }

    @Test
    void aNewerWorkspaceIsRefusedUntouched() throws Exception {
        Path ws = dir.resolve("newer.qta");
        try (Workspace w = Workspace.open(ws)) {
            w.write(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                            + "checksum, installed_by, installed_on, execution_time, success) VALUES "
                            + "(1000000, '1000000', 'future', 'SQL', 'V1000000__future.sql', 0, 'test', '2030-01-01 00:00:00.000', 1, 1)");
                }
                return null;
            });
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ws); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode = DELETE");
        }
        assertRefusedUnchanged(ws, "newer QTA Studio");
    }

    @Test
    void readOnlyCommandsDoNotCreateAWorkspace() throws Exception {
        Path missing = dir.resolve("typo/folder/w.qta");
        for (List<String> command : List.of(List.of("catalogs"), List.of("runs", "list"), List.of("tools"),
                List.of("queries"), List.of("pairs", "list", "--run", "1"))) {
            List<String> args = new java.util.ArrayList<>(command);
            args.addAll(List.of("-w", missing.toString()));
            CliRun.Result r = Cli.run(args.toArray(String[]::new));
            assertEquals(1, r.code(), command + ": " + r.all());
            assertTrue(r.err().contains("no workspace at"), r.err());
        }
        assertFalse(Files.exists(dir.resolve("typo")), "no folder was created");

        Path empty = dir.resolve("empty.qta");
        Files.createFile(empty);
        CliRun.Result r = Cli.run("catalogs", "-w", empty.toString());
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("empty file"), r.err());
        assertEquals(0, Files.size(empty));
    }

    @Test
    void importCreatesAWorkspaceAndSaysSo() throws Exception {
        Path ws = dir.resolve("new.qta");
        CliRun.Result r = Cli.ok("import", "-w", ws.toString(), "-c", "x", Cli.toolsFile(dir, 2).toString());
        assertTrue(r.err().contains("created new workspace " + ws), r.err());
        CliRun.Result again = Cli.ok("import", "-w", ws.toString(), "-c", "y", Cli.toolsFile(dir, 2).toString());
        assertFalse(again.err().contains("created new workspace"), again.err());
    }
}
