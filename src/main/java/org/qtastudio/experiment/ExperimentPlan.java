package org.qtastudio.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.qtastudio.align.AlignSettings;
import org.qtastudio.align.QtaAligner;
import org.qtastudio.align.RewriteEvaluator;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.retrieval.RetrieverSpec;

/**
 * Expands an {@link ExperimentSpec} into its queue of cells, in the order they run: grid point by grid point, seed
 * by seed. Training queries are drawn once per seed (a seeded shuffle of the train split's keys), so with one seed
 * the smaller training sets are prefixes of the larger ones and only the size differs between points.
 */
public final class ExperimentPlan {

    /** Cut-offs of every evaluation: S@5, S@10, NDCG@10, R@10 and MRR are reported. */
    public static final List<Integer> KS = List.of(5, 10);

    private ExperimentPlan() {
    }

    public static List<CellPlan> cells(ExperimentSpec spec, CatalogStore catalogs) {
        List<CellPlan> out = new ArrayList<>();
        String model = spec.models().get(0);
        RetrieverSpec retriever = spec.retrievers().get(0);
        switch (spec.kind()) {
            case data_efficiency -> {
                String catalog = spec.catalogs().get(0);
                List<String> keys = trainKeys(catalogs, catalog);
                for (int size : spec.sizes()) {
                    if (size > keys.size()) {
                        throw new IllegalArgumentException("--sizes: catalog '" + catalog + "' has " + keys.size()
                                + " train queries with gold tools, fewer than the size " + size + "; annotate or split more");
                    }
                    if (size == 0) {
                        // greedy rewriting by the base model does not depend on the seed: one cell stands for all
                        out.add(base("size=0", spec.seeds().get(0), spec, catalog, model, retriever));
                        continue;
                    }
                    for (long seed : spec.seeds()) {
                        out.add(aligned("size=" + size, seed, spec, catalog, catalog, model, retriever, spec.settings(),
                                draw(keys, size, seed)));
                    }
                }
            }
            case transfer -> {
                for (String test : spec.catalogs()) {
                    out.add(base("train=none test=" + test, spec.seeds().get(0), spec, test, model, retriever));
                }
                for (String train : spec.catalogs()) {
                    trainKeys(catalogs, train);
                    for (String test : spec.catalogs()) {
                        for (long seed : spec.seeds()) {
                            out.add(aligned("train=" + train + " test=" + test, seed, spec, train, test, model, retriever,
                                    spec.settings(), null));
                        }
                    }
                }
            }
            case backbones -> {
                String catalog = spec.catalogs().get(0);
                trainKeys(catalogs, catalog);
                for (String m : spec.models()) {
                    for (long seed : spec.seeds()) {
                        out.add(aligned("model=" + Path.of(m).getFileName(), seed, spec, catalog, catalog, m, retriever,
                                spec.settings(), null));
                    }
                }
            }
            case settings -> {
                String catalog = spec.catalogs().get(0);
                trainKeys(catalogs, catalog);
                if ("retriever".equals(spec.setting())) {
                    for (RetrieverSpec r : spec.retrievers()) {
                        for (long seed : spec.seeds()) {
                            out.add(aligned("retriever=" + r.describe(), seed, spec, catalog, catalog, model, r, spec.settings(), null));
                        }
                    }
                } else {
                    for (String value : spec.values()) {
                        AlignSettings s = SettingGrid.apply(spec.settings(), spec.setting(), value);
                        for (long seed : spec.seeds()) {
                            out.add(aligned(spec.setting() + "=" + value.strip(), seed, spec, catalog, catalog, model, retriever, s, null));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The first {@code size} keys of a shuffle of {@code keys} seeded by {@code seed}. */
    static List<String> draw(List<String> keys, int size, long seed) {
        List<String> shuffled = new ArrayList<>(keys);
        Collections.shuffle(shuffled, new Random(seed));
        return List.copyOf(shuffled.subList(0, size));
    }

    /** Keys of the catalog's train queries with gold tools, sorted; refuses a catalog without any. */
    private static List<String> trainKeys(CatalogStore catalogs, String catalog) {
        List<String> keys = catalogs.queries(catalogs.require(catalog).id(), Split.TRAIN).stream()
                .filter(q -> !q.gold().isEmpty()).map(UserQuery::key).sorted(Comparator.naturalOrder()).toList();
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("catalog '" + catalog + "' has no train queries with gold tools; annotate a few "
                    + "or assign some with 'qta-studio split'");
        }
        return keys;
    }

    private static CellPlan base(String point, long seed, ExperimentSpec spec, String test, String model, RetrieverSpec retriever) {
        return new CellPlan(point, seed, null, evaluation(spec, test, model, retriever, spec.settings(), seed));
    }

    private static CellPlan aligned(String point, long seed, ExperimentSpec spec, String train, String test, String model,
                                    RetrieverSpec retriever, AlignSettings settings, List<String> trainQueries) {
        AlignSettings seeded = withSeed(settings, seed);
        QtaAligner.Request align = new QtaAligner.Request(train, Split.TRAIN, model, spec.device(), spec.dtype(), retriever,
                seeded, trainQueries);
        return new CellPlan(point, seed, align, evaluation(spec, test, model, retriever, seeded, seed));
    }

    private static RewriteEvaluator.Request evaluation(ExperimentSpec spec, String test, String model, RetrieverSpec retriever,
                                                       AlignSettings s, long seed) {
        return new RewriteEvaluator.Request(test, Split.TEST, model, null, spec.device(), spec.dtype(), retriever, s.instruction(),
                s.toolDocuments(), s.maxNewTokens(), RewriteEvaluator.Mode.greedy, s.samples(), seed, KS, null, spec.batchSize());
    }

    private static AlignSettings withSeed(AlignSettings s, long seed) {
        return new AlignSettings(s.instruction(), s.toolDocuments(), s.randomToolDocuments(), s.samples(), s.temperature(), s.topP(),
                s.maxNewTokens(), seed, s.rankingFunction(), s.beta(), s.sftWeight(), s.learningRate(), s.epochs(), s.batchSize(),
                s.gradientAccumulation(), s.maxGradNorm(), s.warmupRatio(), s.loraRank(), s.loraAlpha(), s.loraDropout(),
                s.targetModules(), s.rounds(), s.requireReview());
    }
}
