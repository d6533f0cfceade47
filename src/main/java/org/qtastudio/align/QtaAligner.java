package org.qtastudio.align;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.common.CancelledException;
import org.qtastudio.common.Json;
import org.qtastudio.common.Progress;
import org.qtastudio.lm.lora.AdamW;
import org.qtastudio.lm.lora.LoraAdapter;
import org.qtastudio.lm.lora.LoraConfig;
import org.qtastudio.lm.model.LmRuntime;
import org.qtastudio.lm.model.SequenceLogProbs;
import org.qtastudio.lm.plan.MemoryBudget;
import org.qtastudio.lm.plan.MemoryPlan;
import org.qtastudio.retrieval.Retriever;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;

/**
 * The QTA use case, shared by the GUI and the CLI: sample rewrites of the training queries, build preference
 * pairs from where the frozen retriever ranks their gold tools, train the LoRA policy with DPO, and repeat for
 * on-policy rounds. Everything is stored as it happens, so a cancelled or killed run resumes from its last
 * checkpoint and a failed one is marked failed with its error.
 */
public final class QtaAligner {

    private final Workspace workspace;
    private final Retrievers retrievers;
    private final AlignStore store;
    private final CatalogStore catalogs;
    private volatile Consumer<AlignStore.Step> stepListener = step -> { };
    private volatile java.util.function.Supplier<MemoryBudget> memoryBudget = MemoryBudget::host;

    public QtaAligner(Workspace workspace, Retrievers retrievers) {
        this.workspace = workspace;
        this.retrievers = retrievers;
        this.store = new AlignStore(workspace);
        this.catalogs = new CatalogStore(workspace);
    }

    public AlignStore store() {
        return store;
    }

    /** Also hands every training step, once stored, to {@code listener} (live charts, CLI lines). */
    public void onStep(Consumer<AlignStore.Step> listener) {
        this.stepListener = listener;
    }

    /** The free memory a run is planned against before it loads the model (default: the host's; null result: no check). */
    public void memoryBudget(java.util.function.Supplier<MemoryBudget> budget) {
        this.memoryBudget = budget;
    }

    /**
     * What to align: stored with the run (as JSON) so that {@link #resume} needs nothing else.
     *
     * @param trainQueries keys of the split's queries to train on (an experiment's drawn subset), or null for all of them
     */
    public record Request(String catalog, Split trainSplit, String modelDir, String device, String dtype,
                          RetrieverSpec retriever, AlignSettings settings, List<String> trainQueries) {

        /** Refuses a platform tool search: it returns only what it matches, so unmatched gold tools have no rank to reward. */
        public Request {
            if (retriever instanceof RetrieverSpec.ToolSearchRegex || retriever instanceof RetrieverSpec.ToolSearchBm25) {
                throw new IllegalArgumentException("QTA aligns against a retriever that ranks the whole catalog; "
                        + retriever.describe() + " returns only the tools it matches: choose bm25, bm25-paper, dense or hybrid");
            }
        }

        /** Trains on every query of the split that has gold tools. */
        public Request(String catalog, Split trainSplit, String modelDir, String device, String dtype,
                       RetrieverSpec retriever, AlignSettings settings) {
            this(catalog, trainSplit, modelDir, device, dtype, retriever, settings, null);
        }

        @JsonIgnore
        public LmRuntime runtime() {
            return LmRuntime.parse(device, dtype);
        }
    }

    /** The outcome of a run (also what {@code align --out} writes as {@code summary.json}). */
    public record Summary(long runId, String status, int rounds, int pairs, int tiedQueries, int trainingQueries,
                          double initialLoss, double finalLoss, double finalRewardAccuracy, double finalRewardMargin,
                          int steps, double seconds, String adapter) {
    }

    /** Creates a run and executes it. */
    public Summary align(Request request, Progress progress) {
        return execute(create(request), request, progress);
    }

