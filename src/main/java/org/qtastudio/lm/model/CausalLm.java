package org.qtastudio.lm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qtastudio.lm.safetensors.SafetensorsException;
import org.qtastudio.lm.safetensors.WeightFolder;

/**
 * A decoder-only causal LM (Llama, Mistral, Qwen2, Qwen3) written from DJL NDArray ops, following the Hugging
 * Face formulas: RMSNorm, RoPE, grouped-query attention with an optional KV cache, SwiGLU MLP. DJL has no such
 * block, and its {@code TextGenerator} is GPT-2 only. Weights are frozen; training goes through a
 * {@link ProjectionAdapter} (LoRA).
 */
public final class CausalLm implements AutoCloseable {

    private final Path dir;
    private final ModelConfig config;
    private final LmRuntime runtime;
    private final NDManager manager;
    private final Map<String, NDArray> weights;
    private final NDArray invFreq;
    private final LayerWeights[] layers;
    // scalars made once: a number operand costs DJL an array from Java memory per operation, per layer, per step
    private final NDArray eps;
    private final NDArray attentionScale;
    private ProjectionAdapter adapter;

    private CausalLm(Path dir, ModelConfig config, LmRuntime runtime, NDManager manager,
            Map<String, NDArray> weights) {
        this.dir = dir;
        this.config = config;
        this.runtime = runtime;
        this.manager = manager;
        this.weights = weights;
        this.invFreq = manager.create(config.ropeScaling().inverseFrequencies(config.ropeTheta(), config.headDim()));
        this.layers = LayerWeights.of(config, weights);
        this.eps = manager.create((float) config.rmsNormEps());
        this.attentionScale = manager.create((float) (1.0 / Math.sqrt(config.headDim())));
    }

