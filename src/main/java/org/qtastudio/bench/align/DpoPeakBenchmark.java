package org.qtastudio.bench.align;

import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.qtastudio.align.AlignSettings;
import org.qtastudio.align.AlignStore;
import org.qtastudio.align.DpoTrainer;
import org.qtastudio.common.Progress;
import org.qtastudio.lm.lora.AdamW;
import org.qtastudio.lm.lora.LoraAdapter;
import org.qtastudio.lm.lora.LoraConfig;
import org.qtastudio.lm.model.CausalLm;
import org.qtastudio.lm.plan.MemoryPlan;
import org.qtastudio.lm.plan.Workload;

/**
 * One DPO step's measured peak resident memory beside the memory plan's estimate for the same shape, the check behind
 * the plan's constants (docs/memory-plan.md). LoRA with the align defaults, reference log-probs, then one optimizer
 * step on random token ids, with {@code VmHWM} reset before each phase ({@link QtaShapeBenchmark#resetPeak()}).
 */
public final class DpoPeakBenchmark {

    private DpoPeakBenchmark() {
    }

    /** The peaks and the plan's totals in MiB; the resident set at the start of each phase ({@code rss0}, {@code rss1}). */
    public record Result(int pairs, int prompt, int completion, boolean checkpointing, long loadPeak, long rss0,
            long referencePeak, long referencePlan, long rss1, long trainingPeak, long trainingPlan, String trainingTerms,
            double stepSeconds) {

        /** The one line the docs' tables were copied from. */
        public String line() {
            return String.format(Locale.ROOT, "RESULT pairs %d prompt %d new %d ckpt %s: load HWM %d MiB; ref: rss0 %d peak %d (+%d) "
                    + "plan %d; train: rss1 %d peak %d (+%d) plan %d (%s); step %.1f s", pairs, prompt, completion, checkpointing,
                    loadPeak, rss0, referencePeak, referencePeak - rss0, referencePlan, rss1, trainingPeak, trainingPeak - rss1,
                    trainingPlan, trainingTerms, stepSeconds);
        }
    }

    /** Runs the reference pass and one DPO step of {@code pairs} random pairs on {@code model} (its LoRA is detached after). */
    public static Result run(CausalLm model, int pairs, int prompt, int completion) throws IOException {
        long loadPeak = QtaShapeBenchmark.peakRss() >> 20;
        AlignSettings d = AlignSettings.defaults();
        AlignSettings s = new AlignSettings(d.instruction(), d.toolDocuments(), false, d.samples(), d.temperature(), d.topP(),
                completion, d.seed(), d.rankingFunction(), d.beta(), d.sftWeight(), d.learningRate(), 1, pairs, 1, d.maxGradNorm(),
                0.0, d.loraRank(), d.loraAlpha(), d.loraDropout(), d.targetModules(), 1, false);
        Random rng = new Random(3);
        int vocab = model.config().vocabSize();
        List<int[]> prompts = new ArrayList<>();
        List<int[]> chosen = new ArrayList<>();
        List<int[]> rejected = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            prompts.add(rng.ints(prompt, 3, vocab).toArray());
            chosen.add(rng.ints(completion, 3, vocab).toArray());
            rejected.add(rng.ints(completion, 3, vocab).toArray());
        }
        LoraConfig lora = new LoraConfig(s.loraRank(), s.loraAlpha(), s.loraDropout(), s.targetModules());
        Path checkpoints = Files.createTempDirectory("dpo-peak");
        try (LoraAdapter adapter = LoraAdapter.attach(model, lora, 1)) {
            DpoTrainer trainer = new DpoTrainer(model, adapter, s);
            QtaShapeBenchmark.resetPeak();
            long rss0 = QtaShapeBenchmark.peakRss() >> 20;
            double[][] ref = trainer.referenceLogProbs(prompts, chosen, rejected, Progress.NONE);
            long referencePeak = QtaShapeBenchmark.peakRss() >> 20;
            List<DpoTrainer.Example> examples = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                examples.add(new DpoTrainer.Example(prompts.get(i), chosen.get(i), rejected.get(i), ref[i][0], ref[i][1]));
            }
            QtaShapeBenchmark.resetPeak();
            long rss1 = QtaShapeBenchmark.peakRss() >> 20;
            long t0 = System.nanoTime();
            try (AdamW optimizer = AdamW.withDefaults(new ArrayList<>(adapter.parameters().values()), s.learningRate())) {
                trainer.train(examples, 1, 1, optimizer, checkpoints, "dpo-peak", new DpoTrainer.Listener() {
                    @Override
                    public void step(AlignStore.Step step) {
                    }

                    @Override
                    public void checkpoint(AlignStore.Checkpoint checkpoint) {
                    }
                }, Progress.NONE);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long trainingPeak = QtaShapeBenchmark.peakRss() >> 20;
            Workload w = new Workload(model.runtime().dtype() == DataType.FLOAT32 ? 4 : 2, prompt, 4, completion, pairs, 1, s.loraRank(), s.targetModules(), model.activationCheckpointing(), 4);
            MemoryPlan plan = new MemoryPlan(model.config(), w);
            MemoryPlan.Estimate training = plan.estimate(MemoryPlan.Phase.training);
            return new Result(pairs, prompt, completion, model.activationCheckpointing(), loadPeak, rss0, referencePeak,
                    plan.estimate(MemoryPlan.Phase.reference).total() >> 20, rss1, trainingPeak, training.total() >> 20,
                    String.valueOf(training.parts()), seconds);
        } finally {
            QtaShapeBenchmark.deleteTree(checkpoints);
        }
    }
}
