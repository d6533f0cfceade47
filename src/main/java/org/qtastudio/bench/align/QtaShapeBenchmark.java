package org.qtastudio.bench.align;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.qtastudio.align.AlignMemory;
import org.qtastudio.align.AlignSettings;
import org.qtastudio.align.AlignStore;
import org.qtastudio.align.QtaAligner;
import org.qtastudio.align.RewriteEvaluator;
import org.qtastudio.align.StoredPair;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.common.Progress;
import org.qtastudio.lm.model.ModelConfig;
import org.qtastudio.lm.plan.MemoryBudget;
import org.qtastudio.lm.plan.MemoryPlan;
import org.qtastudio.lm.plan.Workload;
import org.qtastudio.lm.tokenizer.LmTokenizer;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;

/**
 * QTA in MTRB RestBench's setting, end to end through the use-case services ({@link QtaAligner}, then
 * {@link RewriteEvaluator} with the trained adapter), timed per phase: load, sampling, reference log-probs, DPO
 * training, then the rewrite evaluation's load and its greedy rewrites. Each phase reports its wall time, tokens/s,
 * the peak resident set while it ran ({@code VmHWM}, reset between phases by writing 5 to
 * {@code /proc/self/clear_refs}) and the memory plan's estimate for it.
 *
 * <p>Phases are told apart by the progress messages the services send ("Sampling…", "Sampled…", "Reference
 * log-probabilities" at the last batch, "Rewriting…"); a phase whose message never came is reported as not seen.
 */
public final class QtaShapeBenchmark {

    /**
     * What to run. {@code catalog} null: the generated RestBench-shaped catalog in a temporary workspace.
     *
     * @param budget the memory the alignment plans against, as {@code align} would ({@code --memory-limit} or the free memory)
     */
    public record Options(Path model, String device, String dtype, int trainQueries, int testQueries, int samples, int maxNewTokens,
                          int toolDocuments, int epochs, int batchSize, long seed, Path workspace, String catalog,
                          MemoryBudget budget) {
    }

    /** One phase's figures (peak -1 where /proc is absent; tokens 0 where not counted). */
    public record PhaseResult(String phase, double seconds, long tokens, long peakRssBytes, long planBytes) {
        public double tokensPerSecond() {
            return seconds > 0 ? tokens / seconds : 0;
        }
    }

    /** The run's phases and outcome. */
    public record Result(List<PhaseResult> phases, QtaAligner.Summary summary, int rewrites, boolean hwmReset, MemoryPlan plan) {
    }

    private QtaShapeBenchmark() {
    }

