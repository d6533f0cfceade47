package org.qtastudio.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qtastudio.bench.align.QtaShapeBenchmark;
import org.qtastudio.lm.plan.MemoryBudget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench qta-shape}: QTA in MTRB RestBench's setting with a model, timed and measured per phase. */
@Command(name = "qta-shape", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run QTA in MTRB RestBench's setting (54 generated REST tools, 10 training queries with gold tools, 3 tool "
                + "documents per prompt, 4 samples <= 48 tokens, 3 epochs, 90 greedy test rewrites) through the align and rewrite "
                + "use cases in a temporary workspace, and print per phase the wall time, tokens/s, peak RSS (VmHWM, reset between "
                + "phases) and the memory plan's estimate. Each phase's figures go to standard error as soon as it ends, the table "
                + "to standard output at the end. --threads must be the first LM work of the process.")
public final class QtaShapeBenchCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder (safetensors + tokenizer).")
    Path model;
    @Option(names = "--threads", description = "PyTorch intra-op threads (default: DJL's).")
    Integer threads;
    @Option(names = "--device", description = "cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device = "cpu";
    @Option(names = "--dtype", description = "float32 or bfloat16 (default: ${DEFAULT-VALUE}).")
    String dtype = "float32";
    @Option(names = "--train-queries", description = "Training queries (default: ${DEFAULT-VALUE}).")
    int train = 10;
    @Option(names = "--test-queries", description = "Test queries rewritten (default: ${DEFAULT-VALUE}).")
    int test = 90;
    @Option(names = "--samples", description = "Sampled rewrites per query (default: ${DEFAULT-VALUE}).")
    int samples = 4;
    @Option(names = "--max-new-tokens", description = "Longest rewrite (default: ${DEFAULT-VALUE}).")
    int maxNewTokens = 48;
    @Option(names = "--tool-docs", description = "Tool documents per prompt (default: ${DEFAULT-VALUE}).")
    int toolDocs = 3;
    @Option(names = "--epochs", description = "Epochs over the pairs (default: ${DEFAULT-VALUE}).")
    int epochs = 3;
    @Option(names = "--batch-size", description = "Pairs per forward pass (default: ${DEFAULT-VALUE}).")
    int batch = 4;
    @Option(names = "--seed", description = "Seed of the catalog, sampling and LoRA (default: ${DEFAULT-VALUE}).")
    long seed = 42;
    @Option(names = {"-w", "--workspace"}, paramLabel = "FILE", description = "Use this workspace (with --catalog) instead of a temporary one.")
    Path workspace;
    @Option(names = {"-c", "--catalog"}, paramLabel = "NAME", description = "An existing catalog of --workspace with train/test "
            + "queries (e.g. MTRB RestBench imported from ../shared) instead of the generated one.")
    String catalog;

    @Option(names = "--memory-limit", paramLabel = "SIZE", description = "Plan the alignment against SIZE (e.g. 5G) instead of "
            + "the free memory, as align does: below 2.5 times the plan's training estimate, training hands freed memory back "
            + "after each layer, slower and smaller.")
    String memoryLimit;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((workspace == null) != (catalog == null)) {
            throw new IllegalArgumentException("--workspace and --catalog go together");
        }
        if (threads != null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        PrintWriter o = spec.commandLine().getOut();
        QtaShapeBenchmark.Result r = QtaShapeBenchmark.run(new QtaShapeBenchmark.Options(model, device, dtype, train, test, samples,
                maxNewTokens, toolDocs, epochs, batch, seed, workspace, catalog, AlignCommand.budget(memoryLimit, device)), spec.commandLine().getErr());
        LmPlanCommand.print(o, r.plan(), null);
        o.println();
        TextTable t = new TextTable("phase", "wall s", "tokens", "tok/s", "peak RSS MiB", "plan MiB", "plan/peak");
        for (QtaShapeBenchmark.PhaseResult p : r.phases()) {
            t.row(p.phase(), String.format("%.1f", p.seconds()), p.tokens() > 0 ? p.tokens() : "", p.tokens() > 0
                            ? String.format("%.1f", p.tokensPerSecond()) : "", p.peakRssBytes() >= 0 ? p.peakRssBytes() >> 20 : "n/a",
                    p.planBytes() >= 0 ? p.planBytes() >> 20 : "", p.planBytes() > 0 && p.peakRssBytes() > 0
                            ? String.format("%.2f", (double) p.planBytes() / p.peakRssBytes()) : "");
        }
        t.print(o, 160);
        o.printf("run %d %s: %d pairs (%d tied), %d training steps, %d test rewrites; VmHWM reset between phases: %s; "
                        + "threads %s; host %s%n", r.summary().runId(), r.summary().status(), r.summary().pairs(), r.summary().tiedQueries(),
                r.summary().steps(), r.rewrites(), r.hwmReset() ? "yes" : "no (peaks are cumulative)",
                threads == null ? "default" : threads, MemoryBudget.host() == null ? "?" : MemoryBudget.host().source());
        o.flush();
        return 0;
    }
}