    /**
     * Stores a new run in status {@code created} without executing it, so a caller (the GUI) knows the run's id
     * before its work starts; {@link #resume} then executes it.
     */
    public long create(Request request) {
        Catalog catalog = catalogs.require(request.catalog());
        String name = "QTA " + Path.of(request.modelDir()).getFileName() + " on " + catalog.name();
        return store.createRun(catalog.id(), name, request.modelDir(), Json.write(request));
    }

    /** Executes a created run, or continues a cancelled, killed, failed or review-paused one from where its records end. */
    public Summary resume(long runId, Progress progress) {
        AlignStore.AlignRun run = store.run(runId);
        Request request = Json.read(run.settingsJson(), new com.fasterxml.jackson.core.type.TypeReference<Request>() { });
        return execute(runId, request, progress);
    }

    /** Runs under the run's {@link RunLease}: a second process resuming the same run is refused, touching nothing. */
    @SuppressWarnings("try") // the lease is held for the body, not called
    private Summary execute(long runId, Request request, Progress progress) {
        try (RunLease lease = RunLease.acquire(workspace.sideFolder("align/run-" + runId), runId)) {
            if (store.run(runId).status() == AlignStore.Status.completed) {
                throw new IllegalArgumentException("alignment run " + runId + " is already completed");
            }
            return executeLeased(runId, request, progress);
        }
    }

