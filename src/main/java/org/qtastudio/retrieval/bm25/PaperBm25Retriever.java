package org.qtastudio.retrieval.bm25;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.qtastudio.catalog.Tool;
import org.qtastudio.retrieval.Ranking;
import org.qtastudio.retrieval.Retriever;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.TextField;
import org.qtastudio.retrieval.ToolKeys;

/**
 * A re-implementation of rank_bm25's {@code BM25Okapi} (v0.2.2) so that the MTRB paper's BM25 numbers can
 * be reproduced: tokens are the text split on whitespace with case kept (Python {@code str.split()}),
 * idf = ln(N - df + 0.5) - ln(df + 0.5), negative idfs are replaced by epsilon times the mean idf over the
 * vocabulary, and scores are accumulated in double precision in query-token order as numpy does. Small
 * catalogs only: it keeps postings in memory and is built on open.
 */
public final class PaperBm25Retriever implements Retriever {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private final RetrieverSpec.PaperBm25 spec;
    private final ToolKeys keys;
    private final Map<String, Posting> postings = new HashMap<>();
    private final double[] lengthNorm;

    /** Term statistics of one token: its idf and, per document holding it, the document and term frequency. */
    private record Posting(double idf, int[] docs, int[] freqs) {
    }

    public PaperBm25Retriever(List<Tool> tools, RetrieverSpec.PaperBm25 spec) {
        this.spec = spec;
        this.keys = ToolKeys.of(tools);
        int n = tools.size();
        Map<String, List<int[]>> byTerm = new HashMap<>();
        int[] lengths = new int[n];
        long totalLength = 0;
        for (int d = 0; d < n; d++) {
            List<String> tokens = tokens(TextField.document(tools.get(d), spec.fields()));
            lengths[d] = tokens.size();
            totalLength += tokens.size();
            Map<String, Integer> tf = new HashMap<>();
            for (String t : tokens) {
                tf.merge(t, 1, Integer::sum);
            }
            for (Map.Entry<String, Integer> e : tf.entrySet()) {
                byTerm.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new int[] {d, e.getValue()});
            }
        }
        double avgdl = n == 0 ? 0 : (double) totalLength / n;
        this.lengthNorm = new double[n];
        for (int d = 0; d < n; d++) {
            lengthNorm[d] = spec.k1() * (1 - spec.b() + spec.b() * lengths[d] / avgdl);
        }
        double idfSum = 0;
        Map<String, Double> idf = new HashMap<>();
        for (Map.Entry<String, List<int[]>> e : byTerm.entrySet()) {
            int df = e.getValue().size();
            double value = Math.log(n - df + 0.5) - Math.log(df + 0.5);
            idf.put(e.getKey(), value);
            idfSum += value;
        }
        double floor = byTerm.isEmpty() ? 0 : spec.epsilon() * idfSum / byTerm.size();
        for (Map.Entry<String, List<int[]>> e : byTerm.entrySet()) {
            double value = idf.get(e.getKey());
            List<int[]> list = e.getValue();
            int[] docs = new int[list.size()];
            int[] freqs = new int[list.size()];
            for (int i = 0; i < docs.length; i++) {
                docs[i] = list.get(i)[0];
                freqs[i] = list.get(i)[1];
            }
            postings.put(e.getKey(), new Posting(value < 0 ? floor : value, docs, freqs));
        }
    }

    /** Python's {@code str.split()}: runs of whitespace separate tokens, none are empty, case is kept. */
    static List<String> tokens(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? List.of() : List.of(WHITESPACE.split(stripped));
    }

    @Override
    public RetrieverSpec spec() {
        return spec;
    }

    @Override
    public ToolKeys tools() {
        return keys;
    }

    /** Its postings and lengths are only read after construction. */
    @Override
    public boolean threadSafe() {
        return true;
    }

    @Override
    public Ranking rank(String query) {
        double[] scores = new double[keys.size()];
        double k1 = spec.k1();
        for (String token : tokens(Retriever.requireQuery(query))) {
            Posting p = postings.get(token);
            if (p == null) {
                continue;
            }
            for (int i = 0; i < p.docs.length; i++) {
                int d = p.docs[i];
                double tf = p.freqs[i];
                scores[d] += p.idf * (tf * (k1 + 1) / (tf + lengthNorm[d]));
            }
        }
        return Ranking.byScore(keys, scores);
    }
}
