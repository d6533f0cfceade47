package org.qtastudio.align;

import java.util.List;

/**
 * Every setting of a QTA alignment run, stored with the run so it can be reproduced. Defaults follow the
 * paper where it says (N = 4 samples at temperature 1.0, best = chosen, worst = rejected, sigmoid DPO with
 * beta 0.1) and common LoRA practice elsewhere.
 *
 * @param instruction the system instruction of the rewrite prompt
 * @param toolDocuments tool documents shown in the prompt
 * @param randomToolDocuments true: a seeded random few of the catalog; false: the frozen retriever's top few
 * @param samples sampled rewrites per training query (besides the original query)
 * @param temperature sampling temperature of the rewrites
 * @param topP nucleus sampling threshold (1 = off)
 * @param maxNewTokens longest rewrite, in tokens
 * @param seed seed of sampling, tool-document choice, LoRA initialisation and dropout
 * @param rankingFunction how candidates are scored ({@link RankingFunction#parse})
 * @param beta DPO temperature
 * @param sftWeight weight of an added negative log-likelihood term on the chosen completion (0 = pure DPO)
 * @param learningRate peak AdamW learning rate
 * @param epochs passes over the pairs per round
 * @param batchSize pairs per forward pass
 * @param gradientAccumulation forward passes per optimizer step
 * @param maxGradNorm global gradient-norm clip (0 = off)
 * @param warmupRatio share of the optimizer steps spent warming the learning rate up linearly
 * @param loraRank LoRA rank
 * @param loraAlpha LoRA alpha
 * @param loraDropout dropout on the adapter input while training
 * @param targetModules projections that get adapters
 * @param rounds sample → pairs → train repetitions, each sampling with the policy trained so far
 * @param requireReview stop after sampling until a person has reviewed the pairs
 */
public record AlignSettings(
        String instruction,
        int toolDocuments,
        boolean randomToolDocuments,
        int samples,
        double temperature,
        double topP,
        int maxNewTokens,
        long seed,
        String rankingFunction,
        double beta,
        double sftWeight,
        double learningRate,
        int epochs,
        int batchSize,
        int gradientAccumulation,
        double maxGradNorm,
        double warmupRatio,
        int loraRank,
        double loraAlpha,
        double loraDropout,
        List<String> targetModules,
        int rounds,
        boolean requireReview) {

    public static final String DEFAULT_INSTRUCTION = """
            You rewrite requests to an assistant so that a search engine over tool documentation finds the tools \
            that fulfil them. Keep every need the request expresses, and phrase it the way the tool documents \
            below are written: name the actions, objects and parameters a tool would take. Answer with the \
            rewritten request only, on one line.""";

    public AlignSettings {
        targetModules = List.copyOf(targetModules);
        RankingFunction.parse(rankingFunction);
        require(toolDocuments >= 0, "tool documents must be 0 or more");
        require(samples >= 1, "samples must be at least 1");
        require(temperature > 0, "sampling needs a temperature above 0");
        require(topP > 0 && topP <= 1, "top-p must be in (0, 1]");
        require(maxNewTokens >= 1, "max new tokens must be at least 1");
        require(beta > 0, "beta must be above 0");
        require(sftWeight >= 0, "the SFT weight cannot be negative");
        require(learningRate > 0, "the learning rate must be above 0");
        require(epochs >= 1 && batchSize >= 1 && gradientAccumulation >= 1 && rounds >= 1,
                "epochs, batch size, gradient accumulation and rounds must be at least 1");
        require(warmupRatio >= 0 && warmupRatio < 1, "the warm-up ratio must be in [0, 1)");
        require(loraRank >= 1 && loraAlpha > 0 && loraDropout >= 0 && loraDropout < 1, "invalid LoRA settings");
        require(!targetModules.isEmpty(), "LoRA needs at least one target module");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static AlignSettings defaults() {
        return new AlignSettings(DEFAULT_INSTRUCTION, 3, false, 4, 1.0, 1.0, 48, 42, "sufficiency-rank", 0.1, 0.0,
                5e-4, 3, 4, 1, 1.0, 0.1, 8, 16, 0.05,
                List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"), 1, false);
    }

    public RankingFunction ranking() {
        return RankingFunction.parse(rankingFunction);
    }
}