    public static Result run(Options o, PrintWriter log) throws IOException {
        Path tmp = Files.createTempDirectory("qta-shape");
        Path wsFile = o.workspace() != null ? o.workspace() : tmp.resolve("bench" + Workspace.EXTENSION);
        String catalogName = o.catalog() != null ? o.catalog() : "restbench-shape";
        try (Workspace ws = Workspace.open(wsFile); Retrievers retrievers = new Retrievers(ws);
             PhaseTokens counted = new PhaseTokens(o.model(), o.epochs())) {
            Clock clock = new Clock(log, counted);
            clock.start("load");
            if (o.catalog() == null) {
                Path file = RestShapeCatalog.write(tmp.resolve("restbench-shape.jsonl"), o.trainQueries(), o.testQueries(), o.seed());
                new ImportService(ws).importSource(ImportSource.of(file), "generic", catalogName, Progress.NONE);
            }
            AlignSettings d = AlignSettings.defaults();
            AlignSettings s = new AlignSettings(d.instruction(), o.toolDocuments(), false, o.samples(), d.temperature(), d.topP(),
                    o.maxNewTokens(), o.seed(), d.rankingFunction(), d.beta(), d.sftWeight(), d.learningRate(), o.epochs(),
                    o.batchSize(), d.gradientAccumulation(), d.maxGradNorm(), d.warmupRatio(), d.loraRank(), d.loraAlpha(),
                    d.loraDropout(), d.targetModules(), 1, false);
            RetrieverSpec bm25 = RetrieverSpec.Bm25.defaults();
            QtaAligner aligner = new QtaAligner(ws, retrievers);
            aligner.memoryBudget(o::budget); // as `align` plans it, so the heap trim is chosen as a user's run chooses it
            counted.watch(aligner.store(), new CatalogStore(ws).require(catalogName).id());
            QtaAligner.Summary summary = aligner.align(new QtaAligner.Request(catalogName, Split.TRAIN,
                    o.model().toAbsolutePath().toString(), o.device(), o.dtype(), bm25, s), clock);
            clock.start("rewrite load");
            RewriteEvaluator.Outcome out = new RewriteEvaluator(ws, retrievers).evaluate(new RewriteEvaluator.Request(catalogName,
                    Split.TEST, o.model().toAbsolutePath().toString(), summary.adapter(), o.device(), o.dtype(), bm25,
                    s.instruction(), s.toolDocuments(), s.maxNewTokens(), RewriteEvaluator.Mode.greedy, 1, o.seed(),
                    List.of(5, 10), summary.runId()), clock);
            clock.stop();
            counted.rewrites(out.rewrites()); // counted after the phase, so tokenizing is not timed
            clock.flush(true);
            int maxPrompt = counted.maxPrompt;

            ModelConfig config = ModelConfig.read(o.model());
            Workload w = AlignMemory.workload(s, o.dtype(), Workload.QUERY_TOKENS,
                    AlignMemory.trainerCheckpoints(config));
            if (maxPrompt > 0) {
                w = w.withPromptTokens(maxPrompt); // the measured longest prompt instead of the bound
            }
            MemoryPlan plan = new MemoryPlan(config, w);
            Map<String, MemoryPlan.Phase> planOf = Map.of("load", MemoryPlan.Phase.load, "sampling", MemoryPlan.Phase.sampling,
                    "reference", MemoryPlan.Phase.reference, "training", MemoryPlan.Phase.training,
                    "rewrite load", MemoryPlan.Phase.load, "rewriting", MemoryPlan.Phase.rewriting);
            List<PhaseResult> results = new ArrayList<>();
            for (Clock.Span sp : clock.spans.values()) {
                MemoryPlan.Phase p = planOf.get(sp.name);
                results.add(new PhaseResult(sp.name, sp.seconds, Math.max(0, counted.applyAsLong(sp.name)), sp.peak,
                        p == null ? -1 : plan.estimate(p).expected()));
            }
            return new Result(results, summary, out.rewrites().size(), clock.hwmReset, plan);
        } finally {
            if (o.workspace() == null) {
                deleteTree(tmp);
            }
        }
    }

    /**
     * Tells phases apart from progress messages, and times them. Each phase's line (wall time, tokens, tokens/s, peak RSS)
     * is logged as soon as the phase has ended and its tokens can be counted, so a run cut short still leaves figures.
     */
    static final class Clock implements Progress {
        static final class Span {
            final String name;
            double seconds;
            long peak = -1;

            Span(String name) {
                this.name = name;
            }
        }

        final Map<String, Span> spans = new LinkedHashMap<>();
        private final List<Span> unlogged = new ArrayList<>();
        private final PrintWriter log;
        private final ToLongFunction<String> tokens;
        private String current;
        private long startedNanos;
        boolean hwmReset = true;

        /** @param tokens a phase's token count, or -1 while it cannot be counted yet; 0 for phases without tokens */
        Clock(PrintWriter log, ToLongFunction<String> tokens) {
            this.log = log;
            this.tokens = tokens;
        }

        synchronized void start(String phase) {
            stop();
            current = phase;
            startedNanos = System.nanoTime();
            hwmReset &= resetPeak();
            if (log != null) {
                log.println("phase " + phase);
                log.flush();
            }
        }

        synchronized void stop() {
            if (current == null) {
                return;
            }
            Span s = spans.computeIfAbsent(current, Span::new);
            s.seconds += (System.nanoTime() - startedNanos) / 1e9;
            s.peak = Math.max(s.peak, peakRss());
            current = null;
            unlogged.remove(s);
            unlogged.add(s);
            flush(false);
        }

        /** Logs the ended phases in order while their tokens are known; {@code all}: also those that never will be. */
        synchronized void flush(boolean all) {
            while (!unlogged.isEmpty()) {
                Span s = unlogged.getFirst();
                long n = tokens.applyAsLong(s.name);
                if (n < 0 && !all) {
                    return;
                }
                unlogged.removeFirst();
                if (log != null) {
                    log.println(line(s, n));
                    log.flush();
                }
            }
        }

