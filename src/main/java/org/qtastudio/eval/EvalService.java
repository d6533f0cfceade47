package org.qtastudio.eval;

import java.util.List;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.common.Progress;
import org.qtastudio.retrieval.Retriever;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.store.Workspace;

/** The evaluate use case shared by the GUI, the CLI and the MTRB regression: open, rank, measure, store. */
public final class EvalService {

    private final CatalogStore catalogs;
    private final Retrievers retrievers;
    private final EvalRunStore runs;

    /** Uses (and does not close) {@code retrievers}, so loaded models are shared across evaluations. */
    public EvalService(Workspace workspace, Retrievers retrievers) {
        this.catalogs = new CatalogStore(workspace);
        this.retrievers = retrievers;
        this.runs = new EvalRunStore(workspace);
    }

    /** A run, what the retriever had to say while it ran, and which queries' gold was scored how. */
    public record Outcome(EvalRun run, EvalResult result, GoldCoverage coverage) {
    }

    /** {@link #evaluate(String, Split, RetrieverSpec, List, boolean, Progress)} scoring queries with some unresolved gold. */
    public Outcome evaluate(String catalogName, Split split, RetrieverSpec spec, List<Integer> ks, Progress progress) {
        return evaluate(catalogName, split, spec, ks, false, progress);
    }

    /**
     * Evaluates {@code spec} on the queries of a catalog's split (null: all queries) and stores the run.
     *
     * @param excludeUnresolved leave out queries with any unresolved gold, not only those whose gold is all unresolved
     * @throws IllegalArgumentException when the catalog is unknown or has no tools or no labelled queries
     */
    public Outcome evaluate(String catalogName, Split split, RetrieverSpec spec, List<Integer> ks, boolean excludeUnresolved,
                            Progress progress) {
        Catalog catalog = catalogs.require(catalogName);
        List<UserQuery> all = catalogs.queries(catalog.id(), split);
        GoldCoverage coverage = GoldCoverage.of(all, excludeUnresolved);
        List<UserQuery> queries = coverage.scored(all);
        if (queries.stream().allMatch(q -> q.gold().isEmpty())) {
            throw new IllegalArgumentException("catalog '" + catalogName + "' has no queries with gold tools to score"
                    + (split == null ? "" : " in split " + split.id()) + " (" + queries.size() + " queries: " + coverage.withoutGold()
                    + " without gold, " + coverage.withUnresolved() + " with unresolved gold)");
        }
        Evaluator.checkCutoffs(ks);
        String fingerprint = catalogs.toolsFingerprint(catalog.id());
        long start = System.nanoTime();
        EvalResult result;
        try (Retriever retriever = retrievers.open(catalog, spec, progress)) {
            long openMillis = (System.nanoTime() - start) / 1_000_000;
            result = Evaluator.evaluate(retriever, queries, ks, openMillis, progress);
        }
        return new Outcome(runs.save(catalog, split == null ? null : split.id(), fingerprint, result), result, coverage);
    }

    public EvalRunStore runs() {
        return runs;
    }
}
