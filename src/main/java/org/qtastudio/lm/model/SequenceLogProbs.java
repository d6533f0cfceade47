package org.qtastudio.lm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.List;

/**
 * Summed log-probability of each completion given its prompt, {@code sum_t log p(c_t | prompt, c_<t)}: the
 * quantity DPO compares. One right-padded batched forward; the result stays in the autograd graph, so calling
 * it inside a gradient collector with a LoRA adapter on gives gradients for the adapter.
 *
 * <p>Memory: the output head runs on the completion positions only, a chunk of positions at a time, so that no
 * {@code [T, vocab]} logits exist for the prompt and, without gradients, none for more than a chunk. Preference
 * pairs ({@link #pairs}) share their prompt: one row {@code prompt ‖ chosen ‖ rejected} in which rejected sees
 * the prompt and itself only.
 */
public final class SequenceLogProbs {

    /** Positions whose logits exist at once: 128 × a 151,669-token vocabulary is 78 MB in F32. */
    static final int CHUNK = 128;

    private SequenceLogProbs() {
    }

    /** Summed log-probs and the way to backpropagate through them. */
    public static final class Result {
        private final NDArray values;
        private final CausalLm.Hidden hidden;

        private Result(NDArray values, CausalLm.Hidden hidden) {
            this.values = values;
            this.hidden = hidden;
        }

        /** {@code [N]} F32 summed log-probs. */
        public NDArray values() {
            return values;
        }

        /** Backpropagates a scalar computed from {@link #values} (through recomputed layers when checkpointed). */
        public void backward(GradientCollector gc, NDArray objective) {
            hidden.backward(gc, objective);
        }
    }

    /**
     * @param out manager the result belongs to
     * @param prompts prompt token ids, one per row (non-empty)
     * @param completions completion token ids, one per row (non-empty)
     * @return {@code [N]} F32 summed log-probs; never checkpointed, so {@code gc.backward} on it is complete
     */
    public static NDArray compute(CausalLm model, NDManager out, List<int[]> prompts, List<int[]> completions) {
        if (completions.size() != prompts.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but " + completions.size() + " completions");
        }
        int[][][] branches = new int[prompts.size()][][];
        for (int r = 0; r < branches.length; r++) {
            branches[r] = new int[][] {completions.get(r)};
        }
        return run(model, out, prompts, branches, false, CHUNK).values();
    }

    /**
     * Log-probs of preference pairs, each prompt computed once for both of its completions; checkpointed when the
     * model says so ({@link CausalLm#activationCheckpointing}).
     *
     * @return {@code [2n]}: the chosen completions' log-probs, then the rejected ones'
     */
    public static Result pairs(CausalLm model, NDManager out, List<int[]> prompts, List<int[]> chosen,
            List<int[]> rejected) {
        return pairs(model, out, prompts, chosen, rejected, CHUNK);
    }

