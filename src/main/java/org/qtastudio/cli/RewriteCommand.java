package org.qtastudio.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.qtastudio.align.AlignMemory;
import org.qtastudio.align.AlignSettings;
import org.qtastudio.align.AlignedRewriter;
import org.qtastudio.align.AlignStore;
import org.qtastudio.align.RewriteEvaluator;
import org.qtastudio.align.Rewriter;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Progress;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.lm.lora.LoraAdapter;
import org.qtastudio.lm.model.LmRuntime;
import org.qtastudio.retrieval.Retriever;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rewrite}: rewrites one query, or a whole split with an evaluation of original, rewrite and their fusion. */
@Command(name = "rewrite", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Rewrite one query (--query) or every query of a split (--split), with the base model or an aligned "
                + "adapter; a split is evaluated three ways (original, rewrite, fusion) and stored as runs.")
public final class RewriteCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions ws;

    @Option(names = {"-c", "--catalog"}, required = true, paramLabel = "NAME", description = "Catalog.")
    String catalog;

    @Option(names = "--model", paramLabel = "DIR", description = "Model folder (default: the model of --run).")
    Path model;

    @ArgGroup(exclusive = true)
    AdapterChoice adapterChoice;

    static final class AdapterChoice {
        @Option(names = "--adapter", paramLabel = "DIR", description = "A PEFT adapter folder.")
        Path adapter;

        @Option(names = "--run", paramLabel = "RUN", description = "Use the adapter of this completed alignment run.")
        Long run;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--query", paramLabel = "TEXT", description = "One query to rewrite.")
        String query;

        @Option(names = "--split", paramLabel = "SPLIT", description = "Rewrite and evaluate this split (e.g. test).")
        String split;
    }

    @Mixin
    RetrieverOptions retriever;

    @Option(names = "--device", description = "cpu, gpu, gpu:N or auto (default: ${DEFAULT-VALUE}).")
    String device = "cpu";
    @Option(names = "--dtype", description = "float32, bfloat16 or float16 (default: ${DEFAULT-VALUE}).")
    String dtype = "float32";
    @Option(names = "--mode", description = "greedy or best_of_n (default: ${DEFAULT-VALUE}).")
    RewriteEvaluator.Mode mode = RewriteEvaluator.Mode.greedy;
    @Option(names = "--samples", description = "n of best_of_n (default: ${DEFAULT-VALUE}).")
    int samples = 4;
    @Option(names = "--tool-docs", description = "Tool documents in the prompt (default: ${DEFAULT-VALUE}).")
    int toolDocs = AlignSettings.defaults().toolDocuments();
    @Option(names = "--max-new-tokens", description = "Longest rewrite (default: ${DEFAULT-VALUE}).")
    int maxNewTokens = AlignSettings.defaults().maxNewTokens();
    @Option(names = "--k", split = ",", description = "Cutoffs (default: 5,10).")
    List<Integer> ks = List.of(5, 10);
    @Option(names = "--seed", description = "Seed of best_of_n sampling (default: ${DEFAULT-VALUE}).")
    long seed = 42;
    @Option(names = "--batch-size", description = "Test queries rewritten together by greedy decoding (default: ${DEFAULT-VALUE}).")
    int batchSize = RewriteEvaluator.Request.DEFAULT_BATCH_SIZE;

    @Option(names = "--fit-memory", description = "When the memory plan does not fit, rewrite with settings that do (bf16 where "
            + "supported, fewer tool documents, shorter rewrites) instead of refusing.")
    boolean fitMemory;
    @Option(names = "--memory-limit", paramLabel = "SIZE", description = "Plan against SIZE (e.g. 8G) instead of the device's free memory (a GPU's, or the host's).")
    String memoryLimit;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var o = spec.commandLine().getOut();
        try (Workspace w = ws.open(); Retrievers retrievers = new Retrievers(w)) {
            Path modelDir = model;
            Path adapter = adapterChoice == null ? null : adapterChoice.adapter;
            String instruction = AlignSettings.DEFAULT_INSTRUCTION;
            Long alignRun = adapterChoice == null ? null : adapterChoice.run;
            AlignedRewriter aligned = null;
            if (alignRun != null) {
                aligned = AlignedRewriter.of(new AlignStore(w).run(alignRun));
                adapter = aligned.adapter();
                instruction = aligned.instruction();
                if (modelDir == null) {
                    modelDir = aligned.modelDir();
                }
            }
            if (modelDir == null) {
                throw new IllegalArgumentException("give --model DIR (or --run RUN to use an alignment run's model and adapter)");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("--batch-size " + batchSize + ": must be at least 1");
            }
            AlignMemory.Checked checked = AlignMemory.checkRewrite(modelDir, toolDocs, maxNewTokens,
                    mode == RewriteEvaluator.Mode.best_of_n ? samples : 1, batchSize, device, dtype, AlignCommand.budget(memoryLimit, device), fitMemory);
            checked.lines().forEach(l -> System.err.println(l));
            toolDocs = checked.settings().toolDocuments();
            maxNewTokens = checked.settings().maxNewTokens();
            dtype = checked.dtype();
            if (target.query != null) {
                rewriteOne(w, retrievers, modelDir, adapter, instruction, o);
            } else {
                RewriteEvaluator.Request request = aligned != null
                        ? aligned.request(catalog, Split.parse(target.split), modelDir, device, dtype, retriever.spec(), toolDocs,
                                maxNewTokens, mode, samples, seed, ks)
                        : new RewriteEvaluator.Request(catalog, Split.parse(target.split), modelDir.toAbsolutePath().toString(),
                                adapter == null ? null : adapter.toAbsolutePath().toString(), device, dtype, retriever.spec(),
                                instruction, toolDocs, maxNewTokens, mode, samples, seed, ks, null);
                request = request.withBatchSize(checked.plan().workload().rewriteBatch());
                RewriteEvaluator.Outcome out = new RewriteEvaluator(w, retrievers).evaluate(request, new CliProgress(System.err));
                TextTable t = new TextTable("run", "queries", "S@" + ks.get(0), "S@" + ks.getLast(), "NDCG@" + ks.getLast(), "R@" + ks.getLast(), "MRR");
                for (EvalRun r : List.of(out.original(), out.rewritten(), out.fused())) {
                    t.row(r.id(), r.queries(), fmt(r, "S@" + ks.get(0)), fmt(r, "S@" + ks.getLast()), fmt(r, "NDCG@" + ks.getLast()),
                            fmt(r, "R@" + ks.getLast()), fmt(r, "MRR"));
                }
                t.print(o, 70);
                long better = out.rewrites().stream().filter(q -> q.rewriteDepth() < q.originalDepth()).count();
                long worse = out.rewrites().stream().filter(q -> q.rewriteDepth() > q.originalDepth()).count();
                o.printf("rewrites moved the last gold tool up for %d queries and down for %d of %d; compare with `runs compare %d %d`%n",
                        better, worse, out.rewrites().size(), out.original().id(), out.rewritten().id());
            }
        }
        o.flush();
        return 0;
    }

    private void rewriteOne(Workspace w, Retrievers retrievers, Path modelDir, Path adapter, String instruction, java.io.PrintWriter o)
            throws Exception {
        CatalogStore catalogs = new CatalogStore(w);
        var c = catalogs.require(catalog);
        try (Retriever r = retrievers.open(c, retriever.spec(), Progress.NONE);
             Rewriter rewriter = Rewriter.load(modelDir, LmRuntime.parse(device, dtype), instruction);
             LoraAdapter ignored = adapter == null ? null : LoraAdapter.load(rewriter.model(), adapter)) {
            List<Tool> docs = r.search(target.query, toolDocs).stream()
                    .map(h -> catalogs.tool(c.id(), h.key()).orElseThrow()).toList();
            String rewrite = rewriter.greedy(rewriter.promptIds(rewriter.promptText(target.query, docs)), maxNewTokens, Progress.NONE);
            o.println("original: " + target.query);
            o.println("rewrite:  " + rewrite);
            if (!rewrite.isBlank()) {
                o.println("top 5 for the rewrite:");
                r.search(rewrite, 5).forEach(h -> o.printf("  %d. %s (%.3f)%n", h.rank(), h.key(), h.score()));
            }
        }
    }

    private static String fmt(EvalRun r, String metric) {
        Double v = r.metrics().get(metric);
        return v == null ? "" : String.format("%.2f", v);
    }
}
