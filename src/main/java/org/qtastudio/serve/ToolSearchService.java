package org.qtastudio.serve;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Progress;
import org.qtastudio.retrieval.FusionRetriever;
import org.qtastudio.retrieval.Hit;
import org.qtastudio.retrieval.Ranking;
import org.qtastudio.retrieval.Retriever;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A catalog's tuned tool search, served: the retriever opened once, optionally an aligned rewriter before it, an
 * optional query log, and the stats of what was served.
 *
 * <p>Safe for concurrent use. The retriever is shared by all request threads: one that is
 * {@linkplain Retriever#threadSafe() thread-safe} (Lucene BM25, whose {@code IndexSearcher} serves concurrent
 * searches; the in-memory paper BM25) is searched by all of them at once; any other (dense retrieval, whose tokenizer
 * and warning list are not known to be safe across threads; the regex search, which collects warnings) is searched in
 * turns behind one lock.
 * A pool of retrievers would hold the catalog's index or vectors once per thread for little gain: the dense query
 * embedding already runs on all cores, and the machines QTA Studio runs on have few. The rewriter LM is not
 * thread-safe: it runs on a thread of its own, requests queue for it, and with a latency budget a request that waited
 * longer is answered by the retriever alone while its rewrite is cancelled.
 *
 * <p>Nothing of a request is kept unless the query log is on: dense retrieval's query embeddings are not cached.
 */
public final class ToolSearchService implements ToolSearch {

    private static final Logger LOG = LoggerFactory.getLogger(ToolSearchService.class);
    /** The most namespaces an unknown-namespace error lists. */
    private static final int NAMESPACES_LISTED = 20;
    /** Tools ranked first when only one namespace's count: most catalogs' namespaces fill k within them. */
    private static final int NAMESPACE_OVERFETCH = 64;
    /** How long closing waits for a rewrite in progress to stop at its next token. */
    private static final long REWRITER_STOP_SECONDS = 30;

