package org.qtastudio.bench.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.qtastudio.align.AlignSettings;
import org.qtastudio.align.QtaAligner;
import org.qtastudio.bench.Machine;
import org.qtastudio.bench.SyntheticCatalog;
import org.qtastudio.bench.Timings;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.common.Json;
import org.qtastudio.common.Progress;
import org.qtastudio.lm.model.RandomModelWriter;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.serve.ServeConfig;
import org.qtastudio.serve.ToolSearchRequest;
import org.qtastudio.serve.ToolSearchService;
import org.qtastudio.serve.http.HttpToolSearchServer;
import org.qtastudio.store.Workspace;

/**
 * Tool search served over HTTP on loopback, as agents call it: a generated catalog in a temporary workspace, served by
 * {@link HttpToolSearchServer} with BM25, dense retrieval and (where the Qwen3 tokenizer of {@code ../shared} is
 * there) BM25 behind the rewriter of a completed alignment run of a tiny random model; closed-loop clients (each its
 * own {@link HttpClient}, HTTP/1.1, no pause between requests) in the same JVM send {@code POST /v1/tool-search} with
 * k = 5, each request a query text not sent before (as agents' queries mostly are; a dense retriever would otherwise
 * skip the embedding of a query it had seen). Per configuration and number of clients: end-to-end latency percentiles, throughput, and the process's CPU
 * time per request (server and clients together), which a shared machine's other work does not inflate.
 */
public final class ServingBenchmark {

    /** Requests sent before any are timed, so that the JIT has compiled the serving path. */
    private static final int WARM_UP = 500;
    private static final String CATALOG = "serving";

    /**
     * What to run.
     *
     * @param requests timed requests per configuration and number of clients
     * @param rewriterRequests the same for the rewriter's configurations (each rewrite is a pass of the LM)
     * @param tokenizer the Qwen3 tokenizer folder for the tiny rewriter, or null to leave the rewriter out
     */
    public record Options(int tools, int requests, List<Integer> clients, boolean dense, Path tokenizer, int rewriterRequests,
                          Duration latencyBudget, long seed) {
    }

    /** One configuration at one number of clients. */
    public record Row(String served, int clients, int requests, double p50Millis, double p99Millis, double requestsPerSecond,
                      double cpuMillisPerRequest, long fallbacks, long failed) {
    }

    private ServingBenchmark() {
    }

    /** Runs every configuration and returns its rows; progress and one-off timings go to {@code log}. */
    public static List<Row> run(Options o, PrintWriter log) throws IOException, InterruptedException {
        Path tmp = Files.createTempDirectory("qta-serving-bench");
        SyntheticCatalog gen = new SyntheticCatalog(30_000, o.seed());
        List<Tool> tools = gen.tools(o.tools());
        // every request of a configuration gets a text of its own
        java.util.Set<String> distinct = new java.util.LinkedHashSet<>();
        int needed = WARM_UP + Math.max(o.requests(), o.rewriterRequests()) * o.clients().size();
        while (distinct.size() < needed) {
            distinct.add(gen.text(3, 12));
        }
        List<String> queries = List.copyOf(distinct);
        List<Row> rows = new ArrayList<>();
        try (Workspace ws = Workspace.open(tmp.resolve("serving" + Workspace.EXTENSION))) {
            long t0 = System.nanoTime();
            new ImportService(ws).importSource(ImportSource.of(writeCatalog(tmp.resolve("serving.jsonl"), tools, gen)), "generic",
                    CATALOG, Progress.NONE);
            log.printf(Locale.ROOT, "imported %d generated tools in %.1f s%n", tools.size(), seconds(t0));
            List<ServeConfig> configs = new ArrayList<>(List.of(ServeConfig.retrieverOnly(CATALOG, RetrieverSpec.Bm25.defaults())));
            if (o.dense()) {
                configs.add(ServeConfig.retrieverOnly(CATALOG, RetrieverSpec.Dense.defaults()));
            }
            for (ServeConfig config : configs) {
                rows.addAll(serve(ws, config, o.clients(), o.requests(), queries, log));
            }
            if (o.tokenizer() != null && Files.isDirectory(o.tokenizer())) {
                long run = tinyAlignment(ws, o.tokenizer(), tmp.resolve("tiny-qwen3"), log);
                for (Duration budget : Arrays.asList(null, o.latencyBudget())) {
                    ServeConfig config = new ServeConfig(CATALOG, RetrieverSpec.Bm25.defaults(), run, ServeConfig.RewriteUse.rewrite, budget, false);
                    rows.addAll(serve(ws, config, o.clients(), o.rewriterRequests(), queries, log));
                }
            } else {
                log.println("no tokenizer at " + o.tokenizer() + ": the rewriter's configurations are left out");
            }
        } finally {
            deleteTree(tmp);
        }
        return rows;
    }

