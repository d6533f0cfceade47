package org.qtastudio.align;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.common.Progress;
import org.qtastudio.eval.EvalResult;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.eval.EvalRunStore;
import org.qtastudio.eval.Evaluator;
import org.qtastudio.eval.QueryRecord;
import org.qtastudio.lm.lora.LoraAdapter;
import org.qtastudio.lm.model.LmRuntime;
import org.qtastudio.retrieval.FusionRetriever;
import org.qtastudio.retrieval.Hit;
import org.qtastudio.retrieval.Ranking;
import org.qtastudio.retrieval.Retriever;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;

/**
 * Evaluation with a rewriter: every test query is rewritten (greedy, or the best of n samples by the
 * retriever's own top score, which needs no gold), then the original, the rewrite and their reciprocal-rank
 * fusion are each ranked and stored as evaluation runs comparable with the baselines.
 */
public final class RewriteEvaluator {

    private final Workspace workspace;
    private final Retrievers retrievers;

    public RewriteEvaluator(Workspace workspace, Retrievers retrievers) {
        this.workspace = workspace;
        this.retrievers = retrievers;
    }

    /** How one rewrite per query is picked. */
    public enum Mode { greedy, best_of_n }

    /**
     * What to evaluate.
     *
     * @param adapter a PEFT adapter folder on top of the model, or null for the base model
     * @param alignRun the alignment run the adapter came from, or null
     * @param batchSize queries rewritten together in one greedy batch
     */
    public record Request(String catalog, Split split, String modelDir, String adapter, String device, String dtype,
                          RetrieverSpec retriever, String instruction, int toolDocuments, int maxNewTokens, Mode mode,
                          int samples, long seed, List<Integer> ks, Long alignRun, int batchSize) {

        public static final int DEFAULT_BATCH_SIZE = AlignMemory.REWRITE_BATCH;

        public Request {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size " + batchSize + ": must be at least 1");
            }
        }

        /** A request with the default batch size. */
        public Request(String catalog, Split split, String modelDir, String adapter, String device, String dtype,
                       RetrieverSpec retriever, String instruction, int toolDocuments, int maxNewTokens, Mode mode,
                       int samples, long seed, List<Integer> ks, Long alignRun) {
            this(catalog, split, modelDir, adapter, device, dtype, retriever, instruction, toolDocuments, maxNewTokens,
                    mode, samples, seed, ks, alignRun, DEFAULT_BATCH_SIZE);
        }

