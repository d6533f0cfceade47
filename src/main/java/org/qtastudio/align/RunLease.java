package org.qtastudio.align;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Who is running an alignment run: one process at a time, so that two {@code align --resume} of the same run cannot
 * both train it (and the loser cannot mark the winner's run failed). The lease is an operating-system lock on
 * {@code lease} in the run's folder beside the workspace; the file names the holder (process id, host, since when)
 * for the refusal message. The kernel drops the lock when the holder exits for any reason, kill -9 included, so a
 * dead holder's lease is free at once: there is no heartbeat to go stale and no timeout to wait out.
 */
public final class RunLease implements AutoCloseable {

    /** Locked byte range, past any holder text, so that the text stays readable where locks are mandatory. */
    private static final long LOCK_AT = Long.MAX_VALUE - 1;

    private final FileChannel channel;
    private final FileLock lock;

    private RunLease(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lease of run {@code runId} whose folder is {@code runFolder}.
     *
     * @throws IllegalStateException when another process (or another task of this one) holds it, naming the holder
     */
    public static RunLease acquire(Path runFolder, long runId) {
        Path file = runFolder.resolve("lease");
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock(LOCK_AT, 1, false);
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(ch);
                ch.close();
                throw new IllegalStateException("alignment run " + runId + " is being run by "
                        + (holder.isEmpty() ? "another process" : holder) + "; wait for it to finish or stop it, then "
                        + "`align --resume " + runId + "` continues from its last checkpoint");
            }
            byte[] me = (ProcessHandle.current().pid() + " on " + host() + " since " + Instant.now())
                    .getBytes(StandardCharsets.UTF_8);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(me), 0);
            ch.force(false);
            return new RunLease(ch, lock);
        } catch (IOException e) {
            try {
                if (ch != null) {
                    ch.close();
                }
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot take the lease of alignment run " + runId + " (" + file + "): "
                    + e.getMessage(), e);
        }
    }

    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(512);
        int n = ch.read(buf, 0);
        String text = n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : "process " + text;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this host";
        }
    }

    /** Gives the lease up (the holder text stays until the next holder overwrites it). */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
