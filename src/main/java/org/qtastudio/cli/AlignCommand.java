package org.qtastudio.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qtastudio.align.AlignMemory;
import org.qtastudio.align.AlignSettings;
import org.qtastudio.align.QtaAligner;
import org.qtastudio.catalog.Split;
import org.qtastudio.common.Json;
import org.qtastudio.lm.plan.MemoryBudget;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code align}: runs QTA (sample rewrites → preference pairs → DPO on LoRA) for a catalog's training queries. */
@Command(name = "align", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Align a local LM with QTA: sample rewrites of the training queries, pair the best and worst by where "
                + "the frozen retriever ranks their gold tools, train a LoRA adapter with DPO. Ctrl-C stops at the next step; "
                + "`align --resume RUN` continues from the last checkpoint.")
public final class AlignCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions ws;

    @Option(names = {"-c", "--catalog"}, paramLabel = "NAME", description = "Catalog.")
    String catalog;

    @Option(names = "--split", description = "Split of the training queries (default: ${DEFAULT-VALUE}).")
    String split = "train";

    @Option(names = "--model", paramLabel = "DIR", description = "Hugging Face model folder of the LM (safetensors + tokenizer).")
    Path model;

    @Option(names = "--device", description = "cpu, gpu, gpu:N or auto (default: ${DEFAULT-VALUE}).")
    String device = "cpu";

    @Option(names = "--dtype", description = "float32, bfloat16 or float16 (default: ${DEFAULT-VALUE}).")
    String dtype = "float32";

    @Mixin
    RetrieverOptions retriever;

    @Option(names = "--resume", paramLabel = "RUN", description = "Continue alignment run RUN instead of starting one.")
    Long resume;

    @Mixin
    AlignSettingsOptions alignSettings;

    @Option(names = "--fit-memory", description = "When the memory plan does not fit the free memory, run with the settings "
            + "that fit (smaller batch with more gradient accumulation, bf16 where supported, fewer tool documents, shorter "
            + "rewrites) instead of refusing.")
    boolean fitMemory;
    @Option(names = "--memory-limit", paramLabel = "SIZE", description = "Plan against SIZE (e.g. 8G) instead of the "
            + "device's free memory (a GPU's as its driver reports it, or the host's available memory).")
    String memoryLimit;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write DIR/summary.json and the adapter to DIR/adapter/.")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var o = spec.commandLine().getOut();
        CliProgress progress = new CliProgress(System.err);
        QtaAligner.Summary summary;
        try (SignalCancel signals = SignalCancel.install(progress); Workspace w = ws.open(); Retrievers retrievers = new Retrievers(w)) {
            QtaAligner aligner = new QtaAligner(w, retrievers);
            aligner.memoryBudget(() -> budget(memoryLimit, device));
            aligner.onStep(s -> {
                o.printf("round %d epoch %d step %d: loss %.4f  rewards/chosen %.4f  rewards/rejected %.4f  margin %.4f  accuracy %.2f  lr %.2e  %.0f tokens/s%n",
                        s.round(), s.epoch(), s.step(), s.loss(), s.rewardChosen(), s.rewardRejected(), s.rewardMargin(),
                        s.rewardAccuracy(), s.learningRate(), s.tokensPerSecond());
                o.flush();
            });
            if (resume != null) {
                summary = aligner.resume(resume, progress);
            } else {
                if (catalog == null || model == null) {
                    throw new IllegalArgumentException("--catalog and --model are required to start a run (or pass --resume RUN)");
                }
                AlignSettings settings = alignSettings.settings();
                AlignMemory.Checked checked = AlignMemory.checkAlign(model, settings, device, dtype, budget(memoryLimit, device), fitMemory);
                checked.lines().forEach(l -> System.err.println(l));
                settings = checked.settings();
                summary = aligner.align(new QtaAligner.Request(catalog, Split.parse(split), model.toAbsolutePath().toString(),
                        device, checked.dtype(), retriever.spec(), settings), progress);
            }
        }
        printSummary(o, summary);
        if (out != null) {
            Files.createDirectories(out);
            Files.writeString(out.resolve("summary.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
                    java.util.Map.of("run", summary.runId(), "status", summary.status(), "pairs", summary.pairs(),
                            "tied_queries", summary.tiedQueries(), "initial_loss", summary.initialLoss(), "final_loss", summary.finalLoss(),
                            "final_reward_accuracy", summary.finalRewardAccuracy(), "final_reward_margin", summary.finalRewardMargin(),
                            "steps", summary.steps(), "seconds", summary.seconds())));
            if (summary.adapter() != null) {
                copyFolder(Path.of(summary.adapter()), out.resolve("adapter"));
            }
            o.println("wrote " + out.resolve("summary.json") + (summary.adapter() != null ? " and " + out.resolve("adapter") : ""));
        }
        o.flush();
        return 0;
    }

    /** The free memory to plan against: {@code --memory-limit}, else the device's (the GPU's free memory, or the host's). */
    static MemoryBudget budget(String memoryLimit, String device) {
        if (memoryLimit != null) {
            return MemoryBudget.limit(MemoryBudget.parseSize(memoryLimit));
        }
        return MemoryBudget.forDevice(device);
    }

    static void printSummary(java.io.PrintWriter o, QtaAligner.Summary s) {
        o.printf("run %d %s: %d training queries, %d pairs, %d queries whose candidates all tied%n",
                s.runId(), s.status(), s.trainingQueries(), s.pairs(), s.tiedQueries());
        if ("review".equals(s.status())) {
            o.printf("review the pairs with `pairs list --run %d`, then continue with `align --resume %d`%n", s.runId(), s.runId());
            return;
        }
        o.printf("loss %.4f -> %.4f (ln 2 = 0.6931), reward accuracy %.2f, reward margin %.4f, %d steps in %.1f s%n",
                s.initialLoss(), s.finalLoss(), s.finalRewardAccuracy(), s.finalRewardMargin(), s.steps(), s.seconds());
        o.println("adapter: " + s.adapter());
    }

    private static void copyFolder(Path from, Path to) throws java.io.IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
