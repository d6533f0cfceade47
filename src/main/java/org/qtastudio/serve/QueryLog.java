package org.qtastudio.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores served requests without slowing them: a request only puts its entry on a queue; one background thread
 * takes what has gathered and stores it as one transaction ({@link QueryLogStore#append}), so a crash loses at most
 * the entries not yet stored and never leaves part of a batch. When the writer falls {@link #CAPACITY} entries
 * behind, new entries are dropped and counted rather than making requests wait. {@link #close()} stores everything
 * queued before it returns.
 */
final class QueryLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueryLog.class);
    /** Entries waiting at most: minutes of heavy traffic, a few megabytes. */
    static final int CAPACITY = 10_000;
    /** Entries stored per transaction at most. */
    static final int BATCH = 500;

    private final QueryLogStore store;
    private final long catalogId;
    private final BlockingQueue<LoggedRequest> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    QueryLog(QueryLogStore store, long catalogId) {
        this.store = store;
        this.catalogId = catalogId;
        this.writer = new Thread(this::writeUntilClosed, "qta-query-log");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Queues one answered request; never blocks. */
    void record(LoggedRequest request) {
        if (closing || !queue.offer(request)) {
            if (dropped.getAndIncrement() == 0) {
                LOG.warn("the query log is {}; requests are answered but not logged", closing ? "closed" : "falling behind");
            }
        }
    }

    /** Entries that were not stored: dropped while the writer was behind, or in a batch the workspace refused. */
    long lost() {
        return dropped.get() + failed.get();
    }

    private void writeUntilClosed() {
        List<LoggedRequest> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                LoggedRequest first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                store.append(catalogId, batch);
            } catch (InterruptedException e) {
                return; // not how the log is closed; stop without the rest
            } catch (RuntimeException e) {
                failed.addAndGet(batch.size());
                LOG.warn("could not store {} logged requests: {}", batch.size(), e.getMessage());
            }
            batch.clear();
        }
    }

    /** Stores every queued entry, then stops the writer. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a request that raced with closing: stored here, after the writer ended
        List<LoggedRequest> late = new ArrayList<>();
        queue.drainTo(late);
        try {
            store.append(catalogId, late);
        } catch (RuntimeException e) {
            failed.addAndGet(late.size());
        }
        if (lost() > 0) {
            LOG.warn("{} served requests were not logged", lost());
        }
    }
}
