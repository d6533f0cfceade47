package org.qtastudio.lm.plan;

import java.util.List;

/**
 * The settings of a QTA run that decide its memory: weight dtype, the lengths and batch of each phase, LoRA and
 * activation checkpointing. Token counts are upper bounds (the longest prompt, the longest completion).
 *
 * @param weightBytes bytes per weight and activation element: 4 (float32) or 2 (bfloat16 / float16)
 * @param promptTokens longest rewrite prompt (chat template + instruction + tool documents + query)
 * @param samples sampled rewrites per query (one batch after one shared prefill of the prompt)
 * @param newTokens longest rewrite in tokens (sampling, training completions, test rewrites)
 * @param batchPairs preference pairs per forward pass of training and of the reference log-probs
 * @param gradientAccumulation forward passes per optimizer step (no memory of its own; kept so a fit can
 *        preserve the effective batch {@code batchPairs × gradientAccumulation})
 * @param loraRank LoRA rank
 * @param loraTargets projections with adapters ({@code q_proj} … {@code down_proj})
 * @param checkpointing per-layer activation checkpointing while training
 * @param rewriteBatch test queries rewritten per batch (greedy)
 */
public record Workload(int weightBytes, int promptTokens, int samples, int newTokens, int batchPairs,
                       int gradientAccumulation, int loraRank, List<String> loraTargets, boolean checkpointing,
                       int rewriteBatch) {

    /** Tokens of the chat template, the default instruction and the labels of the rewrite prompt (Qwen3 tokenizer: 93). */
    public static final int PROMPT_FIXED_TOKENS = 110;
    /**
     * Upper bound of one tool document in the prompt: the prompt cuts a document at 400 characters
     * ({@code RewritePrompt}); English API text tokenizes at 3.5–4.5 characters per token, so 400 / 3 + its
     * number is a safe ceiling.
     */
    public static final int TOKENS_PER_TOOL_DOCUMENT = 140;
    /** Longest query assumed when the caller does not know it (MTRB RestBench's longest test query is 52 tokens). */
    public static final int QUERY_TOKENS = 64;

    public Workload {
        loraTargets = List.copyOf(loraTargets);
        if (weightBytes != 2 && weightBytes != 4) {
            throw new IllegalArgumentException("weight bytes must be 2 or 4");
        }
        if (promptTokens < 1 || samples < 1 || newTokens < 1 || batchPairs < 1 || gradientAccumulation < 1
                || loraRank < 1 || rewriteBatch < 1) {
            throw new IllegalArgumentException("token counts, samples, batches and rank must be at least 1");
        }
    }

    /** The prompt-length bound for {@code toolDocuments} documents and a query of {@code queryTokens}. */
    public static int promptTokens(int toolDocuments, int queryTokens) {
        return PROMPT_FIXED_TOKENS + toolDocuments * TOKENS_PER_TOOL_DOCUMENT + queryTokens;
    }

    /** Bytes per element of a dtype name ({@code float32}, {@code bfloat16}, {@code float16} and short forms). */
    public static int bytesOf(String dtype) {
        return switch (dtype.toLowerCase(java.util.Locale.ROOT)) {
            case "float32", "f32", "fp32" -> 4;
            case "bfloat16", "bf16", "float16", "f16", "fp16" -> 2;
            default -> throw new IllegalArgumentException("dtype '" + dtype + "': use float32, bfloat16 or float16");
        };
    }

    public Workload withWeightBytes(int b) {
        return new Workload(b, promptTokens, samples, newTokens, batchPairs, gradientAccumulation, loraRank, loraTargets,
                checkpointing, rewriteBatch);
    }

    public Workload withPromptTokens(int p) {
        return new Workload(weightBytes, p, samples, newTokens, batchPairs, gradientAccumulation, loraRank, loraTargets,
                checkpointing, rewriteBatch);
    }

    public Workload withNewTokens(int n) {
        return new Workload(weightBytes, promptTokens, samples, n, batchPairs, gradientAccumulation, loraRank, loraTargets,
                checkpointing, rewriteBatch);
    }

    public Workload withBatch(int pairs, int accumulation) {
        return new Workload(weightBytes, promptTokens, samples, newTokens, pairs, accumulation, loraRank, loraTargets,
                checkpointing, rewriteBatch);
    }

    public Workload withCheckpointing(boolean on) {
        return new Workload(weightBytes, promptTokens, samples, newTokens, batchPairs, gradientAccumulation, loraRank,
                loraTargets, on, rewriteBatch);
    }

    public Workload withRewriteBatch(int b) {
        return new Workload(weightBytes, promptTokens, samples, newTokens, batchPairs, gradientAccumulation, loraRank,
                loraTargets, checkpointing, b);
    }
}
