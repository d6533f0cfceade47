package org.qtastudio.cli;

import java.util.List;
import org.qtastudio.align.AlignSettings;
import picocli.CommandLine.Option;

/** The {@link AlignSettings} options, shared by {@code align} and {@code experiment create}; defaults are the paper's. */
public final class AlignSettingsOptions {

    private static final AlignSettings D = AlignSettings.defaults();

    @Option(names = "--samples", description = "Sampled rewrites per query (default: ${DEFAULT-VALUE}).")
    int samples = D.samples();
    @Option(names = "--temperature", description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
    double temperature = D.temperature();
    @Option(names = "--top-p", description = "Nucleus sampling (default: ${DEFAULT-VALUE}).")
    double topP = D.topP();
    @Option(names = "--max-new-tokens", description = "Longest rewrite in tokens (default: ${DEFAULT-VALUE}).")
    int maxNewTokens = D.maxNewTokens();
    @Option(names = "--tool-docs", description = "Tool documents in the prompt (default: ${DEFAULT-VALUE}).")
    int toolDocs = D.toolDocuments();
    @Option(names = "--random-tool-docs", description = "Show random tool documents instead of the retriever's top ones.")
    boolean randomToolDocs;
    @Option(names = "--instruction", description = "System instruction of the rewrite prompt (default: the built-in one).")
    String instruction = D.instruction();
    @Option(names = "--ranking-function", description = "sufficiency-rank, ndcg@K or rr-sum (default: ${DEFAULT-VALUE}).")
    String ranking = D.rankingFunction();
    @Option(names = "--beta", description = "DPO beta (default: ${DEFAULT-VALUE}).")
    double beta = D.beta();
    @Option(names = "--sft-weight", description = "Weight of an SFT term on chosen (default: ${DEFAULT-VALUE}).")
    double sftWeight = D.sftWeight();
    @Option(names = "--lr", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr = D.learningRate();
    @Option(names = "--epochs", description = "Epochs per round (default: ${DEFAULT-VALUE}).")
    int epochs = D.epochs();
    @Option(names = "--batch-size", description = "Pairs per forward pass (default: ${DEFAULT-VALUE}).")
    int batch = D.batchSize();
    @Option(names = "--grad-accum", description = "Forward passes per optimizer step (default: ${DEFAULT-VALUE}).")
    int accum = D.gradientAccumulation();
    @Option(names = "--max-grad-norm", description = "Global gradient-norm clip, 0 = off (default: ${DEFAULT-VALUE}).")
    double maxGradNorm = D.maxGradNorm();
    @Option(names = "--warmup-ratio", description = "Share of steps warming up (default: ${DEFAULT-VALUE}).")
    double warmup = D.warmupRatio();
    @Option(names = "--lora-rank", description = "LoRA rank (default: ${DEFAULT-VALUE}).")
    int rank = D.loraRank();
    @Option(names = "--lora-alpha", description = "LoRA alpha (default: ${DEFAULT-VALUE}).")
    double alpha = D.loraAlpha();
    @Option(names = "--lora-dropout", description = "LoRA dropout (default: ${DEFAULT-VALUE}).")
    double dropout = D.loraDropout();
    @Option(names = "--target-modules", split = ",", description = "Projections with adapters (default: all seven).")
    List<String> targets = D.targetModules();
    @Option(names = "--rounds", description = "On-policy rounds (default: ${DEFAULT-VALUE}).")
    int rounds = D.rounds();
    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = D.seed();
    @Option(names = "--review", description = "Stop after sampling so the pairs can be reviewed (`pairs`), then --resume.")
    boolean review;


    /** The settings these options describe; the constructor's checks name the bad setting. */
    AlignSettings settings() {
        return new AlignSettings(instruction, toolDocs, randomToolDocs, samples, temperature, topP,
                maxNewTokens, seed, ranking, beta, sftWeight, lr, epochs, batch, accum, maxGradNorm, warmup, rank, alpha,
                dropout, targets, rounds, review);
    }
}
