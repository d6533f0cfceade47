package org.qtastudio.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.qtastudio.catalog.Tool;

/**
 * A generated tool catalog for scale benchmarks: REST-like tools whose descriptions are drawn from a
 * Zipf-distributed vocabulary of pronounceable made-up words, so term statistics resemble real text
 * (a few very common words, a long tail) and no data set is needed. Deterministic for a seed.
 */
public final class SyntheticCatalog {

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "ta", "vo", "si", "de", "ga", "po", "li",
        "an", "er", "in", "or", "us", "te", "ba", "zu", "fe", "mo", "ci", "ha"};
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};

    private final String[] vocabulary;
    private final double[] cumulative;
    private final SplittableRandom random;

    public SyntheticCatalog(int vocabularySize, long seed) {
        this.random = new SplittableRandom(seed);
        this.vocabulary = new String[vocabularySize];
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < vocabularySize; ) {
            StringBuilder w = new StringBuilder();
            int syllables = 1 + random.nextInt(4);
            for (int s = 0; s < syllables; s++) {
                w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            if (seen.add(w.toString())) {
                vocabulary[i++] = w.toString();
            }
        }
        this.cumulative = new double[vocabularySize];
        double sum = 0;
        for (int i = 0; i < vocabularySize; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        for (int i = 0; i < vocabularySize; i++) {
            cumulative[i] /= sum;
        }
    }

    /** A Zipf-distributed word. */
    public String word() {
        int i = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
        return vocabulary[Math.min(vocabulary.length - 1, i < 0 ? -i - 1 : i)];
    }

    /** Words joined by spaces, between {@code min} and {@code max} of them. */
    public String text(int min, int max) {
        int n = min + random.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(word());
        }
        return sb.toString();
    }

    /** {@code count} tools with unique keys such as {@code GET /kalo/{id}/mine/17}. */
    public List<Tool> tools(int count) {
        List<Tool> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String method = METHODS[random.nextInt(METHODS.length)];
            String path = "/" + word() + "/{id}/" + word() + "/" + i;
            out.add(new Tool(method + " " + path, path, text(10, 40), method, path, List.of(), null, List.of(), "synthetic", null));
        }
        return out;
    }
}
