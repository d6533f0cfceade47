package org.qtastudio.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.catalog.Split;
import org.qtastudio.common.CancelledException;
import org.qtastudio.common.Progress;
import org.qtastudio.lm.lora.LoraAdapter;
import org.qtastudio.lm.model.CausalLm;
import org.qtastudio.lm.model.LmRuntime;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;

/**
 * The whole QTA loop on CPU: a tiny random Qwen3-shaped model around the real Qwen3 tokenizer rewrites the 10
 * RestBench TMDB queries that MTRB does not test; pairs are stored; DPO drives the loss below ln 2 with reward
 * accuracy of at least 0.9; a cancelled run resumes from its checkpoint; the adapter reloads.
 */
class QtaAlignerTest {

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void tinyModel() throws Exception {
        AlignFixtures.assumeShared();
        model = AlignFixtures.tinyQwen3(dir.resolve("tiny-qwen3"));
    }

    private static Workspace workspaceWithTrainingQueries(String name) throws Exception {
        return AlignFixtures.restBenchWithTrainingQueries(dir.resolve(name));
    }

    private static AlignSettings settings(int epochs) {
        AlignSettings d = AlignSettings.defaults();
        return new AlignSettings(d.instruction(), 1, false, 4, 1.0, 1.0, 10, 11, "sufficiency-rank", 0.1, 0.0,
                2e-2, epochs, 5, 1, 1.0, 0.1, 8, 16, 0.0, d.targetModules(), 1, false);
    }

    private static QtaAligner.Request request(AlignSettings s) {
        return new QtaAligner.Request("mtrb-restbench", Split.TRAIN, model.toString(), "cpu", "float32",
                RetrieverSpec.Bm25.defaults(), s);
    }

    @Test
    void alignsStoresPairsLearnsThePreferenceAndExportsTheAdapter() throws Exception {
        try (Workspace w = workspaceWithTrainingQueries("full.qta"); Retrievers retrievers = new Retrievers(w)) {
            QtaAligner aligner = new QtaAligner(w, retrievers);
            QtaAligner.Summary s = aligner.align(request(settings(8)), Progress.NONE);

            assertEquals("completed", s.status());
            assertEquals(10, s.trainingQueries());
            assertEquals(s.pairs() + s.tiedQueries(), 10);
            assertTrue(s.pairs() >= 5, "most queries give a pair: " + s.pairs());
            List<StoredPair> pairs = aligner.store().pairs(s.runId(), 1);
            assertEquals(s.pairs(), pairs.size());
            for (StoredPair p : pairs) {
                assertTrue(p.chosenScore().compareTo(p.rejectedScore()) > 0, "chosen outranks rejected");
                assertTrue(p.referenceChosen() != null && p.referenceRejected() != null, "reference log-probs stored");
                assertTrue(p.candidates().stream().anyMatch(Candidate::original));
            }

            assertTrue(Math.abs(s.initialLoss() - Math.log(2)) < 0.05, "training starts at ln 2 (B = 0): " + s.initialLoss());
            List<AlignStore.Step> steps = aligner.store().steps(s.runId());
            assertTrue(s.finalLoss() < 0.5, "loss falls well below ln 2: " + s.finalLoss() + " " + steps);
            assertTrue(s.finalRewardAccuracy() >= 0.9, "reward accuracy: " + s.finalRewardAccuracy());
            assertTrue(s.finalRewardMargin() > 0, "chosen log-prob rose relative to rejected: " + s.finalRewardMargin());
            assertEquals(s.steps(), steps.size());
            assertTrue(steps.stream().allMatch(st -> st.tokensPerSecond() > 0 && st.learningRate() > 0));

            // the exported adapter reloads into the base model and reproduces the trained preference
            StoredPair p = pairs.get(0);
            try (Rewriter rw = Rewriter.load(model, LmRuntime.cpu(), AlignSettings.DEFAULT_INSTRUCTION)) {
                CausalLm m = rw.model();
                int[] prompt = rw.promptIds(p.prompt());
                List<int[]> prompts = List.of(prompt, prompt);
                List<int[]> completions = List.of(rw.completionIds(p.chosen()), rw.completionIds(p.rejected()));
                double[] base = org.qtastudio.lm.model.SequenceLogProbs.score(m, prompts, completions);
                try (LoraAdapter adapter = LoraAdapter.load(m, Path.of(s.adapter()))) {
                    double[] tuned = org.qtastudio.lm.model.SequenceLogProbs.score(m, prompts, completions);
                    assertTrue((tuned[0] - base[0]) - (tuned[1] - base[1]) > 0, "the reloaded adapter prefers chosen");
                    assertFalse(adapter.parameters().isEmpty());
                }
            }
        }
    }

