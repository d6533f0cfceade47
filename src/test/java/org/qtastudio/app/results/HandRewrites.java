package org.qtastudio.app.results;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.qtastudio.align.RewriteEvaluationStore;
import org.qtastudio.align.RewriteEvaluator;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.common.Progress;
import org.qtastudio.eval.EvalResult;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.eval.EvalRunStore;
import org.qtastudio.eval.EvalService;
import org.qtastudio.eval.Evaluator;
import org.qtastudio.retrieval.Retriever;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;

/**
 * A rewrite evaluation made without an LM, for the screens that show one: BM25 on a catalog's labelled queries as
 * written (the original run) and on hand-made rewrites, each query followed by its first gold tool's name (which
 * helps many), and paper-compatible BM25 standing in for the fusion run; the three stored and linked as
 * {@code qta-studio rewrite} links them.
 */
public final class HandRewrites {

    private static final List<Integer> KS = List.of(5, 10);

    private HandRewrites() {
    }

    /** The stored runs and the link's id. */
    public record Stored(long id, EvalRun original, EvalRun rewritten, EvalRun fused) {
    }

    /** Evaluates and links the three runs on {@code catalogName}'s labelled queries. */
    public static Stored store(Workspace workspace, String catalogName) {
        CatalogStore catalogs = new CatalogStore(workspace);
        Catalog catalog = catalogs.require(catalogName);
        Map<String, Tool> tools = catalogs.tools(catalog.id()).stream().collect(Collectors.toMap(Tool::key, Function.identity()));
        List<UserQuery> rewrites = catalogs.queries(catalog.id(), null).stream().filter(q -> !q.gold().isEmpty())
                .map(q -> new UserQuery(q.key(), q.text() + " " + tools.get(q.gold().getFirst()).name(), q.split(), q.gold())).toList();
        try (Retrievers retrievers = new Retrievers(workspace)) {
            EvalService service = new EvalService(workspace, retrievers);
            EvalRun original = service.evaluate(catalogName, null, RetrieverSpec.Bm25.defaults(), KS, Progress.NONE).run();
            EvalResult result;
            try (Retriever bm25 = retrievers.open(catalog, RetrieverSpec.Bm25.defaults(), Progress.NONE)) {
                result = Evaluator.evaluate(bm25, rewrites, KS, 0, Progress.NONE);
            }
            EvalRun rewritten = new EvalRunStore(workspace).save(catalog, null, catalogs.toolsFingerprint(catalog.id()), result,
                    "rewrites by test");
            EvalRun fused = service.evaluate(catalogName, null, RetrieverSpec.PaperBm25.defaults(), KS, Progress.NONE).run();
            long id = new RewriteEvaluationStore(workspace).link(null, null, RewriteEvaluator.Mode.greedy, original, rewritten, fused);
            return new Stored(id, original, rewritten, fused);
        }
    }
}
