package org.qtastudio.app.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.eval.EvalRunStore;
import org.qtastudio.eval.Metric;
import org.qtastudio.eval.PairedRandomizationTest;
import org.qtastudio.eval.QueryRecord;
import org.qtastudio.eval.MetricComparison;
import org.qtastudio.retrieval.TextField;

/**
 * A "before" run against an "after" run of the same queries, as the Results screen shows it: one
 * {@link MetricComparison} per metric both runs report (A = after, so wins are queries the after run does
 * better) and the queries both runs evaluated, in the before run's order.
 *
 * @param metrics S@k, NDCG@k, R@k for the cutoffs both runs used, then MRR
 */
public record BeforeAfter(EvalRun before, EvalRun after, List<MetricComparison> metrics, List<QueryChange> queries) {

    /** Every field of a tool: the words highlighted are those of the tool as the user reads it in the catalog. */
    private static final List<TextField> DOCUMENT = List.of(TextField.values());

    public BeforeAfter {
        metrics = List.copyOf(metrics);
        queries = List.copyOf(queries);
    }

    /**
     * Reads both runs and compares them; slow enough (database, randomization tests) to belong off the FX thread.
     *
     * @throws IllegalArgumentException when the runs share no query
     */
    public static BeforeAfter load(EvalRunStore runs, CatalogStore catalogs, EvalRun before, EvalRun after) {
        List<QueryRecord> beforeRecords = runs.records(before.id());
        List<QueryRecord> afterRecords = runs.records(after.id());
        List<Integer> ks = new ArrayList<>(before.ks());
        ks.retainAll(after.ks());
        List<MetricComparison> metrics = Metric.standard(ks).stream().map(m -> MetricComparison.compare(afterRecords, beforeRecords, m,
                PairedRandomizationTest.DEFAULT_ITERATIONS, PairedRandomizationTest.DEFAULT_SEED)).toList();

        Map<String, QueryRecord> afterByKey = new LinkedHashMap<>();
        afterRecords.forEach(r -> afterByKey.put(r.key(), r));
        Optional<Catalog> catalog = catalogs.find(before.catalogName());
        Map<String, String> documents = new HashMap<>();
        boolean rewriteRun = isRewrite(before) != isRewrite(after);
        List<QueryChange> queries = new ArrayList<>();
        for (QueryRecord b : beforeRecords) {
            QueryRecord a = afterByKey.get(b.key());
            if (a == null) {
                continue;
            }
            List<String> gold = b.gold().stream().map(key -> documents.computeIfAbsent(key, k -> catalog
                    .flatMap(c -> catalogs.tool(c.id(), k)).map(t -> TextField.document(t, DOCUMENT)).orElse(""))).toList();
            SharedWords words = SharedWords.of(gold);
            queries.add(new QueryChange(b.key(), b.gold(), b.text(), a.text(), b.sufficientDepth(), a.sufficientDepth(),
                    words.segments(b.text()), words.segments(a.text()), rewriteRun && a.text().equals(b.text())));
        }
        return new BeforeAfter(before, after, metrics, queries);
    }

    /** Whether a run ranked rewrites (a rewrite evaluation's "rewrites by …" run), not the queries as written. */
    static boolean isRewrite(EvalRun run) {
        return run.queries() != null && run.queries().startsWith("rewrites by");
    }

    /** How many queries' rewrites fell back to the original query (see {@link QueryChange#fallback()}). */
    public long fallbacks() {
        return queries.stream().filter(QueryChange::fallback).count();
    }

    /** How many queries changed that way. */
    public long count(Change change) {
        return queries.stream().filter(q -> q.change() == change).count();
    }
}
