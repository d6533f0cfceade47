package org.qtastudio.align.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qtastudio.align.AlignMemory;
import org.qtastudio.align.AlignSettings;
import org.qtastudio.align.QtaAligner;
import org.qtastudio.align.RewriteEvaluator;
import org.qtastudio.align.StoredPair;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.common.Progress;
import org.qtastudio.lm.model.ModelConfig;
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

    /** What to run. {@code catalog} null: the generated RestBench-shaped catalog in a temporary workspace. */
    public record Options(Path model, String device, String dtype, int trainQueries, int testQueries, int samples, int maxNewTokens,
                          int toolDocuments, int epochs, int batchSize, long seed, Path workspace, String catalog) {
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
        Clock clock = new Clock(log);
        clock.start("load");
        try (Workspace ws = Workspace.open(wsFile); Retrievers retrievers = new Retrievers(ws)) {
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
            aligner.memoryBudget(() -> null); // measured here, not refused: the plan is printed beside the peaks
            QtaAligner.Summary summary = aligner.align(new QtaAligner.Request(catalogName, Split.TRAIN,
                    o.model().toAbsolutePath().toString(), o.device(), o.dtype(), bm25, s), clock);
            clock.start("rewrite load");
            RewriteEvaluator.Outcome out = new RewriteEvaluator(ws, retrievers).evaluate(new RewriteEvaluator.Request(catalogName,
                    Split.TEST, o.model().toAbsolutePath().toString(), summary.adapter(), o.device(), o.dtype(), bm25,
                    s.instruction(), s.toolDocuments(), s.maxNewTokens(), RewriteEvaluator.Mode.greedy, 1, o.seed(),
                    List.of(5, 10), summary.runId()), clock);
            clock.stop();

            // tokens per phase, counted with the model's tokenizer from what the run stored
            long promptTokens = 0;
            long sampled = 0;
            long pairTokens = 0;
            int maxPrompt = 0;
            List<StoredPair> pairs = aligner.store().pairs(summary.runId(), 1);
            try (LmTokenizer tok = LmTokenizer.load(o.model())) {
                for (StoredPair p : pairs) {
                    int pt = tok.encode(p.prompt(), false).length;
                    maxPrompt = Math.max(maxPrompt, pt);
                    promptTokens += pt;
                    for (var c : p.candidates()) {
                        if (!c.original()) {
                            sampled += tok.encode(c.text(), false).length + 1;
                        }
                    }
                    if (p.trains()) {
                        pairTokens += pt + tok.encode(p.chosen(), false).length + tok.encode(p.rejected(), false).length + 2;
                    }
                }
                for (RewriteEvaluator.RewrittenQuery q : out.rewrites()) {
                    clock.tokens("rewriting", tok.encode(q.rewrite(), false).length + 1);
                }
            }
            clock.tokens("sampling", sampled);
            clock.tokens("reference", pairTokens);
            clock.tokens("training", pairTokens * o.epochs());

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
                results.add(new PhaseResult(sp.name, sp.seconds, clock.tokens.getOrDefault(sp.name, 0L), sp.peak,
                        p == null ? -1 : plan.estimate(p).total()));
            }
            return new Result(results, summary, out.rewrites().size(), clock.hwmReset, plan);
        } finally {
            if (o.workspace() == null) {
                deleteTree(tmp);
            }
        }
    }

    /** Tells phases apart from progress messages, and times them. */
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
        final Map<String, Long> tokens = new LinkedHashMap<>();
        private final PrintWriter log;
        private String current;
        private long startedNanos;
        boolean hwmReset = true;

        Clock(PrintWriter log) {
            this.log = log;
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
        }

        void tokens(String phase, long n) {
            tokens.merge(phase, n, Long::sum);
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
            }
        }

        @Override
        public boolean isCancelled() {
            return Thread.currentThread().isInterrupted();
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

    private static void deleteTree(Path root) throws IOException {
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
