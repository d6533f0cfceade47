package org.qtastudio.retrieval;

import java.util.ArrayList;
import java.util.List;
import org.qtastudio.common.Progress;

/**
 * Reciprocal rank fusion of two retrievers over the same catalog: a tool scores 1/(k + r1) + 1/(k + r2)
 * from its 1-based ranks in both rankings (a ranking that did not return it adds nothing). It needs no score
 * calibration, which is why it combines a lexical and a dense ranking well. Closing it closes both inputs.
 */
public final class FusionRetriever implements Retriever {

    private final RetrieverSpec.Hybrid spec;
    private final Retriever first;
    private final Retriever second;

    public FusionRetriever(RetrieverSpec.Hybrid spec, Retriever first, Retriever second) {
        if (!first.tools().asList().equals(second.tools().asList())) {
            throw new IllegalArgumentException("fusion needs two retrievers over the same catalog");
        }
        this.spec = spec;
        this.first = first;
        this.second = second;
    }

    /**
     * Fuses two rankings of one catalog with the constant {@code k}. A tool that a partial ranking did not return
     * gains nothing from it, so the fusion of two partial rankings returns the tools either returned.
     */
    public static Ranking fuse(Ranking a, Ranking b, int k) {
        double[] scores = new double[a.size()];
        for (int tool = 0; tool < scores.length; tool++) {
            scores[tool] = reciprocal(a.rankOfTool(tool), k) + reciprocal(b.rankOfTool(tool), k);
        }
        return Ranking.byScore(a.keys(), scores).positiveOnly();
    }

    private static double reciprocal(int rank, int k) {
        return rank == Ranking.NOT_RETURNED ? 0 : 1.0 / (k + rank);
    }

    @Override
    public RetrieverSpec spec() {
        return spec;
    }

    @Override
    public ToolKeys tools() {
        return first.tools();
    }

    @Override
    public Ranking rank(String query) {
        return fuse(first.rank(query), second.rank(query), spec.k());
    }

    @Override
    public List<Ranking> rankAll(List<String> queries, Progress progress) {
        List<Ranking> a = first.rankAll(queries, progress);
        List<Ranking> b = second.rankAll(queries, progress);
        List<Ranking> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            out.add(fuse(a.get(i), b.get(i), spec.k()));
        }
        return out;
    }

    @Override
    public boolean threadSafe() {
        return first.threadSafe() && second.threadSafe();
    }

    @Override
    public List<String> warnings() {
        List<String> out = new ArrayList<>(first.warnings());
        out.addAll(second.warnings());
        return out;
    }

    @Override
    public void close() {
        try {
            first.close();
        } finally {
            second.close();
        }
    }
}