    private final ServeConfig config;
    private final Catalog catalog;
    private final Map<String, Tool> tools;
    private final SortedMap<String, Integer> namespaces;
    private final Retrievers retrievers;
    private final Retriever retriever;
    private final ReentrantLock retrieverTurn;
    private final QueryRewriter rewriter;
    private final ExecutorService rewriterThread;
    private final int fusionK;
    private final QueryLog log;
    private final String description;
    private final RequestStats stats = new RequestStats();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Opens the search {@code config} describes on {@code workspace}: builds or opens the retriever's index (which may
     * take a while and reports to {@code progress}) and loads the alignment run's rewriter. The caller closes the
     * service before the workspace.
     */
    public static ToolSearchService open(Workspace workspace, ServeConfig config, Progress progress) {
        new CatalogStore(workspace).require(config.catalog()); // a mistyped name is reported before a model loads
        QueryRewriter rewriter = config.alignRun() == null ? null : LmQueryRewriter.load(workspace, config.alignRun());
        return new ToolSearchService(workspace, config, rewriter, progress);
    }

    /** The search with {@code rewriter} (or none) in place of the alignment run's: tests serve fakes through it. */
    ToolSearchService(Workspace workspace, ServeConfig config, QueryRewriter rewriter, Progress progress) {
        this.config = config;
        this.rewriter = rewriter;
        Retrievers opened = null;
        Retriever retrieverOpened = null;
        try {
            CatalogStore catalogs = new CatalogStore(workspace);
            this.catalog = catalogs.require(config.catalog());
            this.tools = new LinkedHashMap<>();
            this.namespaces = new TreeMap<>();
            for (Tool t : catalogs.tools(catalog.id())) {
                tools.put(t.key(), t);
                if (t.category() != null) {
                    namespaces.merge(t.category(), 1, Integer::sum);
                }
            }
            opened = new Retrievers(workspace, false);
            retrieverOpened = opened.open(catalog, config.retriever(), progress);
            this.retrievers = opened;
            this.retriever = retrieverOpened;
        } catch (RuntimeException e) {
            closeAll(retrieverOpened, opened, rewriter);
            throw e;
        }
        this.retrieverTurn = retriever.threadSafe() ? null : new ReentrantLock();
        this.fusionK = config.retriever() instanceof RetrieverSpec.Hybrid h ? h.k() : RetrieverSpec.Hybrid.DEFAULT_K;
        this.rewriterThread = rewriter == null ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "qta-rewriter");
            t.setDaemon(true);
            return t;
        });
        this.log = config.logQueries() ? new QueryLog(new QueryLogStore(workspace), catalog.id()) : null;
        this.description = describe(catalog, tools.size(), retriever, rewriter, config);
    }

    private static String describe(Catalog catalog, int toolCount, Retriever retriever, QueryRewriter rewriter, ServeConfig config) {
        StringBuilder sb = new StringBuilder("catalog '").append(catalog.name()).append("' (").append(toolCount).append(" tools), ")
                .append(retriever.spec().describe());
        if (rewriter != null) {
            sb.append(config.rewriteUse() == ServeConfig.RewriteUse.fusion ? ", fused (RRF) with rewrites by " : ", on rewrites by ")
                    .append(rewriter.describe());
            if (config.latencyBudget() != null) {
                sb.append(", latency budget ").append(config.latencyBudget().toMillis()).append(" ms");
            }
        }
        return sb.toString();
    }

    @Override
    public ToolSearchResponse search(ToolSearchRequest request) {
        if (closed.get()) {
            throw new IllegalStateException("the tool search is closed");
        }
        long started = System.nanoTime();
        try {
            requireNamespace(request.namespace());
            Rewrite rewrite = rewriter == null ? Rewrite.NONE : rewrite(request.query());
            List<ServedTool> served = new ArrayList<>(request.k());
            for (Hit h : rank(request, rewrite.text())) {
                served.add(ServedTools.of(tools.get(h.key()), h.rank(), h.score()));
            }
            long micros = (System.nanoTime() - started) / 1000;
            ToolSearchResponse response = new ToolSearchResponse(request.query(), rewrite.text(), rewrite.fallback(), served, micros);
            stats.answered(micros, rewrite.fallback() != null);
            if (log != null) {
                log.record(LoggedRequest.of(request, response, description));
            }
            return response;
        } catch (RuntimeException e) {
            stats.failed();
            throw e;
        }
    }

    private void requireNamespace(String namespace) {
        if (namespace == null || namespaces.containsKey(namespace)) {
            return;
        }
        if (namespaces.isEmpty()) {
            throw new IllegalArgumentException("unknown namespace '" + namespace + "': the tools of catalog '" + catalog.name()
                    + "' have no namespace; leave namespace out");
        }
        String listed = namespaces.keySet().stream().limit(NAMESPACES_LISTED).collect(Collectors.joining(", "));
        int more = namespaces.size() - NAMESPACES_LISTED;
        throw new IllegalArgumentException("unknown namespace '" + namespace + "'; the namespaces of catalog '" + catalog.name()
                + "' are: " + listed + (more > 0 ? " and " + more + " more" : ""));
    }

    /** The k best tools for the query or its rewrite, limited to the request's namespace. */
    private List<Hit> rank(ToolSearchRequest request, String rewrite) {
        if (rewrite != null && config.rewriteUse() == ServeConfig.RewriteUse.fusion) {
            Ranking fused = withRetriever(() -> FusionRetriever.fuse(retriever.rank(request.query()), retriever.rank(rewrite), fusionK));
            return inNamespace(fused::top, request.k(), request.namespace());
        }
        String text = rewrite != null ? rewrite : request.query();
        return inNamespace(n -> withRetriever(() -> retriever.search(text, n)), request.k(), request.namespace());
    }

    /**
     * The first {@code k} of {@code top}'s hits in {@code namespace}, ranked 1 to k among themselves: ranks more of the
     * catalog, four times as much each round, until k are found or the ranking has no more.
     */
    private List<Hit> inNamespace(IntFunction<List<Hit>> top, int k, String namespace) {
        if (namespace == null) {
            return top.apply(k);
        }
        int size = tools.size();
        for (int n = Math.min(size, Math.max(4 * k, NAMESPACE_OVERFETCH)); ; n = Math.min(size, n * 4)) {
            List<Hit> hits = top.apply(n);
            List<Hit> kept = new ArrayList<>(k);
            for (Hit h : hits) {
                if (namespace.equals(tools.get(h.key()).category())) {
                    kept.add(new Hit(kept.size() + 1, h.key(), h.score()));
                    if (kept.size() == k) {
                        return kept;
                    }
                }
            }
            if (hits.size() < n || n >= size) {
                return kept;
            }
        }
    }

    private <T> T withRetriever(Supplier<T> search) {
        if (retrieverTurn == null) {
            return search.get();
        }
        retrieverTurn.lock();
        try {
            return search.get();
        } finally {
            retrieverTurn.unlock();
        }
    }

    /** The rewrite a request ranks with (null text) or why there is none. */
    private record Rewrite(String text, String fallback) {
        static final Rewrite NONE = new Rewrite(null, null);

        static Rewrite fallback(String why) {
            return new Rewrite(null, why);
        }
    }

    /**
     * The rewriter's rewrite of {@code query}, prompted with the retriever's top tool documents as the rewrite
     * evaluation prompts it; within the latency budget, if there is one.
     */
    private Rewrite rewrite(String query) {
        List<Tool> documents = rewriter.toolDocuments() == 0 ? List.of()
                : withRetriever(() -> retriever.search(query, rewriter.toolDocuments())).stream().map(h -> tools.get(h.key())).toList();
        AtomicBoolean abandoned = new AtomicBoolean();
        Progress stopWhenAbandoned = new Progress() {
            @Override
            public void update(String message, long done, long total) {
            }

            @Override
            public boolean isCancelled() {
                return abandoned.get() || closed.get();
            }
        };
        Future<String> pending;
        try {
            pending = rewriterThread.submit(() -> rewriter.rewrite(query, documents, stopWhenAbandoned));
        } catch (RejectedExecutionException e) {
            return Rewrite.fallback("the rewriter is shutting down");
        }
        try {
            String text = config.latencyBudget() == null ? pending.get()
                    : pending.get(config.latencyBudget().toNanos(), TimeUnit.NANOSECONDS);
            return text == null || text.isBlank() ? Rewrite.fallback("the rewriter gave no rewrite") : new Rewrite(text.strip(), null);
        } catch (TimeoutException e) {
            abandoned.set(true);
            pending.cancel(false);
            return Rewrite.fallback("rewriter over the " + config.latencyBudget().toMillis() + " ms budget");
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            LOG.warn("the rewriter failed; answering with the retriever alone: {}", cause.toString());
            return Rewrite.fallback("the rewriter failed: " + cause.getMessage());
        } catch (InterruptedException e) {
            abandoned.set(true);
            pending.cancel(false);
            Thread.currentThread().interrupt();
            return Rewrite.fallback("interrupted while waiting for the rewriter");
        }
    }

    @Override
    public String describe() {
        return description;
    }

    /** What is served. */
    public ServeConfig config() {
        return config;
    }

    /** The catalog served. */
    public Catalog catalog() {
        return catalog;
    }

    /** How many tools the catalog has. */
    public int toolCount() {
        return tools.size();
    }

    /** The catalog's namespaces (its tools' categories) with their tool counts, by name. */
    public SortedMap<String, Integer> namespaces() {
        return Collections.unmodifiableSortedMap(namespaces);
    }

    /** Whether served queries are stored in the workspace. */
    public boolean logsQueries() {
        return log != null;
    }

    /** The requests served so far: counts, rate and latency percentiles. */
    public ServeStats stats() {
        return stats.snapshot();
    }

    /**
     * Stops the rewriter at its next token, stores the queued log entries and closes the retriever; searches that are
     * still running may fail. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (rewriterThread != null) {
                rewriterThread.shutdown();
                if (!rewriterThread.awaitTermination(REWRITER_STOP_SECONDS, TimeUnit.SECONDS)) {
                    LOG.warn("the rewriter did not stop within {} s", REWRITER_STOP_SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeAll(log, retriever, retrievers, rewriter);
        }
    }

    /** Closes each of {@code resources} that is there, all of them even when one fails (the first failure is thrown). */
    private static void closeAll(AutoCloseable... resources) {
        RuntimeException failure = null;
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