    /** Loads {@code config.json} and the safetensors weights of a Hugging Face model folder. */
    public static CausalLm load(Path dir, LmRuntime runtime) throws IOException {
        ModelConfig config = ModelConfig.read(dir);
        Map<String, long[]> required = WeightLayout.required(config);
        NDManager manager = NDManager.newBaseManager(runtime.device(), "PyTorch");
        LmRuntime.applyThreads(config, runtime.device());
        Map<String, NDArray> weights = new LinkedHashMap<>();
        try (WeightFolder folder = WeightFolder.open(dir)) {
            for (Map.Entry<String, long[]> e : required.entrySet()) {
                if (!folder.contains(e.getKey())) {
                    throw new SafetensorsException(dir + ": the weights have no tensor '" + e.getKey() + "', which "
                            + config.architecture().hfName() + " with this config.json needs");
                }
                weights.put(e.getKey(), read(folder, e.getKey(), e.getValue(), manager, runtime));
            }
            for (String module : WeightLayout.projections(config).keySet()) {
                String bias = module + ".bias";
                if (folder.contains(bias)) {
                    long out = required.get(module + ".weight")[0];
                    weights.put(bias, read(folder, bias, new long[] {out}, manager, runtime));
                }
            }
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
        return new CausalLm(dir, config, runtime, manager, Collections.unmodifiableMap(weights));
    }

    private static NDArray read(WeightFolder folder, String name, long[] shape, NDManager manager, LmRuntime rt)
            throws IOException {
        long[] actual = folder.shape(name);
        if (!Arrays.equals(actual, shape)) {
            throw new SafetensorsException(folder.dir() + ": tensor '" + name + "' has shape "
                    + Arrays.toString(actual) + " but config.json implies " + Arrays.toString(shape));
        }
        NDArray a = manager.create(folder.readFloats(name), new Shape(shape));
        if (rt.dtype() != DataType.FLOAT32) {
            NDArray cast = rt.toCompute(a);
            a.close();
            a = cast;
        }
        return a;
    }

    public Path dir() {
        return dir;
    }

    public ModelConfig config() {
        return config;
    }

    public LmRuntime runtime() {
        return runtime;
    }

    /** The manager that owns the weights; adapters allocate beside it. */
    public NDManager manager() {
        return manager;
    }

    /** Weights by Hugging Face name (read-only; the lm_head of a tied model is the embedding). */
    public Map<String, NDArray> weights() {
        return weights;
    }

    /** Number of parameters (tied embeddings counted once). */
    public long parameterCount() {
        return weights.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /** Installs or removes ({@code null}) the adapter every projection consults. */
    public void setAdapter(ProjectionAdapter adapter) {
        this.adapter = adapter;
    }

    /** A fresh, empty KV cache for this model. */
    public KvCache newCache(NDManager parent) {
        return new KvCache(parent, config.numLayers());
    }

    /**
     * Runs the decoder on a rectangular batch.
     *
     * @param out the manager the returned logits belong to; intermediates are freed before returning, except
     *     while an adapter trains ({@link #recordsGradients}): then they belong to {@code out} too
     * @param tokens {@code [B][T]} token ids (padding positions hold any valid id)
     * @param keyMask {@code [B][S]} 1 for real tokens, 0 for padding, over cached plus new tokens
     *        ({@code S = cached + T})
     * @param cache the KV cache to read and extend, or {@code null} to attend to {@code tokens} only
     * @param logitsFrom the first of the {@code T} positions to compute logits for (the output head is the
     *        costliest matmul with a large vocabulary, and generation needs the last position only)
     * @return logits {@code [B, T - logitsFrom, vocab]} in F32
     */
    public NDArray forward(NDManager out, int[][] tokens, int[][] keyMask, KvCache cache, int logitsFrom) {
        int t = tokens[0].length;
        int past = cache == null ? 0 : cache.length();
        int s = keyMask[0].length;
        if (s != past + t) {
            throw new IllegalArgumentException("key mask covers " + s + " tokens but cache+input hold " + (past + t));
        }
        if (recordsGradients()) {
            // the backward pass runs after this returns and reads arrays DJL made from Java memory (masks, scalar
            // factors), which the JVM frees once they are closed and collected: they live until `out` closes
            return decode(out, tokens, keyMask, cache, logitsFrom);
        }
        try (NDScope scope = new NDScope(); NDManager m = out.newSubManager(runtime.device())) {
            scope.suppressNotUsedWarning(); // closes every intermediate array at the end
            NDArray logits = decode(m, tokens, keyMask, cache, logitsFrom);
            NDScope.unregister(logits);
            logits.attach(out);
            return logits;
        }
    }

    /** Whether an adapter is training: the caller then runs a backward pass over what the decoder computes. */
    public boolean recordsGradients() {
        return adapter != null && adapter.isTraining();
    }

    private NDArray decode(NDManager m, int[][] tokens, int[][] keyMask, KvCache cache, int logitsFrom) {
        int b = tokens.length;
        int t = tokens[0].length;
        int s = keyMask[0].length;
        long[] flat = new long[b * t];
        for (int r = 0; r < b; r++) {
            for (int j = 0; j < t; j++) {
                flat[r * t + j] = tokens[r][j];
            }
        }
        NDArray ids = m.create(flat, new Shape(b, t));
        NDArray positions = m.create(AttentionMasks.positions(keyMask, t), new Shape(b, t))
                .toType(DataType.FLOAT32, false);
        NDArray bias = m.create(AttentionMasks.causalBias(keyMask, t, config.slidingWindow()), new Shape(b, 1, 1, t, s));
        NDArray freqs = positions.expandDims(2).mul(invFreq.reshape(1, 1, -1));
        NDArray emb = freqs.concat(freqs, 2);
        NDArray cos = runtime.toCompute(emb.cos().expandDims(1));
        NDArray sin = runtime.toCompute(emb.sin().expandDims(1));

        NDArray h = ids.getNDArrayInternal()
                .embedding(ids, weights.get(WeightLayout.EMBED), SparseFormat.DENSE).singletonOrThrow();
        for (int i = 0; i < config.numLayers(); i++) {
            LayerWeights lw = layers[i];
            NDArray x = rmsNorm(h, lw.inputNorm());
            h = h.add(attention(i, x, cos, sin, bias, cache));
            x = rmsNorm(h, lw.postNorm());
            NDArray gate = project(x, lw.gate());
            NDArray up = project(x, lw.up());
            h = h.add(project(gate.mul(Activation.sigmoid(gate)).mul(up), lw.down()));
        }
        if (cache != null) {
            cache.advance(t);
        }
        if (logitsFrom > 0) {
            h = h.get(new NDIndex().addAllDim().addSliceDim(logitsFrom, t));
        }
        h = rmsNorm(h, weights.get(WeightLayout.FINAL_NORM));
        NDArray head = weights.getOrDefault(WeightLayout.LM_HEAD, weights.get(WeightLayout.EMBED));
        return linear(h, head, null).toType(DataType.FLOAT32, false);
    }

    private NDArray attention(int layer, NDArray x, NDArray cos, NDArray sin, NDArray bias, KvCache cache) {
        LayerWeights lw = layers[layer];
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        int heads = config.numHeads();
        int kvHeads = config.numKvHeads();
        int d = config.headDim();
        NDArray q = project(x, lw.q()).reshape(b, t, heads, d);
        NDArray k = project(x, lw.k()).reshape(b, t, kvHeads, d);
        NDArray v = project(x, lw.v()).reshape(b, t, kvHeads, d);
        if (config.architecture().qkNorm()) {
            q = rmsNorm(q, lw.qNorm());
            k = rmsNorm(k, lw.kNorm());
        }
        q = rope(q.transpose(0, 2, 1, 3), cos, sin);
        k = rope(k.transpose(0, 2, 1, 3), cos, sin);
        v = v.transpose(0, 2, 1, 3);
        if (cache != null) {
            NDArray[] kv = cache.append(layer, k, v);
            k = kv[0];
            v = kv[1];
        }
        int groups = heads / kvHeads;
        NDArray q5 = q.reshape(b, kvHeads, groups, t, d);
        NDArray products = q5.matMul(k.expandDims(2).transpose(0, 1, 2, 4, 3));
        NDArray scores = products.mul(attentionScale);
        NDArray probs = runtime.toCompute(scores.toType(DataType.FLOAT32, false).add(bias).softmax(-1));
        NDArray o = probs.matMul(v.expandDims(2)).reshape(b, heads, t, d).transpose(0, 2, 1, 3)
                .reshape(b, t, (long) heads * d);
        return project(o, lw.o());
    }

    private static NDArray rope(NDArray x, NDArray cos, NDArray sin) {
        NDList halves = x.split(2, 3); // one native call; string-indexed halves parsed their index every step
        NDArray rotated = halves.get(1).neg().concat(halves.get(0), 3);
        return x.mul(cos).add(rotated.mul(sin));
    }

    private NDArray rmsNorm(NDArray x, NDArray weight) {
        NDArray xf = x.toType(DataType.FLOAT32, false);
        NDArray variance = xf.square().mean(new int[] {-1}, true);
        NDArray normed = xf.div(variance.add(eps).sqrt());
        return runtime.toCompute(normed).mul(weight);
    }

    private NDArray project(NDArray x, LayerWeights.Projection p) {
        NDArray y = linear(x, p.weight(), p.bias());
        if (adapter != null) {
            // adapters keep F32 weights; their delta joins the model's compute dtype
            boolean lowPrecision = runtime.dtype() != DataType.FLOAT32;
            NDArray delta = adapter.delta(lowPrecision ? x.toType(DataType.FLOAT32, false) : x, p.module());
            if (delta != null) {
                y = y.add(lowPrecision ? runtime.toCompute(delta) : delta);
            }
        }
        return y;
    }

    private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        NDList r = x.getNDArrayInternal().linear(x, weight, bias);
        return r.singletonOrThrow();
    }

    @Override
    public void close() {
        manager.close();
    }
}
