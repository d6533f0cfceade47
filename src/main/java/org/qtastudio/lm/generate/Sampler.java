package org.qtastudio.lm.generate;

import java.util.Arrays;
import java.util.Random;

/**
 * Picks the next token from one row of logits on the Java side: argmax for temperature 0, otherwise
 * temperature, then top-k, then top-p (nucleus) filtering as Hugging Face's logits warpers do, then a draw.
 */
final class Sampler {

    private Sampler() {
    }

    static int pick(float[] logits, int offset, int vocab, GenerationSettings s, Random rng) {
        if (s.temperature() == 0) {
            int best = 0;
            for (int i = 1; i < vocab; i++) {
                if (logits[offset + i] > logits[offset + best]) {
                    best = i;
                }
            }
            return best;
        }
        double inv = 1.0 / s.temperature();
        boolean filter = (s.topK() > 0 && s.topK() < vocab) || s.topP() < 1;
        int[] ids;
        if (filter) {
            // sort by logit, descending: keys pack order-preserving float bits above the index
            long[] keys = new long[vocab];
            for (int i = 0; i < vocab; i++) {
                int bits = Float.floatToIntBits(logits[offset + i]);
                int sortable = bits >= 0 ? bits : bits ^ 0x7fffffff;
                keys[i] = ((long) sortable << 32) | (vocab - 1 - i);
            }
            Arrays.sort(keys);
            int keep = s.topK() > 0 ? Math.min(s.topK(), vocab) : vocab;
            ids = new int[keep];
            for (int j = 0; j < keep; j++) {
                ids[j] = vocab - 1 - (int) keys[vocab - 1 - j];
            }
        } else {
            ids = new int[vocab];
            for (int i = 0; i < vocab; i++) {
                ids[i] = i;
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int id : ids) {
            max = Math.max(max, logits[offset + id] * inv);
        }
        double[] p = new double[ids.length];
        double total = 0;
        for (int j = 0; j < ids.length; j++) {
            p[j] = Math.exp(logits[offset + ids[j]] * inv - max);
            total += p[j];
        }
        int n = ids.length;
        if (s.topP() < 1) {
            double cum = 0;
            for (int j = 0; j < ids.length; j++) {
                cum += p[j] / total;
                if (cum >= s.topP()) {
                    n = j + 1;
                    break;
                }
            }
            total = 0;
            for (int j = 0; j < n; j++) {
                total += p[j];
            }
        }
        double u = rng.nextDouble() * total;
        for (int j = 0; j < n; j++) {
            u -= p[j];
            if (u < 0) {
                return ids[j];
            }
        }
        return ids[n - 1];
    }
}
