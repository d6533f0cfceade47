import java.nio.file.*;
import java.util.*;
import org.qtastudio.align.*;
import org.qtastudio.common.Progress;
import org.qtastudio.lm.lora.*;
import org.qtastudio.lm.model.*;
import org.qtastudio.lm.plan.*;

/**
 * One DPO step's measured peak RSS beside the memory plan's estimate for the same shape (issue 18: the plan within 20%).
 * Loads a model, attaches LoRA with the align defaults, computes reference log-probs and runs one optimizer step on random
 * token ids (PAIRS pairs, PROMPT prompt tokens, NEW tokens per completion), resetting VmHWM (/proc/self/clear_refs) before
 * each, and prints one RESULT line: the peaks and the plan's reference and training totals (MiB) and terms (bytes).
 *
 * <pre>
 * mvn -o -q compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 -cp target/classes:$(cat /tmp/cp.txt) \
 *     benchmarks/java/DpoPeak.java MODEL_DIR PAIRS PROMPT NEW [CHECKPOINTING true|false]
 * </pre>
 */
public class DpoPeak {
    static long kb(String key) throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) if (l.startsWith(key)) return Long.parseLong(l.replaceAll("\\D", ""));
        return -1;
    }
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]); int pairs = Integer.parseInt(a[1]); int p = Integer.parseInt(a[2]); int g = Integer.parseInt(a[3]);
        AlignSettings d = AlignSettings.defaults();
        AlignSettings s = new AlignSettings(d.instruction(), d.toolDocuments(), false, d.samples(), d.temperature(), d.topP(), g, d.seed(),
            d.rankingFunction(), d.beta(), d.sftWeight(), d.learningRate(), 1, pairs, 1, d.maxGradNorm(), 0.0, d.loraRank(), d.loraAlpha(),
            d.loraDropout(), d.targetModules(), 1, false);
        try (CausalLm model = CausalLm.load(dir, LmRuntime.parse("cpu", "float32"))) {
            if (a.length > 4) model.setActivationCheckpointing(Boolean.parseBoolean(a[4]));
            long afterLoad = kb("VmHWM:");
            Random rng = new Random(3); int vocab = model.config().vocabSize();
            List<int[]> pr = new ArrayList<>(), ch = new ArrayList<>(), rj = new ArrayList<>();
            for (int i = 0; i < pairs; i++) { pr.add(rng.ints(p, 3, vocab).toArray()); ch.add(rng.ints(g, 3, vocab).toArray()); rj.add(rng.ints(g, 3, vocab).toArray()); }
            try (LoraAdapter ad = LoraAdapter.attach(model, new LoraConfig(s.loraRank(), s.loraAlpha(), s.loraDropout(), s.targetModules()), 1)) {
                DpoTrainer tr = new DpoTrainer(model, ad, s);
                Files.writeString(Path.of("/proc/self/clear_refs"), "5");
                long rss0 = kb("VmRSS:");
                double[][] ref = tr.referenceLogProbs(pr, ch, rj, Progress.NONE);
                long refPeak = kb("VmHWM:");
                List<DpoTrainer.Example> ex = new ArrayList<>();
                for (int i = 0; i < pairs; i++) ex.add(new DpoTrainer.Example(pr.get(i), ch.get(i), rj.get(i), ref[i][0], ref[i][1]));
                Files.writeString(Path.of("/proc/self/clear_refs"), "5");
                long rss1 = kb("VmRSS:");
                long t0 = System.nanoTime();
                try (AdamW opt = AdamW.withDefaults(new ArrayList<>(ad.parameters().values()), s.learningRate())) {
                    tr.train(ex, 1, 1, opt, Files.createTempDirectory("dpopeak"), "x", new DpoTrainer.Listener() {
                        public void step(org.qtastudio.align.AlignStore.Step st) {}
                        public void checkpoint(org.qtastudio.align.AlignStore.Checkpoint c) {}
                    }, Progress.NONE);
                }
                long trainPeak = kb("VmHWM:");
                Workload w = new Workload(4, p, 4, g, pairs, 1, s.loraRank(), s.targetModules(), model.activationCheckpointing(), 4);
                MemoryPlan plan = new MemoryPlan(model.config(), w);
                System.out.printf("RESULT pairs %d prompt %d new %d ckpt %s: load HWM %d MiB; ref: rss0 %d peak %d (+%d) plan %d; train: rss1 %d peak %d (+%d) plan %d (%s); step %.1f s%n",
                    pairs, p, g, model.activationCheckpointing(), afterLoad >> 10, rss0 >> 10, refPeak >> 10, (refPeak - rss0) >> 10,
                    plan.estimate(MemoryPlan.Phase.reference).total() >> 20,
                    rss1 >> 10, trainPeak >> 10, (trainPeak - rss1) >> 10, plan.estimate(MemoryPlan.Phase.training).total() >> 20,
                    plan.estimate(MemoryPlan.Phase.training).parts(), (System.nanoTime() - t0) / 1e9);
            }
        }
    }
}
