package org.qtastudio.align;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.qtastudio.common.Progress;
import org.qtastudio.lm.lora.AdamW;
import org.qtastudio.lm.lora.LoraAdapter;
import org.qtastudio.lm.model.CausalLm;
import org.qtastudio.lm.model.Scalars;
import org.qtastudio.lm.model.SequenceLogProbs;

/**
 * DPO on the LoRA weights of a policy whose reference is the same model with the adapter off: reference
 * log-probs are computed once and stored with the pairs, each optimizer step accumulates gradients over
 * micro-batches, clips their global norm and follows a warm-up + cosine schedule. Every step is reported;
 * every epoch ends with a checkpoint (adapter + optimizer state) from which a stopped run resumes.
 */
public final class DpoTrainer {

    /** One training pair in token ids, with its reference log-probs. */
    public record Example(int[] prompt, int[] chosen, int[] rejected, double referenceChosen, double referenceRejected) {
    }

    /** Receives each optimizer step and each finished epoch (to store them). */
    public interface Listener {
        void step(AlignStore.Step step);

        /** The epoch's checkpoint is written; record it so a resume finds it. */
        void checkpoint(AlignStore.Checkpoint checkpoint);
    }

    private final CausalLm model;
    private final LoraAdapter adapter;
    private final AlignSettings settings;

    public DpoTrainer(CausalLm model, LoraAdapter adapter, AlignSettings settings) {
        this.model = model;
        this.adapter = adapter;
        this.settings = settings;
    }

    /** Reference log-probs (adapter off) of chosen and rejected completions, {@code [pair][0=chosen, 1=rejected]}. */
    public double[][] referenceLogProbs(List<int[]> prompts, List<int[]> chosen, List<int[]> rejected, Progress progress) {
        boolean wasEnabled = adapter.isEnabled();
        adapter.setEnabled(false);
        try {
            double[][] out = new double[prompts.size()][2];
            int b = settings.batchSize();
            for (int from = 0; from < prompts.size(); from += b) {
                progress.checkCancelled();
                int to = Math.min(prompts.size(), from + b);
                double[][] lp = SequenceLogProbs.scorePairs(model, prompts.subList(from, to), chosen.subList(from, to),
                        rejected.subList(from, to));
                System.arraycopy(lp, 0, out, from, to - from);
                progress.update("Reference log-probabilities", to, prompts.size());
            }
            return out;
        } finally {
            adapter.setEnabled(wasEnabled);
        }
    }

    /** Optimizer steps in one epoch over {@code pairs} pairs. */
    public int stepsPerEpoch(int pairs) {
        int perStep = settings.batchSize() * settings.gradientAccumulation();
        return (pairs + perStep - 1) / perStep;
    }

