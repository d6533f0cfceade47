package org.qtastudio.cli;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.common.Progress;
import org.qtastudio.eval.EvalService;
import org.qtastudio.bench.Machine;
import org.qtastudio.bench.SyntheticCatalog;
import org.qtastudio.bench.Timings;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.retrieval.TextField;
import org.qtastudio.retrieval.bm25.LuceneBm25Retriever;
import org.qtastudio.retrieval.dense.Embedder;
import org.qtastudio.retrieval.dense.OnnxEmbeddingModel;
import org.qtastudio.retrieval.dense.VectorIndex;
import org.qtastudio.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qta-studio bench retrieval}: the retrieval performance figures of docs/retrieval-benchmarks.md, measured
 * on a generated catalog (BM25 indexing and latency, dense search), a subset of it (embedding throughput
 * beside a raw ONNX Runtime session) and MTRB (full evaluation time, when ../shared is present).
 */
@Command(name = "retrieval", mixinStandardHelpOptions = true,
        description = "Benchmark BM25, dense embedding and search, and a full MTRB evaluation; prints Markdown.")
public final class RetrievalBenchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--tools", description = "Tools in the generated catalog. Default: ${DEFAULT-VALUE}")
    int tools = 100_000;

    @Option(names = "--queries", description = "Timed queries per latency figure. Default: ${DEFAULT-VALUE}")
    int queries = 1_000;

    @Option(names = "--embed-texts", description = "Tool texts embedded for the throughput figure. Default: ${DEFAULT-VALUE}")
    int embedTexts = 1_000;

    @Option(names = "--batch", description = "Texts per embedding call. Default: ${DEFAULT-VALUE}")
    int batch = Retrievers.DEFAULT_BATCH;

    @Option(names = "--mtrb", paramLabel = "DIR", description = "MTRB folder (restbench/ and metatool/). Default: ${DEFAULT-VALUE}")
    Path mtrb = Path.of("..", "shared", "datasets", "mtrb");

    @Option(names = "--seed", description = "Seed of the generated catalog and queries. Default: ${DEFAULT-VALUE}")
    long seed = 7;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the Markdown report here (e.g. docs/retrieval-benchmarks.md).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (tools < 1 || queries < 1 || embedTexts < 1 || batch < 1) {
            throw new IllegalArgumentException("--tools, --queries, --embed-texts and --batch must be positive");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path tmp = Files.createTempDirectory("qta-bench");
        StringBuilder md = new StringBuilder();
        md.append("# Retrieval benchmarks\n\n");
        md.append("Measured ").append(LocalDate.now(ZoneOffset.UTC)).append(" on: ").append(Machine.describe()).append(".\n\n");
        md.append("Command: `qta-studio bench retrieval --tools ").append(tools).append(" --queries ").append(queries)
                .append(" --embed-texts ").append(embedTexts).append(" --batch ").append(batch).append(" --seed ").append(seed).append("`\n\n");
        md.append("| figure | measured | target |\n|---|---|---|\n");

        err.println("generating " + tools + " tools ...");
        SyntheticCatalog gen = new SyntheticCatalog(30_000, seed);
        List<Tool> catalog = gen.tools(tools);
        List<String> queryTexts = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            queryTexts.add(gen.text(3, 12));
        }

        bm25(catalog, queryTexts, tmp, md, err);
        embedding(catalog, md, err);
        vectorSearch(md, err);
        mtrbEvaluation(tmp, md, err);

        md.append("\nNotes: the generated catalog uses Zipf-distributed made-up words (10-40 per description) with "
                + "method + path + description indexed, English analysis, k1 1.2, b 0.75. Latencies are per query on one thread "
                + "after warm-up (BM25: two passes over the queries; dense: 200 queries); dense search scans all vectors exactly (parallel slices). Embedding throughput counts "
                + "the Embedder's whole path (hashing, tokenization, the ONNX session, pooling, normalisation); the raw figure "
                + "runs a plain `OrtSession` with default options on the same token batches and times only tokenization and "
                + "`session.run`; the two alternate batch by batch. CPU times are process CPU time (all threads), which other "
                + "work on a shared machine does not inflate the way it inflates wall time; see the load average above.\n");
        stdout.print(md);
        stdout.flush();
        if (out != null) {
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
            err.println("wrote " + out);
        }
        return 0;
    }

    private void bm25(List<Tool> catalog, List<String> queryTexts, Path tmp, StringBuilder md, PrintWriter err) {
        err.println("BM25: indexing ...");
        long t0 = System.nanoTime();
        try (LuceneBm25Retriever bm25 = LuceneBm25Retriever.openOrBuild(tmp.resolve("bm25"), "bench", catalog,
                RetrieverSpec.Bm25.defaults(), Progress.NONE)) {
            double indexSeconds = (System.nanoTime() - t0) / 1e9;
            // two full passes: on a busy machine the JIT compiler threads get little CPU and warm up slowly
            for (int pass = 0; pass < 2; pass++) {
                queryTexts.forEach(q -> bm25.search(q, 10));
            }
            long[] nanos = new long[queryTexts.size()];
            long cpu0 = Machine.processCpuNanos();
            for (int i = 0; i < nanos.length; i++) {
                long s = System.nanoTime();
                bm25.search(queryTexts.get(i), 10);
                nanos[i] = System.nanoTime() - s;
            }
            double cpuMillis = (Machine.processCpuNanos() - cpu0) / 1e6 / nanos.length;
            Timings t = new Timings(nanos);
            md.append(row("BM25 index build, " + catalog.size() + " tools (Lucene, on disk)", fmt(indexSeconds) + " s", "< 30 s"));
            md.append(row("BM25 top-10 latency p50 / p99", fmt(t.percentileMillis(50)) + " / " + fmt(t.percentileMillis(99))
                    + " ms (CPU time " + fmt(cpuMillis) + " ms a query)", "p50 < 2 ms"));
        }
    }

    private void embedding(List<Tool> catalog, StringBuilder md, PrintWriter err) throws OrtException, IOException {
        int n = Math.min(embedTexts, catalog.size());
        List<String> texts = catalog.subList(0, n).stream()
                .map(t -> TextField.document(t, RetrieverSpec.Dense.DEFAULT_FIELDS)).toList();
        OnnxEmbeddingModel model = OnnxEmbeddingModel.miniLm();
        // the same length-sorted batches the Embedder forms, so both sides see identical inputs
        List<String> sorted = texts.stream().sorted(Comparator.comparingInt(String::length)).toList();
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i += batch) {
            batches.add(sorted.subList(i, Math.min(sorted.size(), i + batch)));
        }
        err.println("embedding " + n + " texts, alternating the Embedder and a raw ONNX Runtime session batch by batch ...");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        byte[] bytes;
        try (InputStream in = OnnxEmbeddingModel.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            bytes = in.readAllBytes();
        }
        Embedder embedder = new Embedder(model, null, batch);
        long oursWall = 0;
        long rawWall = 0;
        long oursCpu = 0;
        long rawCpu = 0;
        try (OrtSession session = env.createSession(bytes, new OrtSession.SessionOptions())) {
            embedder.embed(batches.getFirst(), Progress.NONE); // warm-up both
            rawRun(env, session, model.tokenize(batches.getFirst()));
            // alternating batch by batch exposes both sides to the same competing load
            for (List<String> b : batches) {
                long w0 = System.nanoTime();
                long c0 = Machine.processCpuNanos();
                embedder.embed(b, Progress.NONE);
                long w1 = System.nanoTime();
                long c1 = Machine.processCpuNanos();
                rawRun(env, session, model.tokenize(b));
                rawWall += System.nanoTime() - w1;
                rawCpu += Machine.processCpuNanos() - c1;
                oursWall += w1 - w0;
                oursCpu += c1 - c0;
            }
        }
        double ours = n / (oursWall / 1e9);
        double raw = n / (rawWall / 1e9);
        long tokens = 0;
        for (List<String> b : batches) {
            for (Encoding e : model.tokenize(b)) {
                tokens += e.getIds().length;
            }
        }
        md.append(row("Embedding throughput, all-MiniLM-L6-v2, " + n + " generated tool texts (" + tokens / n
                + " tokens on average), batch " + batch,
                fmt(ours) + " texts/s (raw ONNX Runtime: " + fmt(raw) + " texts/s, ratio " + fmt(ours / raw)
                        + "; CPU time ratio raw/ours " + fmt((double) rawCpu / oursCpu) + ")", ">= 0.9 x raw"));
    }

    private static void rawRun(OrtEnvironment env, OrtSession session, Encoding[] enc) throws OrtException {
        int len = 0;
        for (Encoding e : enc) {
            len = Math.max(len, e.getIds().length);
        }
        long[] ids = new long[enc.length * len];
        long[] mask = new long[enc.length * len];
        long[] types = new long[enc.length * len];
        for (int b = 0; b < enc.length; b++) {
            System.arraycopy(enc[b].getIds(), 0, ids, b * len, enc[b].getIds().length);
            System.arraycopy(enc[b].getAttentionMask(), 0, mask, b * len, enc[b].getIds().length);
        }
        long[] shape = {enc.length, len};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
        inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
        inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
        try (OrtSession.Result ignored = session.run(inputs)) {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private void vectorSearch(StringBuilder md, PrintWriter err) {
        err.println("dense search over " + tools + " random unit vectors ...");
        SplittableRandom random = new SplittableRandom(seed);
        int dim = 384;
        float[][] vectors = new float[tools][];
        for (int i = 0; i < tools; i++) {
            vectors[i] = unit(random, dim);
        }
        VectorIndex index = new VectorIndex(vectors, dim);
        for (int i = 0; i < 200; i++) {
            index.top(unit(random, dim), 10);
        }
        long[] nanos = new long[queries];
        long cpu0 = Machine.processCpuNanos();
        for (int i = 0; i < queries; i++) {
            float[] q = unit(random, dim);
            long s = System.nanoTime();
            index.top(q, 10);
            nanos[i] = System.nanoTime() - s;
        }
        double cpuMillis = (Machine.processCpuNanos() - cpu0) / 1e6 / queries;
        Timings t = new Timings(nanos);
        md.append(row("Dense exact top-10 over " + tools + " vectors (384-d) p50 / p99",
                fmt(t.percentileMillis(50)) + " / " + fmt(t.percentileMillis(99)) + " ms (CPU time " + fmt(cpuMillis)
                        + " ms a query over all threads)", "p50 < 20 ms"));
    }

    private void mtrbEvaluation(Path tmp, StringBuilder md, PrintWriter err) throws IOException {
        if (!Files.isDirectory(mtrb.resolve("restbench")) || !Files.isDirectory(mtrb.resolve("metatool"))) {
            err.println("MTRB not found at " + mtrb.toAbsolutePath() + "; skipping the MTRB evaluation figure");
            md.append(row("Full MTRB evaluation", "not measured: MTRB files not found at " + mtrb, "< 60 s"));
            return;
        }
        err.println("MTRB: import + BM25 and MiniLM evaluation on both subsets, empty embedding cache ...");
        try (Workspace ws = Workspace.open(tmp.resolve("mtrb.qta")); Retrievers retrievers = new Retrievers(ws)) {
            long t0 = System.nanoTime();
            ImportService importer = new ImportService(ws);
            importer.importSource(ImportSource.of(mtrb.resolve("restbench")), null, null, Progress.NONE);
            importer.importSource(ImportSource.of(mtrb.resolve("metatool")), null, null, Progress.NONE);
            double importSeconds = (System.nanoTime() - t0) / 1e9;
            EvalService service = new EvalService(ws, retrievers);
            long t1 = System.nanoTime();
            for (String catalog : List.of("mtrb-restbench", "mtrb-metatool")) {
                for (RetrieverSpec s : List.of(RetrieverSpec.Bm25.defaults(), RetrieverSpec.Dense.defaults())) {
                    service.evaluate(catalog, Split.TEST, s, List.of(5, 10), Progress.NONE);
                }
            }
            double evalSeconds = (System.nanoTime() - t1) / 1e9;
            md.append(row("Full MTRB evaluation (RestBench + MetaTool, BM25 + MiniLM, cold cache, model load included)",
                    fmt(evalSeconds) + " s (import " + fmt(importSeconds) + " s)", "< 60 s"));
        }
    }

    /** CPU time of the whole process (all threads), which competing processes on a shared machine do not inflate. */
    private static float[] unit(SplittableRandom random, int dim) {
        float[] v = new float[dim];
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            v[d] = (float) (random.nextDouble() * 2 - 1);
            norm += v[d] * v[d];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < dim; d++) {
            v[d] *= inv;
        }
        return v;
    }

    private static String row(String figure, String measured, String target) {
        return "| " + figure + " | " + measured + " | " + target + " |\n";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }
}
