package org.qtastudio.lm.plan;

import java.util.ArrayList;
import java.util.List;
import org.qtastudio.lm.model.ModelConfig;

/**
 * Settings that fit a budget: starting from the user's workload, in this order and only while the plan is still
 * too large, turn on activation checkpointing (where the trainer has it), halve the pairs per forward pass and
 * double the gradient accumulation (the effective batch stays), halve the rewrite batch, switch to bfloat16 (where
 * the device supports it), drop tool documents from the prompt, and halve the longest rewrite (down to 16 tokens).
 *
 * @param workload the workload that fits, or the smallest tried
 * @param toolDocuments tool documents in the prompt of that workload
 * @param changes the changed settings, as a person would set them (CLI option names)
 * @param fits whether {@code workload} fits the budget
 * @param plan the plan of {@code workload}
 */
public record MemoryFit(Workload workload, int toolDocuments, List<String> changes, boolean fits, MemoryPlan plan) {

    /** What may be changed: whether bf16 is available on the device and whether the trainer has checkpointing. */
    public record Allowed(boolean bfloat16, boolean checkpointing) {
    }

    public static MemoryFit find(ModelConfig config, Workload start, int toolDocuments, long usableBytes, Allowed allowed) {
        Workload w = start;
        int docs = toolDocuments;
        List<String> changes = new ArrayList<>();
        if (fits(config, w, usableBytes)) {
            return new MemoryFit(w, docs, changes, true, new MemoryPlan(config, w));
        }
        if (allowed.checkpointing() && !w.checkpointing()) {
            w = w.withCheckpointing(true);
            changes.add("activation checkpointing on");
        }
        int effective = w.batchPairs() * w.gradientAccumulation();
        while (!fits(config, w, usableBytes) && w.batchPairs() > 1
                && trainingOrReferenceTooBig(config, w, usableBytes)) {
            int b = w.batchPairs() / 2;
            w = w.withBatch(b, Math.max(1, (effective + b - 1) / b));
        }
        if (w.batchPairs() != start.batchPairs()) {
            changes.add("--batch-size " + w.batchPairs() + " --grad-accum " + w.gradientAccumulation()
                    + " (effective batch " + w.batchPairs() * w.gradientAccumulation() + ")");
        }
        while (!fits(config, w, usableBytes) && w.rewriteBatch() > 1
                && new MemoryPlan(config, w).estimate(MemoryPlan.Phase.rewriting).total() > usableBytes) {
            w = w.withRewriteBatch(w.rewriteBatch() / 2);
        }
        if (w.rewriteBatch() != start.rewriteBatch()) {
            changes.add("rewrite batch " + w.rewriteBatch());
        }
        if (!fits(config, w, usableBytes) && allowed.bfloat16() && w.weightBytes() == 4) {
            w = w.withWeightBytes(2);
            changes.add("--dtype bfloat16");
        }
        int startDocs = docs;
        while (!fits(config, w, usableBytes) && docs > 0) {
            docs--;
            w = w.withPromptTokens(Math.max(1, w.promptTokens() - Workload.TOKENS_PER_TOOL_DOCUMENT));
        }
        if (docs != startDocs) {
            changes.add("--tool-docs " + docs + " (prompt ≤ " + w.promptTokens() + " tokens)");
        }
        int startNew = w.newTokens();
        while (!fits(config, w, usableBytes) && w.newTokens() > 16) {
            w = w.withNewTokens(Math.max(16, w.newTokens() / 2));
        }
        if (w.newTokens() != startNew) {
            changes.add("--max-new-tokens " + w.newTokens());
        }
        return new MemoryFit(w, docs, changes, fits(config, w, usableBytes), new MemoryPlan(config, w));
    }

    private static boolean fits(ModelConfig config, Workload w, long usable) {
        return new MemoryPlan(config, w).peak().total() <= usable;
    }

    private static boolean trainingOrReferenceTooBig(ModelConfig config, Workload w, long usable) {
        MemoryPlan p = new MemoryPlan(config, w);
        return p.estimate(MemoryPlan.Phase.training).total() > usable || p.estimate(MemoryPlan.Phase.reference).total() > usable;
    }
}