        /** This request with {@code queries} test queries per greedy batch. */
        public Request withBatchSize(int queries) {
            return new Request(catalog, split, modelDir, adapter, device, dtype, retriever, instruction, toolDocuments,
                    maxNewTokens, mode, samples, seed, ks, alignRun, queries);
        }
    }

    /** One query's original and rewrite with the rank at which all its gold tools were found for each. */
    public record RewrittenQuery(String key, String original, String rewrite, int originalDepth, int rewriteDepth) {
    }

    /** The three stored runs and the rewrites. */
    public record Outcome(long id, EvalRun original, EvalRun rewritten, EvalRun fused, List<RewrittenQuery> rewrites) {
    }

    public Outcome evaluate(Request r, Progress progress) throws IOException {
        CatalogStore catalogs = new CatalogStore(workspace);
        Catalog catalog = catalogs.require(r.catalog());
        List<Integer> ks = Evaluator.checkCutoffs(r.ks());
        List<UserQuery> all = catalogs.queries(catalog.id(), r.split());
        List<UserQuery> queries = all.stream().filter(q -> !q.gold().isEmpty()).toList();
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("catalog '" + catalog.name() + "' has no " + r.split().id() + " queries with gold tools");
        }
        Map<String, Tool> tools = catalogs.tools(catalog.id()).stream().collect(Collectors.toMap(Tool::key, Function.identity()));
        long started = System.nanoTime();
        int keep = Math.max(Evaluator.KEEP_TOP, ks.getLast());
        List<QueryRecord> original = new ArrayList<>();
        List<QueryRecord> rewritten = new ArrayList<>();
        List<QueryRecord> fused = new ArrayList<>();
        List<RewrittenQuery> rewrites = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int fusionK = r.retriever() instanceof RetrieverSpec.Hybrid h ? h.k() : RetrieverSpec.Hybrid.DEFAULT_K;
        try (Retriever retriever = retrievers.open(catalog, r.retriever(), progress);
             Rewriter rewriter = Rewriter.load(Path.of(r.modelDir()), LmRuntime.parse(r.device(), r.dtype()), r.instruction());
             LoraAdapter adapter = r.adapter() == null ? null : LoraAdapter.load(rewriter.model(), Path.of(r.adapter()))) {
            int done = 0;
            int batch = r.mode() == Mode.greedy ? r.batchSize() : 1;
            List<String> picked = List.of();
            for (UserQuery q : queries) {
                progress.checkCancelled();
                progress.update("Rewriting and ranking test queries", done, queries.size());
                if (done % batch == 0) {
                    List<int[]> prompts = new ArrayList<>();
                    for (UserQuery next : queries.subList(done, Math.min(done + batch, queries.size()))) {
                        List<Tool> docs = retriever.search(next.text(), r.toolDocuments()).stream()
                                .map(h -> tools.get(h.key())).toList();
                        prompts.add(rewriter.promptIds(rewriter.promptText(next.text(), docs)));
                    }
                    picked = pick(rewriter, retriever, prompts, r, done, progress);
                }
                String rewrite = picked.get(done % batch);
                if (rewrite.isEmpty()) {
                    warnings.add("query " + q.key() + ": the model produced no rewrite; its original text was used");
                    rewrite = q.text();
                }
                Ranking a = retriever.rank(q.text());
                Ranking b = retriever.rank(rewrite);
                Ranking f = FusionRetriever.fuse(a, b, fusionK);
                original.add(record(q, q.text(), a, keep));
                rewritten.add(record(q, rewrite, b, keep));
                fused.add(record(q, q.text() + " ⊕ " + rewrite, f, keep));
                rewrites.add(new RewrittenQuery(q.key(), q.text(), rewrite, original.getLast().sufficientDepth(),
                        rewritten.getLast().sufficientDepth()));
                done++;
            }
            progress.update("Rewrote and ranked " + queries.size() + " queries", done, queries.size());
        }
        long wall = (System.nanoTime() - started) / 1_000_000;
        int excluded = all.size() - queries.size();
        EvalRunStore runs = new EvalRunStore(workspace);
        String fingerprint = catalogs.toolsFingerprint(catalog.id());
        String who = describeRewriter(r);
        EvalRun o = runs.save(catalog, r.split().id(), fingerprint, result(r.retriever(), ks, original, excluded, tools.size(), wall, warnings));
        EvalRun w = runs.save(catalog, r.split().id(), fingerprint, result(r.retriever(), ks, rewritten, excluded, tools.size(), wall, warnings),
                "rewrites by " + who);
        EvalRun f = runs.save(catalog, r.split().id(), fingerprint, result(r.retriever(), ks, fused, excluded, tools.size(), wall, warnings),
                "fusion (RRF k=" + fusionK + ") of original queries and rewrites by " + who);
        long id = new RewriteEvaluationStore(workspace).link(r.alignRun(), r.adapter(), r.mode(), o, w, f);
        return new Outcome(id, o, w, f, rewrites);
    }

    /** One rewrite per prompt: greedy in one batch, or best of n for a single prompt (its n samples are the batch). */
    private static List<String> pick(Rewriter rewriter, Retriever retriever, List<int[]> prompts, Request r, int index,
                                     Progress progress) {
        if (r.mode() == Mode.greedy) {
            return rewriter.greedy(prompts, r.maxNewTokens(), progress);
        }
        List<String> samples = rewriter.sample(prompts.get(0), r.samples(), 1.0, 1.0, r.maxNewTokens(), r.seed() + index, progress);
        // best of n by the retriever's own confidence: the highest top-1 score, no gold needed
        return List.of(samples.stream().max(Comparator.comparingDouble(s -> topScore(retriever, s))).orElse(""));
    }

    private static double topScore(Retriever retriever, String text) {
        List<Hit> top = retriever.search(text, 1);
        return top.isEmpty() ? Double.NEGATIVE_INFINITY : top.get(0).score();
    }

    private static QueryRecord record(UserQuery q, String text, Ranking ranking, int keep) {
        int[] ranks = q.gold().stream().mapToInt(ranking::rankOf).toArray();
        return new QueryRecord(q.key(), text, q.gold(), ranks, ranking.top(keep));
    }

    private static EvalResult result(RetrieverSpec spec, List<Integer> ks, List<QueryRecord> records, int excluded, int toolCount,
                                     long wall, List<String> warnings) {
        return new EvalResult(spec, ks, records, excluded, toolCount, wall, warnings);
    }

    private static String describeRewriter(Request r) {
        String model = Path.of(r.modelDir()).getFileName().toString();
        String adapter = r.adapter() == null ? "base model" : (r.alignRun() != null ? "adapter of align run " + r.alignRun() : "adapter " + r.adapter());
        String how = r.mode() == Mode.greedy ? "greedy" : "best of " + r.samples() + " by top retrieval score";
        return model + " (" + adapter + ", " + how + ")";
    }
}
