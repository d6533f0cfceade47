package org.qtastudio.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * One SQLite workspace file plus a side folder for indexes and model artifacts.
 *
 * <p>Writes go through {@link #write}, one transaction each on a single writer connection, so an import
 * or a run is stored whole or not at all; reads use pooled connections and, thanks to WAL, never wait
 * for a writer. Opening runs the schema migrations and refuses a file written by a newer schema rather
 * than touching it.
 */
public final class Workspace implements AutoCloseable {

    /** File name extension of workspaces; the side folder is the file name plus {@code -data}. */
    public static final String EXTENSION = ".qta";

    private static final int MAX_IDLE_READERS = 4;

    private final Path file;
    private final SQLiteDataSource dataSource;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Deque<Connection> idleReaders = new ArrayDeque<>();
    private volatile boolean closed;
    private boolean created;

    private Workspace(Path file, SQLiteDataSource dataSource, Connection writer) {
        this.file = file;
        this.dataSource = dataSource;
        this.writer = writer;
    }

    /**
     * Opens a workspace, creating it when absent (or an empty file), and migrates its schema to this version's.
     *
     * @throws WorkspaceException when the file is not a workspace, is damaged, or is newer than this build; such a
     *     file is left exactly as it was
     */
    public static Workspace open(Path file) {
        return open(file, true);
    }

    /**
     * Opens an existing workspace, as read-only commands do: a missing or empty file is refused rather than turned
     * into a new workspace.
     */
    public static Workspace openExisting(Path file) {
        return open(file, false);
    }

    /** Whether this workspace was created by the call that opened it. */
    public boolean created() {
        return created;
    }

    private static Workspace open(Path file, boolean create) {
        Path absolute = file.toAbsolutePath().normalize();
        boolean fresh = WorkspaceCheck.check(absolute, create);
        if (fresh) {
            try {
                Files.createDirectories(absolute.getParent());
            } catch (IOException e) {
                throw new WorkspaceException("cannot create the folder of workspace " + absolute + ": " + e.getMessage(), e);
            }
        }
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BusyWait.timeoutMillis());
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + absolute);
        Connection writer = null;
        try {
            writer = dataSource.getConnection();
            BusyWait.install(writer, absolute);
            // migrations run on their own (deferred) connections, and only when some are pending: opening an
            // up-to-date workspace takes no write lock, so a reader never waits for another process's writer
            SQLiteConfig migrationConfig = new SQLiteConfig();
            migrationConfig.enforceForeignKeys(true);
            migrationConfig.setJournalMode(SQLiteConfig.JournalMode.WAL);
            migrationConfig.setBusyTimeout(BusyWait.timeoutMillis());
            SQLiteDataSource migrations = new SQLiteDataSource(migrationConfig);
            migrations.setUrl("jdbc:sqlite:" + absolute);
            Flyway flyway = Flyway.configure(Workspace.class.getClassLoader())
                    .dataSource(migrations)
                    .locations("classpath:db/migration")
                    .loggers("slf4j")
                    .load();
            if (flyway.info().pending().length > 0) {
                flyway.migrate();
            }
            Workspace w = new Workspace(absolute, dataSource, writer);
            w.created = fresh;
            return w;
        } catch (SQLException | FlywayException e) {
            closeQuietly(writer);
            throw new WorkspaceException("cannot open workspace " + absolute + ": " + rootMessage(e), e);
        }
    }

    /** The workspace's SQLite file. */
    public Path file() {
        return file;
    }

    /** A folder beside the workspace file for artifacts that do not belong in SQLite (indexes, adapters), created on demand. */
    public Path sideFolder(String name) {
        Path dir = file.resolveSibling(file.getFileName() + "-data").resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new WorkspaceException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T write(SqlWork<T> work) {
        ensureOpen();
        writeLock.lock();
        try {
            if (writeLock.getHoldCount() > 1) {
                return work.apply(writer); // nested in a transaction of this thread: part of it
            }
            try {
                begin();
                T result = work.apply(writer);
                execute("COMMIT");
                return result;
            } catch (Throwable e) {
                rollbackQuietly();
                throw e;
            }
        } catch (SQLException e) {
            throw new WorkspaceException("workspace write failed: " + rootMessage(e), e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * SQLite's {@code PRAGMA data_version} on this workspace's write connection: it changes when another
     * connection or process (the command line writing the same file) commits, never for this workspace's own
     * writes. Cheap: no table is read. Empty while a write of this workspace holds the connection (ask again later).
     */
    public java.util.OptionalLong externalDataVersion() {
        ensureOpen();
        if (!writeLock.tryLock()) {
            return java.util.OptionalLong.empty();
        }
        try (Statement st = writer.createStatement(); java.sql.ResultSet rs = st.executeQuery("PRAGMA data_version")) {
            long version = rs.next() ? rs.getLong(1) : 0;
            return java.util.OptionalLong.of(version);
        } catch (SQLException e) {
            throw new WorkspaceException("cannot read the data version of " + file + ": " + rootMessage(e), e);
        } finally {
            rollbackQuietly(); // ends the read transaction the pragma may have opened, so the next one sees new commits
            writeLock.unlock();
        }
    }

    /**
     * Runs {@code work} in a transaction that is always rolled back: a dry run sees its own writes, so a
     * preview counts exactly what the real write would do, and leaves nothing behind.
     */
    public <T> T dryRun(SqlWork<T> work) {
        ensureOpen();
        writeLock.lock();
        try {
            try {
                begin();
                return work.apply(writer);
            } finally {
                rollbackQuietly();
            }
        } catch (SQLException e) {
            throw new WorkspaceException("workspace dry run failed: " + rootMessage(e), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} on a read connection; it sees the last committed state. */
    public <T> T read(SqlWork<T> work) {
        ensureOpen();
        Connection connection = borrowReader();
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new WorkspaceException("workspace read failed: " + rootMessage(e), e);
        } finally {
            returnReader(connection);
        }
    }

    private Connection borrowReader() {
        synchronized (idleReaders) {
            Connection c = idleReaders.pollFirst();
            if (c != null) {
                return c;
            }
        }
        try {
            Connection c = dataSource.getConnection();
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA query_only = true");
            }
            return c;
        } catch (SQLException e) {
            throw new WorkspaceException("cannot read workspace " + file + ": " + rootMessage(e), e);
        }
    }

    private void returnReader(Connection connection) {
        synchronized (idleReaders) {
            if (!closed && idleReaders.size() < MAX_IDLE_READERS) {
                idleReaders.addFirst(connection);
                return;
            }
        }
        closeQuietly(connection);
    }

    /**
     * Begins a write transaction that takes the write lock at once ({@code BEGIN IMMEDIATE}), so it waits for
     * another process's writer (see {@link BusyWait}) instead of failing with SQLITE_BUSY when it would upgrade a
     * read lock that a concurrent commit made stale. Between transactions the writer connection holds no lock.
     */
    private void begin() throws SQLException {
        execute("BEGIN IMMEDIATE");
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = writer.createStatement()) {
            st.execute(sql);
        }
    }

    private void rollbackQuietly() {
        try {
            execute("ROLLBACK");
        } catch (SQLException ignored) {
            // the original failure is the one worth reporting
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new WorkspaceException("workspace " + file + " is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writeLock.lock();
        try {
            closeQuietly(writer);
        } finally {
            writeLock.unlock();
        }
        synchronized (idleReaders) {
            idleReaders.forEach(Workspace::closeQuietly);
            idleReaders.clear();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing is best effort
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** Work against a JDBC connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }
}
