package org.qtastudio.align;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qtastudio.lm.model.CausalLm;
import org.qtastudio.lm.model.LmRuntime;
import org.qtastudio.lm.model.ModelConfig;
import org.qtastudio.lm.plan.MemoryBudget;
import org.qtastudio.lm.plan.MemoryFit;
import org.qtastudio.lm.plan.MemoryPlan;
import org.qtastudio.lm.plan.Workload;

/**
 * The memory check that runs before any model work of {@code align} and {@code rewrite}: the {@link MemoryPlan}
 * of the run's settings against the free memory. Too much: refuse with the settings that would fit, or (when the
 * user allows it) run with them.
 */
public final class AlignMemory {

    /**
     * Test queries rewritten together by default, and planned for. A decode step reads every weight once whatever
     * the batch, so larger batches decode more tokens per second: 0.5B shape, 2 threads, float32 14.6 (batch 4) and
     * 25.8 (batch 8) tokens/s, bfloat16 42.7 and 46.2, the prefill as fast (docs/lm-benchmarks.md).
     */
    public static final int REWRITE_BATCH = 8;

    private AlignMemory() {
    }

    /** Too much memory, with the settings that would fit in the message. */
    public static final class InsufficientMemoryException extends IllegalArgumentException {
        public InsufficientMemoryException(String message) {
            super(message);
        }
    }

    /** The settings to run with (the user's, or fitted ones) and the plan's lines for people. */
    public record Checked(AlignSettings settings, String dtype, MemoryPlan plan, List<String> changes, List<String> lines) {
    }

    /**
     * The resident set above which training trims the C heap ({@link CausalLm#setHeapCeiling}) after a layer's
     * backward pass: the plan's training estimate with its {@link MemoryPlan#REUSED_BLOCKS} term, or the usable memory
     * where that is less, minus what the next layer's recompute and gradients add. The check runs between layers, so
     * a ceiling at the estimate itself let the peak pass it by one layer (bf16 0.5B shape: a peak of 5,166 MiB
     * over a ceiling of 3,897; docs/lm-benchmarks.md).
     */
    public static long heapCeiling(MemoryPlan plan, MemoryBudget budget) {
        MemoryPlan.Estimate training = plan.estimate(MemoryPlan.Phase.training);
        long peak = budget == null ? training.expected() : Math.min(training.expected(), budget.usableBytes());
        return peak - training.part(MemoryPlan.RECOMPUTED_LAYER) - training.part(MemoryPlan.LAYER_GRADIENTS);
    }

    /**
     * Whether the trainer checkpoints activations per layer for this model: {@link CausalLm} does so from
     * {@value CausalLm#CHECKPOINT_FROM_PARAMETERS} parameters, and the plan follows it.
     */
    public static boolean trainerCheckpoints(ModelConfig config) {
        MemoryPlan probe = new MemoryPlan(config, workload(AlignSettings.defaults(), "float32", Workload.QUERY_TOKENS, false));
        return probe.parameters() >= CausalLm.CHECKPOINT_FROM_PARAMETERS;
    }

