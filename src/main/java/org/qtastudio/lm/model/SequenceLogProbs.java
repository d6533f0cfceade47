package org.qtastudio.lm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Summed log-probability of each completion given its prompt, {@code sum_t log p(c_t | prompt, c_<t)}: the
 * quantity DPO compares. One right-padded batched forward; the result stays in the autograd graph, so calling
 * it inside a gradient collector with a LoRA adapter on gives gradients for the adapter.
 */
public final class SequenceLogProbs {

    private SequenceLogProbs() {
    }

    /**
     * @param out manager the result belongs to
     * @param prompts prompt token ids, one per row (non-empty)
     * @param completions completion token ids, one per row (non-empty)
     * @return {@code [N]} F32 summed log-probs
     */
    public static NDArray compute(CausalLm model, NDManager out, List<int[]> prompts, List<int[]> completions) {
        int n = prompts.size();
        if (completions.size() != n) {
            throw new IllegalArgumentException(n + " prompts but " + completions.size() + " completions");
        }
        int len = 0;
        int minPrompt = Integer.MAX_VALUE;
        for (int r = 0; r < n; r++) {
            if (prompts.get(r).length == 0 || completions.get(r).length == 0) {
                throw new IllegalArgumentException("row " + r + ": prompt and completion must both be non-empty");
            }
            len = Math.max(len, prompts.get(r).length + completions.get(r).length);
            minPrompt = Math.min(minPrompt, prompts.get(r).length);
        }
        int from = minPrompt - 1;
        int span = len - 1 - from;
        int[][] tokens = new int[n][len];
        int[][] mask = new int[n][len];
        long[] targets = new long[n * span];
        float[] weight = new float[n * span];
        for (int r = 0; r < n; r++) {
            int[] p = prompts.get(r);
            int[] c = completions.get(r);
            System.arraycopy(p, 0, tokens[r], 0, p.length);
            System.arraycopy(c, 0, tokens[r], p.length, c.length);
            for (int j = 0; j < p.length + c.length; j++) {
                mask[r][j] = 1;
            }
            // logits at position j predict token j + 1; completion tokens sit at p.length .. p.length+c.length-1
            for (int j = from; j < len - 1; j++) {
                int k = r * span + j - from;
                targets[k] = tokens[r][j + 1];
                weight[k] = j + 1 >= p.length && j + 1 < p.length + c.length ? 1f : 0f;
            }
        }
        if (model.recordsGradients()) {
            // the backward pass runs after this returns and reads the index and the weights, arrays DJL made from
            // Java memory that the JVM frees once they are closed and collected: they live until `out` closes
            return pick(model, out, tokens, mask, from, targets, weight, n, span);
        }
        try (NDManager tmp = out.newSubManager(model.runtime().device())) {
            NDArray sum = pick(model, tmp, tokens, mask, from, targets, weight, n, span);
            sum.attach(out);
            return sum;
        }
    }

    private static NDArray pick(CausalLm model, NDManager m, int[][] tokens, int[][] mask, int from, long[] targets,
                                float[] weight, int n, int span) {
        NDArray logp = model.forward(m, tokens, mask, null, from).logSoftmax(2);
        NDArray picked = logp.gather(m.create(targets, new Shape(n, span, 1)), 2).reshape(n, span);
        return picked.mul(m.create(weight, new Shape(n, span))).sum(new int[] {1}).toType(DataType.FLOAT32, false);
    }

    /** Convenience without gradients: the summed log-probs as Java numbers. */
    public static double[] score(CausalLm model, List<int[]> prompts, List<int[]> completions) {
        try (NDManager m = model.manager().newSubManager()) {
            float[] v = compute(model, m, prompts, completions).toFloatArray();
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            return d;
        }
    }
}
