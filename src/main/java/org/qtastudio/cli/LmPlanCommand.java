package org.qtastudio.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qtastudio.align.AlignMemory;
import org.qtastudio.align.AlignSettings;
import org.qtastudio.lm.model.ModelConfig;
import org.qtastudio.lm.plan.MemoryBudget;
import org.qtastudio.lm.plan.MemoryFit;
import org.qtastudio.lm.plan.MemoryPlan;
import org.qtastudio.lm.plan.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lm plan}: the memory plan of a QTA run with a model, per phase, against the free memory. Loads no weights. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Estimate the peak memory of each phase of a QTA run (load, sampling, reference log-probs, DPO "
                + "training, rewriting) from the model's config.json and the run's settings, and compare it with the free memory. "
                + "Reads config.json only.")
public final class LmPlanCommand implements Callable<Integer> {

    private static final AlignSettings D = AlignSettings.defaults();

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder (config.json).")
    Path model;
    @Option(names = "--device", description = "cpu or gpu (bf16 suggestions follow the engine) (default: ${DEFAULT-VALUE}).")
    String device = "cpu";
    @Option(names = "--dtype", description = "float32 or bfloat16 (default: ${DEFAULT-VALUE}).")
    String dtype = "float32";
    @Option(names = "--tool-docs", description = "Tool documents in the prompt (default: ${DEFAULT-VALUE}).")
    int toolDocs = D.toolDocuments();
    @Option(names = "--prompt-tokens", description = "Longest prompt in tokens (default: from --tool-docs).")
    Integer promptTokens;
    @Option(names = "--samples", description = "Sampled rewrites per query (default: ${DEFAULT-VALUE}).")
    int samples = D.samples();
    @Option(names = "--max-new-tokens", description = "Longest rewrite (default: ${DEFAULT-VALUE}).")
    int newTokens = D.maxNewTokens();
    @Option(names = "--batch-size", description = "Pairs per forward pass (default: ${DEFAULT-VALUE}).")
    int batch = D.batchSize();
    @Option(names = "--grad-accum", description = "Forward passes per optimizer step (default: ${DEFAULT-VALUE}).")
    int accum = D.gradientAccumulation();
    @Option(names = "--lora-rank", description = "LoRA rank (default: ${DEFAULT-VALUE}).")
    int rank = D.loraRank();
    @Option(names = "--target-modules", split = ",", description = "Projections with adapters (default: all seven).")
    List<String> targets = D.targetModules();
    @Option(names = "--checkpointing", negatable = true, description = "Plan training with per-layer activation "
            + "checkpointing (default: as the trainer does, from 100M parameters).")
    Boolean checkpointing;
    @Option(names = "--rewrite-batch", description = "Test queries per rewrite batch (default: ${DEFAULT-VALUE}).")
    int rewriteBatch = AlignMemory.REWRITE_BATCH;
    @Option(names = "--memory-limit", paramLabel = "SIZE", description = "Plan against SIZE (e.g. 8G) "
            + "instead of the device's free memory (a GPU's as its driver reports it, or the host's MemAvailable).")
    String memoryLimit;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        ModelConfig config = ModelConfig.read(model);
        Workload w = new Workload(Workload.bytesOf(dtype), promptTokens != null ? promptTokens
                : Workload.promptTokens(toolDocs, Workload.QUERY_TOKENS), samples, newTokens, batch, accum, rank, targets,
                checkpointing != null ? checkpointing : AlignMemory.trainerCheckpoints(config), rewriteBatch);
        MemoryBudget budget = memoryLimit != null ? MemoryBudget.limit(MemoryBudget.parseSize(memoryLimit)) : MemoryBudget.forDevice(device);
        MemoryPlan plan = new MemoryPlan(config, w);
        print(o, plan, budget);
        if (budget != null && plan.peak().total() > budget.usableBytes()) {
            MemoryFit f = MemoryFit.find(config, w, toolDocs, budget.usableBytes(),
                    new MemoryFit.Allowed(AlignMemory.bfloat16Allowed(device), true));
            o.println();
            o.println(f.fits() ? "settings that fit (align/rewrite --fit-memory picks these, checkpointing where the trainer has it): "
                    + String.join(", ", f.changes()) : "no smaller setting fits; smallest tried: " + String.join(", ", f.changes()));
            print(o, f.plan(), budget);
        }
        o.flush();
        return 0;
    }

    /** The plan as a table per phase (also used by {@code bench qta-shape}). */
    static void print(PrintWriter o, MemoryPlan plan, MemoryBudget budget) {
        Workload w = plan.workload();
        ModelConfig c = plan.config();
        o.printf("model: %,d parameters (%.1fM), %d layers, hidden %d, %d heads (%d kv), head dim %d, intermediate %d, vocab %d%s%n",
                plan.parameters(), plan.parameters() / 1e6, c.numLayers(), c.hiddenSize(), c.numHeads(), c.numKvHeads(), c.headDim(),
                c.intermediateSize(), c.vocabSize(), c.tieWordEmbeddings() ? ", tied embeddings" : "");
        o.printf("workload: %s, prompt <= %d tokens, %d samples, <= %d new tokens, %d pairs x %d accumulation, LoRA r%d on %d "
                        + "projections (%,d trainable), checkpointing %s, rewrite batch %d%n",
                w.weightBytes() == 4 ? "float32" : "bfloat16", w.promptTokens(), w.samples(), w.newTokens(), w.batchPairs(),
                w.gradientAccumulation(), w.loraRank(), w.loraTargets().size(), plan.loraParameters(), w.checkpointing() ? "on" : "off",
                w.rewriteBatch());
        TextTable t = new TextTable("phase", "peak MiB", "fits", "terms (MiB)");
        for (MemoryPlan.Estimate e : plan.estimates()) {
            StringBuilder terms = new StringBuilder();
            for (Map.Entry<String, Long> p : e.parts().entrySet()) {
                if (!terms.isEmpty()) {
                    terms.append(", ");
                }
                terms.append(p.getKey()).append(' ').append(p.getValue() >> 20);
            }
            t.row(e.phase() + " (" + e.phase().what() + ")", String.format("%,d", e.total() >> 20),
                    budget == null ? "?" : e.total() <= budget.usableBytes() ? "yes" : "NO", terms);
        }
        t.print(o, 200);
        if (budget != null) {
            o.printf("usable: %s (%.0f%% of %s, %s)%n", MemoryBudget.mib(budget.usableBytes()), MemoryPlan.USABLE_FRACTION * 100,
                    MemoryBudget.mib(budget.freeBytes()), budget.source());
        }
    }
}