    private Summary executeLeased(long runId, Request request, Progress progress) {
        long started = System.nanoTime();
        AlignSettings s = request.settings();
        Catalog catalog = catalogs.require(request.catalog());
        List<UserQuery> queries = trainingQueries(catalog, request);
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("catalog '" + catalog.name() + "' has no " + request.trainSplit().id()
                    + " queries with gold tools; annotate a few first");
        }
        List<Tool> tools = catalogs.tools(catalog.id());
        Path runFolder = workspace.sideFolder("align/run-" + runId);
        AlignMemory.Checked checked;
        MemoryBudget budget = memoryBudget.get();
        try {
            checked = AlignMemory.checkAlign(Path.of(request.modelDir()), s, request.device(), request.dtype(), budget, false);
        } catch (IOException | RuntimeException e) {
            store.setStatus(runId, AlignStore.Status.failed, e.getMessage());
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        try (Retriever retriever = retrievers.open(catalog, request.retriever(), progress);
             Rewriter rewriter = Rewriter.load(Path.of(request.modelDir()), request.runtime(), s.instruction())) {
            AlignStore.AlignRun run = store.run(runId);
            LoraAdapter adapter = restoreAdapter(rewriter, runId, run.round(), s);
            for (int round = run.round(); round <= s.rounds(); round++) {
                store.setRound(runId, round);
                List<StoredPair> pairs = store.pairs(runId, round);
                if (pairs.isEmpty()) {
                    store.setStatus(runId, AlignStore.Status.sampling, null);
                    store.replacePairs(runId, round, new CandidateSampler(rewriter, retriever, tools, s).sample(queries, round, progress));
                    pairs = store.pairs(runId, round);
                    if (s.requireReview()) {
                        store.setStatus(runId, AlignStore.Status.review, null);
                        return summary(runId, AlignStore.Status.review, pairs, queries.size(), Double.NaN, Double.NaN,
                                Double.NaN, started, null);
                    }
                }
                store.setStatus(runId, AlignStore.Status.training, null);
                adapter = train(rewriter, adapter, runId, round, pairs, s, runFolder, request.modelDir(), checked.plan(), budget,
                        progress);
            }
            List<StoredPair> last = store.pairs(runId, s.rounds());
            double[] finals = evaluatePairs(rewriter, adapter, last, s);
            Path adapterDir = runFolder.resolve("adapter");
            adapter.save(adapterDir, request.modelDir());
            store.setStatus(runId, AlignStore.Status.completed, null);
            Summary summary = summary(runId, AlignStore.Status.completed, last, queries.size(), finals[0], finals[1], finals[2],
                    started, adapterDir.toString());
            store.setSummary(runId, Json.write(summary));
            return summary;
        } catch (CancelledException e) {
            store.setStatus(runId, AlignStore.Status.cancelled, "cancelled; resume continues from the last checkpoint");
            throw e;
        } catch (IOException e) {
            store.setStatus(runId, AlignStore.Status.failed, e.getMessage());
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            store.setStatus(runId, AlignStore.Status.failed, e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        }
    }

    /** The split's queries with gold tools, restricted to {@link Request#trainQueries} when it names some. */
    private List<UserQuery> trainingQueries(Catalog catalog, Request request) {
        List<UserQuery> all = catalogs.queries(catalog.id(), request.trainSplit()).stream().filter(q -> !q.gold().isEmpty()).toList();
        if (request.trainQueries() == null) {
            return all;
        }
        java.util.Set<String> wanted = new java.util.LinkedHashSet<>(request.trainQueries());
        List<UserQuery> picked = all.stream().filter(q -> wanted.contains(q.key())).toList();
        if (picked.size() != wanted.size()) {
            wanted.removeAll(picked.stream().map(UserQuery::key).toList());
            throw new IllegalArgumentException("catalog '" + catalog.name() + "' has no " + request.trainSplit().id()
                    + " queries with gold tools keyed " + wanted);
        }
        return picked;
    }

    /** The adapter to continue from: the latest checkpoint of this round or an earlier one, else a fresh one. */
    private LoraAdapter restoreAdapter(Rewriter rewriter, long runId, int round, AlignSettings s) throws IOException {
        for (int r = round; r >= 1; r--) {
            Optional<AlignStore.Checkpoint> ckpt = store.latestCheckpoint(runId, r);
            if (ckpt.isPresent()) {
                return LoraAdapter.load(rewriter.model(), Path.of(ckpt.get().path()));
            }
        }
        return LoraAdapter.attach(rewriter.model(), new LoraConfig(s.loraRank(), s.loraAlpha(), s.loraDropout(), s.targetModules()), s.seed());
    }

    private LoraAdapter train(Rewriter rewriter, LoraAdapter adapter, long runId, int round, List<StoredPair> pairs, AlignSettings s,
                              Path runFolder, String modelName, MemoryPlan plan, MemoryBudget budget, Progress progress)
            throws IOException {
        List<StoredPair> training = pairs.stream().filter(StoredPair::trains).toList();
        DpoTrainer trainer = new DpoTrainer(rewriter.model(), adapter, s);
        List<DpoTrainer.Example> examples = examples(rewriter, trainer, training, progress);
        rewriter.model().setHeapCeiling(AlignMemory.heapCeiling(planFor(plan, examples), budget));
        Optional<AlignStore.Checkpoint> checkpoint = store.latestCheckpoint(runId, round);
        int firstEpoch = checkpoint.map(c -> c.epoch() + 1).orElse(1);
        store.dropStepsAfter(runId, round, checkpoint.map(AlignStore.Checkpoint::step).orElse(0));
        if (firstEpoch > s.epochs()) {
            return adapter;
        }
        try (AdamW optimizer = AdamW.withDefaults(new ArrayList<>(adapter.parameters().values()), s.learningRate())) {
            if (checkpoint.isPresent()) {
                optimizer.load(Path.of(checkpoint.get().path()).resolve("optimizer.safetensors"));
            }
            trainer.train(examples, round, firstEpoch, optimizer, runFolder.resolve("checkpoints"), modelName,
                    new DpoTrainer.Listener() {
                        @Override
                        public void step(AlignStore.Step step) {
                            store.recordStep(runId, step);
                            stepListener.accept(step);
                        }

                        @Override
                        public void checkpoint(AlignStore.Checkpoint c) {
                            store.recordCheckpoint(runId, c);
                        }
                    }, progress);
        }
        return adapter;
    }

    /**
     * The plan for the pairs as built: the longest prompt and completion instead of the bounds the run was checked
     * against (a RestBench prompt of 3 documents is about 420 tokens, its bound 594), so that the heap ceiling
     * follows what training will hold.
     */
    private static MemoryPlan planFor(MemoryPlan plan, List<DpoTrainer.Example> examples) {
        int prompt = examples.stream().mapToInt(e -> e.prompt().length).max().orElse(0);
        int completion = examples.stream().mapToInt(e -> Math.max(e.chosen().length, e.rejected().length)).max().orElse(0);
        if (prompt == 0 || completion == 0) {
            return plan;
        }
        return new MemoryPlan(plan.config(), plan.workload().withPromptTokens(prompt).withNewTokens(completion));
    }

    /** Token ids of the training pairs, with reference log-probs computed (adapter off) for those that lack them. */
    private List<DpoTrainer.Example> examples(Rewriter rewriter, DpoTrainer trainer, List<StoredPair> pairs, Progress progress) {
        List<int[]> prompts = new ArrayList<>();
        List<int[]> chosen = new ArrayList<>();
        List<int[]> rejected = new ArrayList<>();
        for (StoredPair p : pairs) {
            prompts.add(rewriter.promptIds(p.prompt()));
            chosen.add(rewriter.completionIds(p.chosen()));
            rejected.add(rewriter.completionIds(p.rejected()));
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).referenceChosen() == null || pairs.get(i).referenceRejected() == null) {
                missing.add(i);
            }
        }
        double[][] refs = new double[pairs.size()][];
        if (!missing.isEmpty()) {
            double[][] computed = trainer.referenceLogProbs(missing.stream().map(prompts::get).toList(),
                    missing.stream().map(chosen::get).toList(), missing.stream().map(rejected::get).toList(), progress);
            for (int j = 0; j < missing.size(); j++) {
                int i = missing.get(j);
                refs[i] = computed[j];
                store.setReference(pairs.get(i).id(), computed[j][0], computed[j][1]);
            }
        }
        List<DpoTrainer.Example> out = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            double rc = refs[i] != null ? refs[i][0] : pairs.get(i).referenceChosen();
            double rr = refs[i] != null ? refs[i][1] : pairs.get(i).referenceRejected();
            out.add(new DpoTrainer.Example(prompts.get(i), chosen.get(i), rejected.get(i), rc, rr));
        }
        return out;
    }

    /** Loss, reward accuracy and reward margin of the final policy over all training pairs (no gradients). */
    private double[] evaluatePairs(Rewriter rewriter, LoraAdapter adapter, List<StoredPair> pairs, AlignSettings s) {
        List<StoredPair> training = pairs.stream().filter(StoredPair::trains).toList();
        if (training.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        adapter.setEnabled(true);
        double loss = 0;
        double accuracy = 0;
        double margin = 0;
        for (StoredPair p : training) {
            int[] prompt = rewriter.promptIds(p.prompt());
            double[] lp = SequenceLogProbs.score(rewriter.model(), List.of(prompt, prompt),
                    List.of(rewriter.completionIds(p.chosen()), rewriter.completionIds(p.rejected())));
            DpoLoss.PairStats stats = DpoLoss.of(lp[0], lp[1], p.referenceChosen(), p.referenceRejected(), s.beta());
            loss += stats.loss();
            accuracy += stats.accuracy();
            margin += stats.margin();
        }
        int n = training.size();
        return new double[] {loss / n, accuracy / n, margin / n};
    }

    /** Every training query yields a pair unless all its candidates tie, so the tied count is the difference. */
    private Summary summary(long runId, AlignStore.Status status, List<StoredPair> pairs, int trainingQueries,
                            double finalLoss, double finalAccuracy, double finalMargin, long started, String adapter) {
        List<AlignStore.Step> steps = store.steps(runId);
        double initialLoss = steps.isEmpty() ? Double.NaN : steps.get(0).loss();
        return new Summary(runId, status.name(), store.run(runId).round(), pairs.size(), trainingQueries - pairs.size(), trainingQueries, initialLoss,
                finalLoss, finalAccuracy, finalMargin, steps.size(), (System.nanoTime() - started) / 1e9, adapter);
    }
}
