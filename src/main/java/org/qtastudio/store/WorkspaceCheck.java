package org.qtastudio.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Decides whether a file may be opened as a workspace <em>before anything changes it</em>: the checks read the
 * file (its header, then its schema on a read-only connection) and never switch its journal mode, create
 * {@code -wal}/{@code -shm} files or run migrations, so that a refused file is left byte for byte as it was.
 */
final class WorkspaceCheck {

    static final String SCHEMA_HISTORY = "flyway_schema_history";
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private WorkspaceCheck() {
    }

    /**
     * Returns true when the workspace is new (no file, or an empty file while {@code create}); throws a
     * {@link WorkspaceException} saying why when the file must not be opened.
     */
    static boolean check(Path file, boolean create) {
        if (Files.isDirectory(file)) {
            throw new WorkspaceException(file + " is a folder, not a QTA Studio workspace file");
        }
        if (!Files.exists(file)) {
            if (!create) {
                throw new WorkspaceException("no workspace at " + file
                        + " (the file does not exist; commands that write, such as import, create one)");
            }
            return true;
        }
        long size;
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            head = in.readNBytes(SQLITE_HEADER.length);
        } catch (IOException e) {
            throw new WorkspaceException("cannot read workspace " + file + ": " + e.getMessage(), e);
        }
        if (size == 0) {
            if (!create) {
                throw new WorkspaceException(file + " is an empty file, not a QTA Studio workspace");
            }
            return true;
        }
        if (!Arrays.equals(head, SQLITE_HEADER)) {
            throw new WorkspaceException(file + " is not a QTA Studio workspace (not an SQLite database); it was left unchanged");
        }
        checkSchema(file);
        return false;
    }

    private static void checkSchema(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BusyWait.timeoutMillis());
        SQLiteDataSource readOnly = new SQLiteDataSource(config);
        readOnly.setUrl("jdbc:sqlite:" + file);
        boolean hasHistory = false;
        int tables = 0;
        try (Connection c = readOnly.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                tables++;
                hasHistory |= SCHEMA_HISTORY.equalsIgnoreCase(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new WorkspaceException(file + " is not a QTA Studio workspace or is damaged ("
                    + e.getMessage() + "); it was left unchanged", e);
        }
        if (!hasHistory) {
            if (tables > 0) {
                throw new WorkspaceException(file + " is not a QTA Studio workspace (an SQLite database with other tables); "
                        + "it was left unchanged");
            }
            return;
        }
        MigrationVersion newest = null;
        MigrationVersion known = MigrationVersion.EMPTY;
        try {
            Flyway flyway = Flyway.configure(WorkspaceCheck.class.getClassLoader())
                    .dataSource(readOnly)
                    .locations("classpath:db/migration")
                    .loggers("slf4j")
                    .load();
            for (MigrationInfo info : flyway.info().all()) {
                if (info.getVersion() == null) {
                    continue;
                }
                boolean future = info.getState() == MigrationState.FUTURE_SUCCESS || info.getState() == MigrationState.FUTURE_FAILED;
                if (future && (newest == null || info.getVersion().isNewerThan(newest.getVersion()))) {
                    newest = info.getVersion();
                } else if (!future && info.getVersion().isNewerThan(known.getVersion())) {
                    known = info.getVersion();
                }
            }
        } catch (FlywayException e) {
            throw new WorkspaceException("cannot read the schema of workspace " + file + ": " + e.getMessage()
                    + "; it was left unchanged", e);
        }
        if (newest != null) {
            throw new WorkspaceException("workspace " + file + " was written by a newer QTA Studio (schema version "
                    + newest.getVersion() + "; this version knows up to " + known.getVersion()
                    + "). Open it with a newer QTA Studio; it was left unchanged.");
        }
    }
}