    static Result pairs(CausalLm model, NDManager out, List<int[]> prompts, List<int[]> chosen, List<int[]> rejected,
            int chunk) {
        if (chosen.size() != prompts.size() || rejected.size() != prompts.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts, " + chosen.size() + " chosen and "
                    + rejected.size() + " rejected completions");
        }
        int[][][] branches = new int[prompts.size()][][];
        for (int r = 0; r < branches.length; r++) {
            branches[r] = new int[][] {chosen.get(r), rejected.get(r)};
        }
        return run(model, out, prompts, branches, model.activationCheckpointing(), chunk);
    }

    /** Without gradients, the pairs' log-probs as Java numbers: {@code [pair][0 = chosen, 1 = rejected]}. */
    public static double[][] scorePairs(CausalLm model, List<int[]> prompts, List<int[]> chosen, List<int[]> rejected) {
        try (NDManager m = model.manager().newSubManager()) {
            float[] v = pairs(model, m, prompts, chosen, rejected).values().toFloatArray();
            int n = prompts.size();
            double[][] d = new double[n][2];
            for (int i = 0; i < n; i++) {
                d[i][0] = v[i];
                d[i][1] = v[n + i];
            }
            return d;
        }
    }

    /**
     * One row per prompt, {@code prompt ‖ branch 1 ‖ branch 2 …}, each branch seeing the prompt and itself.
     * Result order: every row's first branch, then every row's second, and so on.
     */
    static Result run(CausalLm model, NDManager out, List<int[]> prompts, int[][][] branches, boolean checkpoint,
            int chunk) {
        int n = prompts.size();
        int perRow = branches[0].length;
        int len = 0;
        int longest = 0;
        for (int r = 0; r < n; r++) {
            if (branches[r].length != perRow) {
                throw new IllegalArgumentException("rows differ in their number of completions");
            }
            int total = prompts.get(r).length;
            if (total == 0) {
                throw new IllegalArgumentException("row " + r + ": prompt and completion must both be non-empty");
            }
            for (int[] c : branches[r]) {
                if (c.length == 0) {
                    throw new IllegalArgumentException("row " + r + ": prompt and completion must both be non-empty");
                }
                total += c.length;
                longest = Math.max(longest, c.length);
            }
            len = Math.max(len, total);
        }
        int sequences = n * perRow;
        int[][] tokens = new int[n][len];
        int[][] segments = new int[n][len];
        // sequence q = k * n + r (branch k of row r); its i-th token is predicted at flat position rows[q*longest+i]
        long[] rows = new long[sequences * longest];
        long[] targets = new long[sequences * longest];
        float[] weight = new float[sequences * longest];
        for (int r = 0; r < n; r++) {
            int[] p = prompts.get(r);
            System.arraycopy(p, 0, tokens[r], 0, p.length);
            Arrays.fill(segments[r], 0, p.length, 1);
            int at = p.length;
            for (int k = 0; k < perRow; k++) {
                int[] c = branches[r][k];
                System.arraycopy(c, 0, tokens[r], at, c.length);
                Arrays.fill(segments[r], at, at + c.length, k + 2);
                int base = (k * n + r) * longest;
                for (int i = 0; i < c.length; i++) {
                    int predictor = i == 0 ? p.length - 1 : at + i - 1;
                    rows[base + i] = (long) r * len + predictor;
                    targets[base + i] = c[i];
                    weight[base + i] = 1f;
                }
                at += c.length;
            }
        }
        long[] positions = AttentionMasks.segmentPositions(segments);
        float[] bias = AttentionMasks.segmentBias(segments, model.config().slidingWindow());
        if (model.recordsGradients()) {
            // the backward pass runs after this returns and reads the index and the weights, arrays DJL made from
            // Java memory that the JVM frees once they are closed and collected: they live until `out` closes
            CausalLm.Hidden hidden = model.hidden(out, tokens, positions, bias, rows, checkpoint);
            return new Result(sum(model, out, hidden.states(), targets, weight, sequences, longest, chunk), hidden);
        }
        try (NDManager tmp = out.newSubManager(model.runtime().device())) {
            CausalLm.Hidden hidden = model.hidden(tmp, tokens, positions, bias, rows, false);
            NDArray values = sum(model, tmp, hidden.states(), targets, weight, sequences, longest, chunk);
            values.attach(out);
            return new Result(values, hidden);
        }
    }

    /** Per sequence, the summed log-probs of its targets, the output head run {@code chunk} positions at a time. */
    private static NDArray sum(CausalLm model, NDManager m, NDArray states, long[] targets, float[] weight,
            int sequences, int longest, int chunk) {
        int total = targets.length;
        NDArray index = m.create(targets, new Shape(total, 1));
        NDList picked = new NDList();
        boolean grad = model.recordsGradients();
        for (int from = 0; from < total; from += chunk) {
            int to = Math.min(total, from + chunk);
            if (grad) {
                picked.add(pick(model, states, index, from, to));
                continue;
            }
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning(); // frees the chunk's logits before the next chunk
                NDArray p = pick(model, states, index, from, to);
                NDScope.unregister(p);
                picked.add(p);
            }
        }
        NDArray all = picked.size() == 1 ? picked.singletonOrThrow() : NDArrays.concat(picked);
        return all.reshape(sequences, longest).mul(m.create(weight, new Shape(sequences, longest))).sum(new int[] {1});
    }

    private static NDArray pick(CausalLm model, NDArray states, NDArray index, int from, int to) {
        String range = from + ":" + to;
        NDArray logp = model.logits(states.get(range)).logSoftmax(1);
        return logp.gather(index.get(range), 1).reshape(to - from);
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
