package org.qtastudio.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.util.cuda.CudaUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.qtastudio.align.AlignMemory;
import org.qtastudio.align.AlignSettings;
import org.qtastudio.align.AlignStore;
import org.qtastudio.align.DpoTrainer;
import org.qtastudio.common.Progress;
import org.qtastudio.bench.lm.LmBenchmark;
import org.qtastudio.lm.engine.EngineReport;
import org.qtastudio.lm.engine.EngineSelection;
import org.qtastudio.lm.engine.GpuDetector;
import org.qtastudio.lm.generate.Generation;
import org.qtastudio.lm.generate.GenerationSettings;
import org.qtastudio.lm.generate.Generator;
import org.qtastudio.lm.lora.AdamW;
import org.qtastudio.lm.lora.LoraAdapter;
import org.qtastudio.lm.lora.LoraConfig;
import org.qtastudio.lm.model.Architecture;
import org.qtastudio.lm.model.CausalLm;
import org.qtastudio.lm.model.LmRuntime;
import org.qtastudio.lm.model.ModelConfig;
import org.qtastudio.lm.model.RandomModelWriter;
import org.qtastudio.lm.model.RopeScaling;
import org.qtastudio.lm.model.SequenceLogProbs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench gpu}: the GPU path in one run — where libtorch was loaded from, golden parity of the LM fixtures
 * (float32, and bfloat16 on a GPU or a CPU with bfloat16 instructions), one DPO step's time and peak memory for a
 * Qwen2.5-0.5B-shaped random model with LoRA, and decode tokens/s. {@code scripts/gpu-check.sh} runs it with a carried Java runtime.
 */
@Command(name = "gpu", mixinStandardHelpOptions = true,
        description = "Check the GPU path: engine in use, golden parity of ../shared/fixtures/lm, one DPO step (time, "
                + "peak memory) and decode tok/s for a Qwen2.5-0.5B-shaped random model.")