    @Test
    void aCancelledRunResumesFromItsLastCheckpoint() throws Exception {
        try (Workspace w = workspaceWithTrainingQueries("resume.qta"); Retrievers retrievers = new Retrievers(w)) {
            QtaAligner aligner = new QtaAligner(w, retrievers);
            AtomicInteger trainingUpdates = new AtomicInteger();
            Progress cancelInEpochThree = new Progress() {
                private boolean cancel;

                @Override
                public void update(String message, long done, long total) {
                    if (message.startsWith("Round 1, epoch 3")) {
                        cancel = trainingUpdates.incrementAndGet() >= 1;
                    }
                }

                @Override
                public boolean isCancelled() {
                    return cancel;
                }
            };
            assertThrows(CancelledException.class, () -> aligner.align(request(settings(4)), cancelInEpochThree));
            long runId = aligner.store().runs(1).get(0).id();
            assertEquals(AlignStore.Status.cancelled, aligner.store().run(runId).status());
            AlignStore.Checkpoint ckpt = aligner.store().latestCheckpoint(runId, 1).orElseThrow();
            assertEquals(2, ckpt.epoch(), "epochs 1 and 2 were checkpointed before the cancel");
            int pairsBefore = aligner.store().pairs(runId, 1).size();

            QtaAligner.Summary s = aligner.resume(runId, Progress.NONE);
            assertEquals("completed", s.status());
            assertEquals(pairsBefore, s.pairs(), "resuming does not sample again");
            DpoTrainer trainer = new DpoTrainer(null, null, settings(4));
            assertEquals(4 * trainer.stepsPerEpoch(pairsBefore), aligner.store().steps(runId).size(),
                    "every step is recorded once, none twice");
            assertEquals(4, aligner.store().latestCheckpoint(runId, 1).orElseThrow().epoch());
        }
    }

    @Test
    void aKilledRunResumesFromItsLastCheckpoint() throws Exception {
        Path file = dir.resolve("killed.qta");
        workspaceWithTrainingQueries("killed.qta").close();
        // a separate JVM runs `align` and is killed (SIGKILL) once its first epoch is checkpointed
        Process align = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "org.qtastudio.Main",
                "align", "-w", file.toString(), "-c", "mtrb-restbench", "--model", model.toString(), "--epochs", "3",
                "--batch-size", "5", "--max-new-tokens", "10", "--tool-docs", "1", "--lr", "2e-2", "--lora-dropout", "0")
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed-align.log").toFile()).start();
        long runId;
        try (Workspace w = Workspace.open(file)) {
            AlignStore store = new AlignStore(w);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
            while (store.runs(1).isEmpty() || store.latestCheckpoint(store.runs(1).get(0).id(), 1).isEmpty()) {
                assertTrue(align.isAlive(), "align ended before its first checkpoint: "
                        + Files.readString(dir.resolve("killed-align.log")));
                assertTrue(System.nanoTime() < deadline, "no checkpoint within 10 minutes");
                Thread.sleep(200);
            }
            align.destroyForcibly().waitFor();
            runId = store.runs(1).get(0).id();
            assertEquals(AlignStore.Status.training, store.run(runId).status(), "a killed run is left as it was");
        }
        try (Workspace w = Workspace.open(file); Retrievers retrievers = new Retrievers(w)) {
            QtaAligner aligner = new QtaAligner(w, retrievers);
            int pairs = aligner.store().pairs(runId, 1).size();
            QtaAligner.Summary s = aligner.resume(runId, Progress.NONE);
            assertEquals("completed", s.status());
            DpoTrainer trainer = new DpoTrainer(null, null, settings(3));
            assertEquals(3 * trainer.stepsPerEpoch(pairs), aligner.store().steps(runId).size(), "no step lost or logged twice");
            assertEquals(3, aligner.store().latestCheckpoint(runId, 1).orElseThrow().epoch());
        }
    }
}