        static String line(Span s, long tokens) {
            StringBuilder b = new StringBuilder(String.format("phase %s ended: %.1f s", s.name, s.seconds));
            if (tokens > 0) {
                b.append(String.format(", %d tokens, %.1f tok/s", tokens, s.seconds > 0 ? tokens / s.seconds : 0));
            }
            b.append(s.peak >= 0 ? ", peak RSS " + (s.peak >> 20) + " MiB" : ", peak RSS n/a");
            return b.toString();
        }

        @Override
        public synchronized void update(String message, long done, long total) {
            if (message.startsWith("Sampling") && !"sampling".equals(current)) {
                start("sampling");
            } else if (message.startsWith("Sampled")) {
                start("reference");
            } else if (message.startsWith("Reference") && done >= total && "reference".equals(current)) {
                start("training");
            } else if (message.startsWith("Rewrit") && "rewrite load".equals(current)) {
                start("rewriting");
            } else {
                flush(false); // e.g. the sampled pairs are stored by the first reference batch
            }
        }

        @Override
        public boolean isCancelled() {
            return Thread.currentThread().isInterrupted();
        }
    }

    /**
     * Tokens per phase, counted with the model's tokenizer from what the run stored: the sampled candidates (each with
     * its end token), the training pairs' prompt + chosen + rejected for the reference pass and each epoch, and the
     * greedy rewrites.
     */
    static final class PhaseTokens implements ToLongFunction<String>, AutoCloseable {
        private final Path model;
        private final int epochs;
        private LmTokenizer tokenizer;
        private AlignStore store;
        private long catalogId;
        private long sampled = -1;
        private long pairTokens = -1;
        private long rewritten = -1;
        int maxPrompt;

        PhaseTokens(Path model, int epochs) {
            this.model = model;
            this.epochs = epochs;
        }

        /** Counts the pairs of the newest alignment run of this catalog once they are stored. */
        void watch(AlignStore store, long catalogId) {
            this.store = store;
            this.catalogId = catalogId;
        }

        void rewrites(List<RewriteEvaluator.RewrittenQuery> rewrites) throws IOException {
            long n = 0;
            for (RewriteEvaluator.RewrittenQuery q : rewrites) {
                n += tokenizer().encode(q.rewrite(), false).length + 1;
            }
            rewritten = n;
        }

        @Override
        public long applyAsLong(String phase) {
            return switch (phase) {
                case "sampling" -> pairsCounted() ? sampled : -1;
                case "reference" -> pairsCounted() ? pairTokens : -1;
                case "training" -> pairsCounted() ? pairTokens * epochs : -1;
                case "rewriting" -> rewritten;
                default -> 0;
            };
        }

        private boolean pairsCounted() {
            if (sampled >= 0) {
                return true;
            }
            if (store == null) {
                return false;
            }
            List<AlignStore.AlignRun> runs = store.runs(catalogId);
            List<StoredPair> pairs = runs.isEmpty() ? List.of() : store.pairs(runs.getFirst().id(), 1);
            if (pairs.isEmpty()) {
                return false;
            }
            try {
                long s = 0;
                long t = 0;
                for (StoredPair p : pairs) {
                    int pt = tokenizer().encode(p.prompt(), false).length;
                    maxPrompt = Math.max(maxPrompt, pt);
                    for (var c : p.candidates()) {
                        if (!c.original()) {
                            s += tokenizer().encode(c.text(), false).length + 1;
                        }
                    }
                    if (p.trains()) {
                        t += pt + tokenizer().encode(p.chosen(), false).length + tokenizer().encode(p.rejected(), false).length + 2;
                    }
                }
                pairTokens = t;
                sampled = s;
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private LmTokenizer tokenizer() throws IOException {
            if (tokenizer == null) {
                tokenizer = LmTokenizer.load(model);
            }
            return tokenizer;
        }

        @Override
        public void close() {
            if (tokenizer != null) {
                tokenizer.close();
            }
        }
    }

    /** The peak resident set of this process so far ({@code VmHWM}), in bytes, or -1. */
    public static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Resets {@code VmHWM} to the current resident set (Linux: write 5 to clear_refs); false where that fails. */
    public static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