    /** The tools, and eight training queries (four words of a tool's description, the tool as gold) for the rewriter. */
    private static Path writeCatalog(Path file, List<Tool> tools, SyntheticCatalog gen) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            for (Tool t : tools) {
                ObjectNode n = Json.MAPPER.createObjectNode().put("id", t.key()).put("name", t.name()).put("method", t.method())
                        .put("path", t.path()).put("description", t.description());
                w.write(Json.write(n) + "\n");
            }
            for (int i = 0; i < 8; i++) {
                Tool gold = tools.get(i * (tools.size() / 8));
                String[] words = gold.description().split(" ");
                String text = String.join(" ", Arrays.copyOfRange(words, 0, Math.min(4, words.length))) + " " + gen.word();
                ObjectNode n = Json.MAPPER.createObjectNode().put("id", "train-" + i).put("query", text).put("gold", gold.key())
                        .put("split", Split.TRAIN.id());
                w.write(Json.write(n) + "\n");
            }
        }
        return file;
    }

    /**
     * A completed alignment run of {@link RandomModelWriter#tinyQwen3}: one tool document per prompt, two samples of at
     * most eight tokens, one epoch. Its rewrites are noise; what is measured is the cost of a served rewrite.
     */
    private static long tinyAlignment(Workspace ws, Path tokenizer, Path modelDir, PrintWriter log) throws IOException {
        long t0 = System.nanoTime();
        RandomModelWriter.tinyQwen3(tokenizer, modelDir);
        AlignSettings d = AlignSettings.defaults();
        AlignSettings tiny = new AlignSettings(d.instruction(), 1, false, 2, 1.0, 1.0, 8, 11, d.rankingFunction(), d.beta(), 0.0,
                2e-2, 1, 4, 1, 1.0, 0.1, 8, 16, 0.0, d.targetModules(), 1, false);
        try (Retrievers retrievers = new Retrievers(ws)) {
            QtaAligner.Summary s = new QtaAligner(ws, retrievers).align(new QtaAligner.Request(CATALOG, Split.TRAIN, modelDir.toString(),
                    "cpu", "float32", RetrieverSpec.Bm25.defaults(), tiny), Progress.NONE);
            log.printf(Locale.ROOT, "aligned a tiny random Qwen3-shaped model (run %d, %s) in %.1f s%n", s.runId(), s.status(), seconds(t0));
            return s.runId();
        }
    }

    private static List<Row> serve(Workspace ws, ServeConfig config, List<Integer> clients, int requests, List<String> queries,
                                   PrintWriter log) throws InterruptedException {
        long t0 = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        try (ToolSearchService search = ToolSearchService.open(ws, config, Progress.NONE);
             HttpToolSearchServer server = new HttpToolSearchServer(search, HttpToolSearchServer.DEFAULT_HOST, 0)) {
            URI endpoint = server.start().resolve("v1/tool-search");
            String served = label(config);
            log.printf(Locale.ROOT, "%s: opened in %.1f s (%s); warming up ...%n", served, seconds(t0), search.describe());
            int sent = Math.min(WARM_UP, requests);
            load(endpoint, 4, queries.subList(0, sent));
            for (int n : clients) {
                long fallbacksBefore = search.stats().fallbacks();
                long cpu0 = Machine.processCpuNanos();
                long wall0 = System.nanoTime();
                Load l = load(endpoint, n, queries.subList(sent, sent + requests));
                sent += requests;
                double wall = (System.nanoTime() - wall0) / 1e9;
                double cpu = (Machine.processCpuNanos() - cpu0) / 1e6 / requests;
                Timings t = new Timings(l.nanos());
                Row row = new Row(served, n, requests, t.percentileMillis(50), t.percentileMillis(99), requests / wall, cpu,
                        search.stats().fallbacks() - fallbacksBefore, l.failed());
                log.printf(Locale.ROOT, "  %2d clients: p50 %.2f ms, p99 %.2f ms, %.0f requests/s%n", n, row.p50Millis(), row.p99Millis(),
                        row.requestsPerSecond());
                rows.add(row);
            }
        }
        return rows;
    }

    private static String label(ServeConfig config) {
        String retriever = config.retriever() instanceof RetrieverSpec.Dense d ? "dense (" + d.model() + ")" : "BM25";
        if (config.alignRun() == null) {
            return retriever;
        }
        return retriever + " + tiny rewriter" + (config.latencyBudget() == null ? "" : ", " + config.latencyBudget().toMillis() + " ms budget");
    }

    private record Load(long[] nanos, long failed) {
    }

    /** One request per query from {@code clients} closed-loop clients; each request's end-to-end time. */
    private static Load load(URI endpoint, int clients, List<String> queries) throws InterruptedException {
        int requests = queries.size();
        long[] nanos = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicLong failed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                        for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                            String body = Json.write(java.util.Map.of("query", queries.get(i), "k", ToolSearchRequest.DEFAULT_K));
                            HttpRequest request = HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                            long s = System.nanoTime();
                            int status;
                            try {
                                status = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                            } catch (IOException e) {
                                status = -1;
                            }
                            nanos[i] = System.nanoTime() - s;
                            if (status != 200) {
                                failed.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a client failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Load(nanos, failed.get());
    }

    /** The rows as a Markdown table. */
    public static String table(List<Row> rows) {
        StringBuilder md = new StringBuilder("| served | clients | requests | p50 ms | p99 ms | requests/s | CPU ms/request | without rewrite | failed |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f | %.0f | %.2f | %d | %d |%n", r.served(), r.clients(),
                    r.requests(), r.p50Millis(), r.p99Millis(), r.requestsPerSecond(), r.cpuMillisPerRequest(), r.fallbacks(), r.failed()));
        }
        return md.toString();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
