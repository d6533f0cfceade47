package org.qtastudio.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

    @TempDir
    Path dir;

    @Test
    void createsMigratesAndReopens() {
        Path file = dir.resolve("nested/w.qta");
        try (Workspace ws = Workspace.open(file)) {
            String mode = ws.read(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertEquals("wal", mode);
            int fk = ws.read(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA foreign_keys")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(1, fk);
            assertTrue(Files.isDirectory(ws.sideFolder("indexes")));
        }
        try (Workspace ws = Workspace.open(file)) {
            int tables = ws.read(c -> {
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE name IN ('catalog','tool','query','gold')")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(4, tables);
        }
    }

    @Test
    void failedWriteRollsBackWholeTransaction() {
        try (Workspace ws = Workspace.open(dir.resolve("w.qta"))) {
            assertThrows(IllegalStateException.class, () -> ws.write(c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO catalog (name, created_at) VALUES ('a', '2026-01-01T00:00:00Z')");
                }
                throw new IllegalStateException("boom");
            }));
            int count = ws.read(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM catalog")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(0, count);
        }
    }

    @Test
    void refusesWorkspaceFromNewerSchemaAndLeavesItUnchanged() throws Exception {
        Path file = dir.resolve("w.qta");
        try (Workspace ws = Workspace.open(file)) {
            ws.write(c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("""
                            INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                              installed_by, installed_on, execution_time, success)
                            VALUES (999, '999', 'from the future', 'SQL', 'V999__future.sql', 0, 'x', '2030-01-01 00:00:00.000', 1, 1)""");
                }
                return null;
            });
        }
        byte[] before = Files.readAllBytes(file);
        WorkspaceException e = assertThrows(WorkspaceException.class, () -> Workspace.open(file));
        assertTrue(e.getMessage().contains("newer QTA Studio"), e.getMessage());
        assertTrue(e.getMessage().contains("999"), e.getMessage());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)));
    }

    @Test
    void refusesAFileThatIsNotAWorkspace() throws Exception {
        Path file = dir.resolve("notes.qta");
        Files.writeString(file, "this is not a database, just some text that happens to be long enough to matter");
        WorkspaceException e = assertThrows(WorkspaceException.class, () -> Workspace.open(file));
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    }
}