    /**
     * Trains epochs {@code firstEpoch..settings.epochs()} (1-based); earlier epochs are assumed done, with the
     * adapter and optimizer restored from their checkpoint.
     */
    public void train(List<Example> examples, int round, int firstEpoch, AdamW optimizer, Path checkpointRoot,
                      String baseModelName, Listener listener, Progress progress) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no preference pairs to train on");
        }
        int perEpoch = stepsPerEpoch(examples.size());
        LearningRateSchedule schedule = LearningRateSchedule.of(settings.learningRate(), settings.warmupRatio(), perEpoch * settings.epochs());
        adapter.setTraining(true);
        model.setDropoutSeed(settings.seed() * 31 + round * 1009L + firstEpoch);
        try {
            for (int epoch = firstEpoch; epoch <= settings.epochs(); epoch++) {
                List<Example> order = new ArrayList<>(examples);
                Collections.shuffle(order, new Random(settings.seed() * 31 + round * 1009L + epoch));
                int step = (epoch - 1) * perEpoch;
                int perStep = settings.batchSize() * settings.gradientAccumulation();
                for (int from = 0; from < order.size(); from += perStep) {
                    progress.checkCancelled();
                    List<Example> stepExamples = order.subList(from, Math.min(order.size(), from + perStep));
                    listener.step(optimizerStep(stepExamples, round, epoch, step, schedule, optimizer));
                    step++;
                    progress.update(String.format("Round %d, epoch %d/%d, step %d/%d", round, epoch, settings.epochs(),
                            step, perEpoch * settings.epochs()), step, (long) perEpoch * settings.epochs());
                }
                listener.checkpoint(saveCheckpoint(checkpointRoot, round, epoch, step, optimizer, baseModelName));
            }
        } finally {
            adapter.setTraining(false);
        }
    }

    private AlignStore.Step optimizerStep(List<Example> examples, int round, int epoch, int step,
                                          LearningRateSchedule schedule, AdamW optimizer) {
        long started = System.nanoTime();
        long tokens = 0;
        double loss = 0;
        double chosenReward = 0;
        double rejectedReward = 0;
        double accuracy = 0;
        int b = settings.batchSize();
        for (int from = 0; from < examples.size(); from += b) {
            List<Example> batch = examples.subList(from, Math.min(examples.size(), from + b));
            int n = batch.size();
            float[] refChosen = new float[n];
            float[] refRejected = new float[n];
            float[] chosenLengths = new float[n];
            for (int i = 0; i < n; i++) {
                Example e = batch.get(i);
                refChosen[i] = (float) e.referenceChosen();
                refRejected[i] = (float) e.referenceRejected();
                chosenLengths[i] = e.chosen().length;
                tokens += e.prompt().length + e.chosen().length + e.rejected().length; // the prompt runs once per pair
            }
            try (NDManager m = model.manager().newSubManager();
                 GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                SequenceLogProbs.Result result = SequenceLogProbs.pairs(model, m,
                        batch.stream().map(Example::prompt).toList(), batch.stream().map(Example::chosen).toList(),
                        batch.stream().map(Example::rejected).toList());
                NDArray logProbs = result.values();
                NDArray policyChosen = logProbs.get("0:" + n);
                NDArray policyRejected = logProbs.get(n + ":");
                NDArray losses = DpoLoss.losses(policyChosen, policyRejected, m.create(refChosen), m.create(refRejected), settings.beta());
                NDArray objective = losses.sum();
                if (settings.sftWeight() > 0) {
                    NDArray sft = policyChosen.neg().div(m.create(chosenLengths)).sum();
                    objective = objective.add(sft.mul(Scalars.of(sft, settings.sftWeight())));
                }
                // mean over every pair of the optimizer step, whatever the micro-batch split
                result.backward(gc, objective.div(Scalars.of(objective, examples.size())));
                float[] pc = policyChosen.toFloatArray();
                float[] pr = policyRejected.toFloatArray();
                for (int i = 0; i < n; i++) {
                    DpoLoss.PairStats s = DpoLoss.of(pc[i], pr[i], refChosen[i], refRejected[i], settings.beta());
                    loss += s.loss();
                    chosenReward += s.chosenReward();
                    rejectedReward += s.rejectedReward();
                    accuracy += s.accuracy();
                }
            }
        }
        double lr = schedule.at(step);
        optimizer.setLearningRate(lr);
        optimizer.step(settings.maxGradNorm());
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        int n = examples.size();
        return new AlignStore.Step(round, step + 1, epoch, loss / n, chosenReward / n, rejectedReward / n,
                (chosenReward - rejectedReward) / n, accuracy / n, lr, tokens / seconds);
    }

    private AlignStore.Checkpoint saveCheckpoint(Path root, int round, int epoch, int step, AdamW optimizer, String baseModelName) {
        Path dir = root.resolve("round-" + round).resolve("epoch-" + epoch);
        try {
            adapter.save(dir, baseModelName);
            optimizer.save(dir.resolve("optimizer.safetensors"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + dir + ": " + e.getMessage(), e);
        }
        return new AlignStore.Checkpoint(round, epoch, step, dir.toString());
    }
}