    /** Whether bf16 runs on this device (the engine decides: {@link LmRuntime#parse} refuses what it cannot run). */
    public static boolean bfloat16Allowed(String device) {
        try {
            LmRuntime.parse(device, "bfloat16");
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The workload of an alignment run's settings (and of the rewrites that follow it). */
    public static Workload workload(AlignSettings s, String dtype, int queryTokens, boolean checkpointing) {
        return new Workload(Workload.bytesOf(dtype), Workload.promptTokens(s.toolDocuments(), queryTokens), s.samples(),
                s.maxNewTokens(), s.batchSize(), s.gradientAccumulation(), s.loraRank(), s.targetModules(),
                checkpointing, REWRITE_BATCH);
    }

    /**
     * Checks an alignment run before it loads anything.
     *
     * @param budget the free memory (null: unknown, the plan is only reported)
     * @param fit true: when the settings do not fit, use the ones that do instead of refusing
     */
    public static Checked checkAlign(Path modelDir, AlignSettings s, String device, String dtype, MemoryBudget budget, boolean fit)
            throws IOException {
        ModelConfig config = ModelConfig.read(modelDir);
        boolean checkpoints = trainerCheckpoints(config);
        Workload w = workload(s, dtype, Workload.QUERY_TOKENS, checkpoints);
        MemoryPlan plan = new MemoryPlan(config, w);
        List<String> lines = new ArrayList<>();
        lines.add(summary(plan, budget));
        if (budget == null || plan.peak().total() <= budget.usableBytes()) {
            return new Checked(s, dtype, plan, List.of(), lines);
        }
        MemoryFit f = MemoryFit.find(config, w, s.toolDocuments(), budget.usableBytes(),
                new MemoryFit.Allowed(bfloat16Allowed(device), checkpoints));
        if (!fit || !f.fits()) {
            throw new InsufficientMemoryException(refusal(plan, budget, f, "--fit-memory"));
        }
        Workload n = f.workload();
        AlignSettings fitted = new AlignSettings(s.instruction(), f.toolDocuments(), s.randomToolDocuments(), s.samples(),
                s.temperature(), s.topP(), n.newTokens(), s.seed(), s.rankingFunction(), s.beta(), s.sftWeight(),
                s.learningRate(), s.epochs(), n.batchPairs(), n.gradientAccumulation(), s.maxGradNorm(), s.warmupRatio(),
                s.loraRank(), s.loraAlpha(), s.loraDropout(), s.targetModules(), s.rounds(), s.requireReview());
        String fittedDtype = n.weightBytes() == w.weightBytes() ? dtype : "bfloat16";
        lines.add("--fit-memory: " + String.join(", ", f.changes()) + " -> peak " + MemoryBudget.mib(f.plan().peak().total()));
        return new Checked(fitted, fittedDtype, f.plan(), f.changes(), lines);
    }

    /**
     * Checks a rewrite evaluation before it loads anything: sampling and training do not run, so only the load and
     * rewriting phases count. Returns the tool documents and longest rewrite to use, and in its plan's workload the
     * test queries to rewrite per batch.
     *
     * @param batch test queries rewritten together (greedy)
     */
    public static Checked checkRewrite(Path modelDir, int toolDocuments, int maxNewTokens, int samples, int batch, String device,
                                       String dtype, MemoryBudget budget, boolean fit) throws IOException {
        AlignSettings d = AlignSettings.defaults();
        AlignSettings s = new AlignSettings(d.instruction(), toolDocuments, false, Math.max(1, samples), d.temperature(), d.topP(),
                maxNewTokens, d.seed(), d.rankingFunction(), d.beta(), d.sftWeight(), d.learningRate(), 1, 1, 1, d.maxGradNorm(),
                d.warmupRatio(), 1, d.loraAlpha(), 0, List.of("q_proj"), 1, false);
        ModelConfig config = ModelConfig.read(modelDir);
        Workload w = workload(s, dtype, Workload.QUERY_TOKENS, false).withRewriteBatch(batch); // rewriting does not train
        MemoryPlan plan = new MemoryPlan(config, w);
        long need = Math.max(plan.estimate(MemoryPlan.Phase.rewriting).total(), plan.estimate(MemoryPlan.Phase.sampling).total());
        List<String> lines = new ArrayList<>();
        lines.add("memory plan: rewriting needs about " + MemoryBudget.mib(need)
                + (budget == null ? "" : " of " + MemoryBudget.mib(budget.usableBytes()) + " usable (" + budget.source() + ")"));
        if (budget == null || need <= budget.usableBytes()) {
            return new Checked(s, dtype, plan, List.of(), lines);
        }
        // rewriting alone: shrink as MemoryFit does, on the rewrite phases only
        Workload n = w;
        int docs = toolDocuments;
        List<String> changes = new ArrayList<>();
        boolean bf16 = bfloat16Allowed(device);
        while (rewriteNeed(config, n) > budget.usableBytes()) {
            if (n.rewriteBatch() > 1) {
                n = n.withRewriteBatch(n.rewriteBatch() / 2);
            } else if (bf16 && n.weightBytes() == 4) {
                n = n.withWeightBytes(2);
                changes.add("--dtype bfloat16");
            } else if (docs > 0) {
                docs--;
                n = n.withPromptTokens(Math.max(1, n.promptTokens() - Workload.TOKENS_PER_TOOL_DOCUMENT));
            } else if (n.newTokens() > 16) {
                n = n.withNewTokens(Math.max(16, n.newTokens() / 2));
            } else {
                break;
            }
        }
        if (n.rewriteBatch() != batch) {
            changes.addFirst("--batch-size " + n.rewriteBatch());
        }
        if (docs != toolDocuments) {
            changes.add("--tool-docs " + docs);
        }
        if (n.newTokens() != w.newTokens()) {
            changes.add("--max-new-tokens " + n.newTokens());
        }
        boolean fits = rewriteNeed(config, n) <= budget.usableBytes();
        String settings = changes.isEmpty() ? "none of batch, dtype, tool documents or length" : String.join(", ", changes);
        if (!fit || !fits || changes.isEmpty()) {
            throw new InsufficientMemoryException("not enough memory to rewrite with this model: about " + MemoryBudget.mib(need)
                    + " needed, " + MemoryBudget.mib(budget.usableBytes()) + " usable (" + budget.source() + "). "
                    + (fits ? "These settings would fit (about " + MemoryBudget.mib(rewriteNeed(config, n)) + "): " + settings
                            + "; pass --fit-memory to use them." : "No smaller setting fits; use a smaller model or free memory."));
        }
        AlignSettings fitted = new AlignSettings(s.instruction(), docs, false, s.samples(), s.temperature(), s.topP(), n.newTokens(),
                s.seed(), s.rankingFunction(), s.beta(), s.sftWeight(), s.learningRate(), 1, 1, 1, s.maxGradNorm(), s.warmupRatio(),
                1, s.loraAlpha(), 0, List.of("q_proj"), 1, false);
        lines.add("--fit-memory: " + String.join(", ", changes));
        return new Checked(fitted, n.weightBytes() == w.weightBytes() ? dtype : "bfloat16", new MemoryPlan(config, n), changes, lines);
    }

    private static long rewriteNeed(ModelConfig config, Workload w) {
        MemoryPlan p = new MemoryPlan(config, w);
        return Math.max(p.estimate(MemoryPlan.Phase.rewriting).total(), p.estimate(MemoryPlan.Phase.sampling).total());
    }

    static String summary(MemoryPlan plan, MemoryBudget budget) {
        MemoryPlan.Estimate peak = plan.peak();
        return "memory plan: peak about " + MemoryBudget.mib(peak.total()) + " (" + peak.phase() + ")"
                + (budget == null ? ", free memory unknown" : " of " + MemoryBudget.mib(budget.usableBytes()) + " usable ("
                + budget.source() + ")");
    }

    static String refusal(MemoryPlan plan, MemoryBudget budget, MemoryFit f, String option) {
        MemoryPlan.Estimate peak = plan.peak();
        StringBuilder m = new StringBuilder("not enough memory for this run: its ").append(peak.phase()).append(" phase needs about ")
                .append(MemoryBudget.mib(peak.total())).append(", ").append(MemoryBudget.mib(budget.usableBytes()))
                .append(" usable (").append(budget.source()).append("). ");
        if (f.fits()) {
            m.append("These settings would fit (peak about ").append(MemoryBudget.mib(f.plan().peak().total())).append("): ")
                    .append(String.join(", ", f.changes())).append("; pass ").append(option).append(" to use them.");
        } else {
            m.append("No smaller setting fits (smallest tried: ").append(String.join(", ", f.changes())).append(", peak about ")
                    .append(MemoryBudget.mib(f.plan().peak().total())).append("); use a smaller model or free memory.");
        }
        if (!plan.workload().checkpointing()) {
            long withCkpt = new MemoryPlan(plan.config(), f.workload().withCheckpointing(true)).estimate(MemoryPlan.Phase.training).total();
            m.append(" Per-layer activation checkpointing would bring training to about ").append(MemoryBudget.mib(withCkpt))
                    .append(" once the trainer has it.");
        }
        return m.toString();
    }
}
