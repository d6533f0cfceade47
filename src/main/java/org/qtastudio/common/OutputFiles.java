package org.qtastudio.common;

import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * Every file an export writes goes through here, so that the same promises hold everywhere:
 * <ul>
 *   <li>an existing file is never overwritten unless the user asked for it ({@code --force}), and a workspace
 *       (any SQLite database) or its {@code -wal}/{@code -shm}/{@code -journal} files never are;</li>
 *   <li>the file is written to a temporary file beside it and renamed into place, so a crash, a full disk or any
 *       error leaves the old file (or none) and never a half-written one;</li>
 *   <li>a write error (a full disk) fails the export with the system's message, even through a
 *       {@link PrintWriter}, which otherwise swallows it;</li>
 *   <li>the new file gets the permissions of the user's umask, like any file a command-line tool creates.</li>
 * </ul>
 */
public final class OutputFiles {

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    /** Opens the temporary file; replaced by tests to simulate a disk that fills up. */
    static volatile Opener opener = path -> new FileOutputStream(Files.createFile(path).toFile());

    private OutputFiles() {
    }

    /** What writes the content. */
    @FunctionalInterface
    public interface Body {
        void write(Writer out) throws IOException;
    }

    /** What writes the content through a print writer (whose errors are checked afterwards). */
    @FunctionalInterface
    public interface PrintBody {
        void write(PrintWriter out) throws IOException;
    }

    @FunctionalInterface
    interface Opener {
        OutputStream open(Path path) throws IOException;
    }

    /** Raised when a target may not be written; its message is one line for the user. */
    public static final class RefusedException extends IOException {
        public RefusedException(String message) {
            super(message);
        }
    }

    /** Writes UTF-8 text to {@code target} whole or not at all; see the class comment for the rules. */
    public static void write(Path target, boolean force, Body body) throws IOException {
        Path file = target.toAbsolutePath().normalize();
        checkTarget(file, force);
        Path dir = file.getParent();
        Path tmp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8) + ".part");
        boolean done = false;
        Recording recording = null;
        try {
            OutputStream raw;
            try {
                raw = opener.open(tmp);
            } catch (IOException e) {
                throw failure(file, e);
            }
            recording = new Recording(raw);
            try (Writer w = new OutputStreamWriter(recording, StandardCharsets.UTF_8)) {
                try {
                    body.write(w);
                } catch (java.io.UncheckedIOException e) {
                    throw e.getCause();
                }
                w.flush();
                recording.sync();
            }
            recording.rethrow();
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (RefusedException e) {
            throw e;
        } catch (IOException e) {
            if (recording != null && recording.error != null) {
                throw failure(file, recording.error);
            }
            throw failure(file, e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure is the one to report
                }
            }
        }
    }

    /** Like {@link #write(Path, boolean, Body)} through a {@link PrintWriter}; its swallowed errors still fail the write. */
    public static void print(Path target, boolean force, PrintBody body) throws IOException {
        write(target, force, w -> {
            PrintWriter pw = new PrintWriter(w);
            body.write(pw);
            pw.flush();
            if (pw.checkError()) {
                throw new IOException("write failed");
            }
        });
    }

    /**
     * Refuses a target that must not be written: a folder, a workspace or its journal files (always), an existing
     * file (unless {@code force}); and a target whose folder is missing, with a message that says so.
     */
    public static void checkTarget(Path target, boolean force) throws RefusedException {
        Path file = target.toAbsolutePath().normalize();
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new RefusedException("cannot write " + target + ": the folder " + dir + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new RefusedException("cannot write " + target + ": it is a folder");
        }
        if (isWorkspaceFile(file)) {
            throw new RefusedException("refusing to write " + target
                    + ": it is a workspace (an SQLite database) or one of its journal files; choose another file");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !force) {
            throw new RefusedException(target + " already exists; pass --force to overwrite it");
        }
    }

    /** Whether {@code file} is an SQLite database, or the {@code -wal}, {@code -shm} or {@code -journal} file of one. */
    public static boolean isWorkspaceFile(Path file) {
        String name = file.getFileName().toString();
        for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                Path db = file.resolveSibling(name.substring(0, name.length() - suffix.length()));
                if (isSqlite(db)) {
                    return true;
                }
            }
        }
        return isSqlite(file);
    }

    private static boolean isSqlite(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(SQLITE_HEADER.length);
            return Arrays.equals(head, SQLITE_HEADER);
        } catch (IOException e) {
            return false;
        }
    }

    private static IOException failure(Path file, IOException e) {
        if (e instanceof RefusedException r) {
            return r;
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof NoSuchFileException) {
            reason = "the folder " + file.getParent() + " does not exist";
        } else if (reason.toLowerCase(Locale.ROOT).contains("no space left")) {
            reason = "No space left on device";
        }
        IOException out = new IOException("cannot write " + file + ": " + reason + " (nothing was written)", e);
        return out;
    }

    /** Remembers the first write error, which a {@link PrintWriter} above it would swallow. */
    private static final class Recording extends FilterOutputStream {
        IOException error;

        Recording(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                record(e);
                throw e;
            }
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                record(e);
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                record(e);
                throw e;
            }
        }

        void sync() throws IOException {
            if (out instanceof FileOutputStream f) {
                try {
                    f.getFD().sync();
                } catch (IOException e) {
                    record(e);
                    throw e;
                }
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                record(e);
                throw e;
            }
        }

        private void record(IOException e) {
            if (error == null) {
                error = e;
            }
        }

        void rethrow() throws IOException {
            if (error != null) {
                throw error;
            }
        }
    }
}