public final class GpuCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--device", defaultValue = "gpu", description = "gpu (default) or cpu (to check the path here).")
    String device;

    @Option(names = "--fixtures", defaultValue = "../shared/fixtures/lm", paramLabel = "DIR",
            description = "Folders with config.json, model.safetensors, golden.json (default: ${DEFAULT-VALUE}).")
    Path fixtures;

    @Option(names = "--tokenizer", defaultValue = "../shared/fixtures/tokenizers/qwen3", paramLabel = "DIR",
            description = "Tokenizer files copied into the random model, if the folder exists (default: ${DEFAULT-VALUE}).")
    Path tokenizer;

    @Option(names = "--golden-only", description = "Stop after golden parity.")
    boolean goldenOnly;

    @Option(names = "--shape", defaultValue = "qwen2.5-0.5b", description = "qwen2.5-0.5b (default) or small (4 layers, "
            + "hidden 256, vocabulary 4096: for CPU runs).")
    String shape;

    @Option(names = "--pairs", defaultValue = "4", description = "Preference pairs in the DPO step (default: ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--tokens", defaultValue = "512", description = "Tokens per sequence, prompt + completion "
            + "(default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--lora-rank", defaultValue = "8")
    int loraRank;

    @Option(names = "--new-tokens", defaultValue = "64", description = "Tokens decoded for tok/s (default: ${DEFAULT-VALUE}).")
    int newTokens;

    @Option(names = "--work", paramLabel = "DIR", description = "Scratch folder for the random model (default: a temp folder).")
    Path work;

    private int failures;

    /**
     * Runs the check alone (as {@code scripts/gpu-check.sh} does, with only the jars it needs): chooses the engine
     * build first, then runs.
     */
    public static void main(String[] args) {
        EngineSelection.selectBeforeDjl();
        picocli.CommandLine cli = new picocli.CommandLine(new GpuCheckCommand());
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            String oom = org.qtastudio.lm.engine.CudaErrors.outOfMemory(e);
            c.getErr().println("error: " + (oom != null ? oom : e.getMessage() == null ? e.toString() : e.getMessage()));
            if (!(e instanceof IllegalArgumentException) || Boolean.getBoolean("qta.debug")) {
                e.printStackTrace(c.getErr());
            }
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        EngineSelection.Choice choice = EngineSelection.current();
        GpuDetector.Detection d = choice.detection() != null ? choice.detection() : GpuDetector.system();
        out.println("## engine");
        out.println("gpu found:     " + d.describe());
        out.println("engine build:  " + choice.build() + " — " + choice.reason());
        EngineReport.Loaded loaded = EngineReport.load();
        out.println("loaded:        PyTorch " + loaded.engineVersion() + ", " + loaded.gpuCount() + " CUDA device(s)");
        out.println("libtorch from: " + (loaded.libtorchFolder() == null ? "(not in /proc/self/maps)" : loaded.libtorchFolder()));
        out.flush();
        LmRuntime f32 = LmRuntime.parse(device, "float32"); // a clear one-line error when the GPU cannot be used
        List<LmRuntime> runtimes = new ArrayList<>(List.of(f32));
        if (AlignMemory.bfloat16Allowed(device)) { // a GPU, or a CPU with bfloat16 instructions
            runtimes.add(new LmRuntime(f32.device(), DataType.BFLOAT16));
        }
        out.println("## golden parity (" + fixtures + ")");
        if (!Files.isDirectory(fixtures)) {
            out.println("FAIL no fixtures folder " + fixtures.toAbsolutePath());
            failures++;
        } else {
            try (Stream<Path> s = Files.list(fixtures)) {
                for (Path dir : s.filter(p -> Files.isRegularFile(p.resolve("golden.json"))).sorted().toList()) {
                    for (LmRuntime rt : runtimes) {
                        golden(dir, rt, out);
                    }
                }
            }
        }
        if (!goldenOnly) {
            Path scratch = work != null ? work : Files.createTempDirectory("qta-gpu-check");
            try {
                training(scratch, f32, out);
            } finally {
                if (work == null) {
                    deleteTree(scratch);
                }
            }
        }
        out.println(failures == 0 ? "RESULT ok" : "RESULT " + failures + " check(s) failed");
        out.flush();
        return failures == 0 ? 0 : 1;
    }

    private void golden(Path dir, LmRuntime rt, PrintWriter out) throws Exception {
        JsonNode g = new ObjectMapper().readTree(dir.resolve("golden.json").toFile());
        boolean f32 = rt.dtype() == DataType.FLOAT32;
        // bf16: 0.5, as GoldenFixturesBf16Test (the worst measured on the CPU was 0.27)
        double logitTol = f32 ? (rt.device().isGpu() ? 5e-4 : 1e-4) : 0.5;
        double lpTol = f32 ? 1e-3 : 1.0;
        try (CausalLm model = CausalLm.load(dir, rt)) {
            int[] ids = ints(g.get("input_ids"));
            int[] ones = new int[ids.length];
            Arrays.fill(ones, 1);
            int vocab = model.config().vocabSize();
            double worst = 0;
            try (NDManager m = model.manager().newSubManager()) {
                float[] logits = model.forward(m, new int[][] {ids}, new int[][] {ones}, null, 0)
                        .toType(DataType.FLOAT32, false).toFloatArray();
                for (int t = 0; t < ids.length; t++) {
                    for (int v = 0; v < vocab; v++) {
                        worst = Math.max(worst, Math.abs(logits[t * vocab + v] - g.get("logits").get(t).get(v).asDouble()));
                    }
                }
            }
            JsonNode lp = g.get("sequence_logprob");
            int[] prompt = ints(lp.get("prompt"));
            double[] got = SequenceLogProbs.score(model, List.of(prompt, prompt),
                    List.of(ints(lp.get("chosen")), ints(lp.get("rejected"))));
            double lpErr = Math.max(Math.abs(got[0] - lp.get("chosen_logprob").asDouble()),
                    Math.abs(got[1] - lp.get("rejected_logprob").asDouble()));
            JsonNode gr = g.get("greedy");
            List<Generation> gen = Generator.generate(model, List.of(ints(gr.get("prompt"))),
                    GenerationSettings.greedy(gr.get("max_new_tokens").asInt(), Set.of(gr.get("eos_token_id").asInt())),
                    null, Progress.NONE);
            boolean greedy = Arrays.equals(gen.get(0).tokens(), ints(gr.get("tokens")));
            boolean ok = worst <= logitTol && lpErr <= lpTol && (greedy || !f32);
            failures += ok ? 0 : 1;
            out.printf(Locale.ROOT, "%s %-18s %-8s max|logit-golden| %.2e (tol %.0e)  max|logprob-golden| %.2e  greedy %s%n",
                    ok ? "ok  " : "FAIL", dir.getFileName(), rt.dtype().toString().toLowerCase(Locale.ROOT), worst, logitTol,
                    lpErr, greedy ? "same" : "differs" + (f32 ? "" : " (allowed in bf16)"));
            out.flush();
        }
    }

    private void training(Path scratch, LmRuntime rt, PrintWriter out) throws Exception {
        boolean small = shape.equalsIgnoreCase("small");
        int vocab = small ? 4096 : 151_936; // Qwen2.5's; the token ids are random, no tokenizer is run
        List<Integer> eos = List.of(small ? 2 : 151_643);
        Path tok = Files.isDirectory(tokenizer) ? tokenizer : Files.createDirectories(scratch.resolve("no-tokenizer"));
        ModelConfig config = small
                ? new ModelConfig(Architecture.QWEN2, vocab, 256, 704, 4, 4, 2, 64, 1e-6, 1e6, RopeScaling.NONE, 4096,
                true, eos, null, 0)
                : new ModelConfig(Architecture.QWEN2, vocab, 896, 4864, 24, 14, 2, 64, 1e-6, 1e6, RopeScaling.NONE, 32768,
                true, eos, null, 0);
        Path modelDir = scratch.resolve("model");
        long t0 = System.nanoTime();
        RandomModelWriter.write(config, tok, modelDir, 7, true);
        out.printf(Locale.ROOT, "## DPO step (%s-shaped random model, written in %.1f s)%n", small ? "small" : "Qwen2.5-0.5B",
                (System.nanoTime() - t0) / 1e9);
        List<DataType> dtypes = AlignMemory.bfloat16Allowed(rt.device().isGpu() ? "gpu" : "cpu")
                ? List.of(DataType.FLOAT32, DataType.BFLOAT16) : List.of(DataType.FLOAT32);
        for (DataType dt : dtypes) {
            LmRuntime r = new LmRuntime(rt.device(), dt);
            try (CausalLm model = CausalLm.load(modelDir, r)) {
                dpoStep(model, r, scratch, out);
                LmBenchmark.Result res = LmBenchmark.run(model, small ? "small" : "qwen2.5-0.5b-shape", 1, 128, newTokens, 2, true,
                        new PrintWriter(java.io.Writer.nullWriter()));
                out.printf(Locale.ROOT, "decode %-8s prompt 128, %d new tokens: %.1f tok/s with KV cache (prefill %.0f tok/s)%n",
                        dt.toString().toLowerCase(Locale.ROOT), newTokens, res.decodeKvTokensPerSecond(),
                        res.prefillTokensPerSecond());
                out.flush();
            }
        }
    }

    private void dpoStep(CausalLm model, LmRuntime r, Path scratch, PrintWriter out) throws Exception {
        AlignSettings d = AlignSettings.defaults();
        AlignSettings s = new AlignSettings(d.instruction(), d.toolDocuments(), d.randomToolDocuments(), d.samples(),
                d.temperature(), d.topP(), d.maxNewTokens(), d.seed(), d.rankingFunction(), d.beta(), d.sftWeight(),
                d.learningRate(), 1, pairs, 1, d.maxGradNorm(), 0.0, loraRank, 2.0 * loraRank, 0.0, d.targetModules(),
                1, false);
        Random rng = new Random(3);
        int completion = Math.max(1, tokens / 4);
        int promptLen = tokens - completion;
        int vocab = model.config().vocabSize();
        List<int[]> prompts = new ArrayList<>();
        List<int[]> chosen = new ArrayList<>();
        List<int[]> rejected = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            prompts.add(rng.ints(promptLen, 3, vocab).toArray());
            chosen.add(rng.ints(completion, 3, vocab).toArray());
            rejected.add(rng.ints(completion, 3, vocab).toArray());
        }
        try (LoraAdapter adapter = LoraAdapter.attach(model, new LoraConfig(loraRank, 2.0 * loraRank, 0.0,
                s.targetModules()), 1)) {
            DpoTrainer trainer = new DpoTrainer(model, adapter, s);
            MemoryProbe probe = new MemoryProbe(r.device());
            long t0 = System.nanoTime();
            double[][] ref = trainer.referenceLogProbs(prompts, chosen, rejected, Progress.NONE);
            double refSeconds = (System.nanoTime() - t0) / 1e9;
            List<DpoTrainer.Example> examples = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                examples.add(new DpoTrainer.Example(prompts.get(i), chosen.get(i), rejected.get(i), ref[i][0], ref[i][1]));
            }
            List<AlignStore.Step> steps = new ArrayList<>();
            try (AdamW opt = AdamW.withDefaults(new ArrayList<>(adapter.parameters().values()), s.learningRate())) {
                long t1 = System.nanoTime();
                trainer.train(examples, 1, 1, opt, scratch.resolve("checkpoints-" + r.dtype()), "random",
                        new DpoTrainer.Listener() {
                            @Override
                            public void step(AlignStore.Step step) {
                                steps.add(step);
                            }

                            @Override
                            public void checkpoint(AlignStore.Checkpoint checkpoint) {
                            }
                        }, Progress.NONE);
                double stepSeconds = (System.nanoTime() - t1) / 1e9;
                probe.close();
                AlignStore.Step st = steps.get(steps.size() - 1);
                out.printf(Locale.ROOT, "dpo %-8s %d pairs x %d tokens, LoRA r %d: reference log-probs %.2f s, one optimizer "
                                + "step %.2f s (%.0f tok/s), loss %.4f, peak %s%n", r.dtype().toString().toLowerCase(Locale.ROOT),
                        pairs, tokens, loraRank, refSeconds, stepSeconds, st.tokensPerSecond(), st.loss(), probe.describe());
                out.flush();
                if (!Double.isFinite(st.loss())) {
                    failures++;
                    out.println("FAIL the DPO loss is not finite");
                }
            } finally {
                adapter.detach(model);
            }
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    /** Peak memory while it runs: GPU memory in use (polled, device-wide) on a GPU, else the process's peak RSS. */
    private static final class MemoryProbe implements AutoCloseable {
        private final Device device;
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        MemoryProbe(Device device) {
            this.device = device;
            this.thread = new Thread(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "gpu-memory-probe");
            thread.setDaemon(true);
            if (device.isGpu()) {
                thread.start();
            }
        }

        private void sample() {
            try {
                peak.accumulateAndGet(CudaUtils.getGpuMemory(device).getUsed(), Math::max);
            } catch (RuntimeException | LinkageError e) {
                running = false;
            }
        }

        @Override
        public void close() {
            running = false;
            if (device.isGpu()) {
                sample();
            }
        }

        String describe() {
            if (device.isGpu()) {
                return String.format(Locale.ROOT, "GPU memory in use %.2f GiB (device-wide, polled every 20 ms)",
                        peak.get() / (double) (1L << 30));
            }
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmHWM:")) {
                        return "RSS " + line.substring(6).strip() + " (process peak so far)";
                    }
                }
            } catch (java.io.IOException e) {
                // fall through
            }
            return "unknown";
        }
    }
}
