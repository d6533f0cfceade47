package org.qtastudio.lm.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.qtastudio.lm.safetensors.SafetensorsException;
import org.qtastudio.lm.safetensors.WeightFolder;

/**
 * A decoder-only causal LM (Llama, Mistral, Qwen2, Qwen3) written from DJL NDArray ops, following the Hugging
 * Face formulas: RMSNorm, RoPE, grouped-query attention with an optional KV cache, SwiGLU MLP. DJL has no such
 * block, and its {@code TextGenerator} is GPT-2 only. Weights are frozen; training goes through a
 * {@link ProjectionAdapter} (LoRA).
 */
public final class CausalLm implements AutoCloseable {

    /** Parameter count from which training checkpoints activations unless told otherwise. */
    public static final long CHECKPOINT_FROM_PARAMETERS = 100_000_000L;

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
    private Boolean checkpointing; // null: by model size
    private long heapCeiling = 0;
    private final Random dropoutSeeds = new Random(0);
    /** The float32 attention scores one {@link #attend} step may hold: well inside glibc's 64 MiB thread heaps. */
    static final long SCORE_SLICE_BYTES = 24L << 20;
    /** Positions one prefill pass of a large batch takes at most ({@link #prefillInGroups}). */
    static final int PREFILL_GROUP_TOKENS = 2048;

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
        NativeHeap.release();
        NativeHeap.keepFreedBlocks(); // from here on the same sizes are freed and allocated layer after layer
        return new CausalLm(dir, config, runtime, manager, Collections.unmodifiableMap(weights));
    }

    private static NDArray read(WeightFolder folder, String name, long[] shape, NDManager manager, LmRuntime rt)
            throws IOException {
        long[] actual = folder.shape(name);
        if (!Arrays.equals(actual, shape)) {
            throw new SafetensorsException(folder.dir() + ": tensor '" + name + "' has shape "
                    + Arrays.toString(actual) + " but config.json implies " + Arrays.toString(shape));
        }
        // read straight into PyTorch's own memory, which closing frees at once: through a float[] the Java heap grew
        // by the largest tensor and kept it, and an array made from a Java buffer keeps that buffer until the garbage
        // collector frees it, so a cast weight's float32 copy would stay resident
        try (NDManager staging = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray f32 = staging.create(new Shape(shape), DataType.FLOAT32);
            folder.readFloats(name, ((PtNDArray) f32).toByteBuffer(true));
            NDArray weight = rt.toCompute(f32.toDevice(rt.device(), false));
            weight.attach(manager);
            return weight;
        }
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
     * @param out the manager the returned logits belong to; intermediates are freed layer by layer, except
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
        if (cache != null && past == 0 && !recordsGradients() && tokens.length > 1
                && (long) tokens.length * t > PREFILL_GROUP_TOKENS) {
            return prefillInGroups(out, tokens, keyMask, cache, logitsFrom);
        }
        long[] positions = AttentionMasks.positions(keyMask, t);
        float[] bias = AttentionMasks.causalBias(keyMask, t, config.slidingWindow());
        if (recordsGradients()) {
            // the backward pass runs after this returns and reads arrays DJL made from Java memory (masks, scalar
            // factors), which the JVM frees once they are closed and collected: they live until `out` closes
            NDArray h = layers(out, tokens, pass(out, positions, bias, tokens.length, t, s), cache, null);
            return logits(finalNorm(logitsFrom > 0 ? h.get(new NDIndex().addAllDim().addSliceDim(logitsFrom, t)) : h));
        }
        try (NDManager m = out.newSubManager(runtime.device())) {
            NDArray h = layers(m, tokens, pass(m, positions, bias, tokens.length, t, s), cache, null);
            NDArray logits;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                logits = logits(finalNorm(logitsFrom > 0 ? h.get(new NDIndex().addAllDim().addSliceDim(logitsFrom, t)) : h));
                NDScope.unregister(logits);
            }
            logits.attach(out);
            return logits;
        }
    }

    /**
     * Prefills a large batch a few rows at a time into caches that are then joined: a batch-8 prefill of 424 tokens
     * ran at 111 tokens/s against 206 for a batch of 4, its activations (MLP outputs of 66 MiB in float32) being too
     * large for glibc's 64 MiB thread heaps and so mapped afresh in every layer.
     */
    private NDArray prefillInGroups(NDManager out, int[][] tokens, int[][] keyMask, KvCache cache, int logitsFrom) {
        int t = tokens[0].length;
        int rows = Math.max(1, PREFILL_GROUP_TOKENS / t);
        List<KvCache> parts = new ArrayList<>();
        NDList logits = new NDList();
        try {
            for (int from = 0; from < tokens.length; from += rows) {
                int to = Math.min(tokens.length, from + rows);
                KvCache part = newCache(out);
                parts.add(part);
                logits.add(forward(out, Arrays.copyOfRange(tokens, from, to), Arrays.copyOfRange(keyMask, from, to), part,
                        logitsFrom));
            }
            cache.join(parts);
            NDArray all = NDArrays.concat(logits, 0);
            logits.close();
            return all;
        } finally {
            parts.forEach(KvCache::close);
        }
    }

    /**
     * Hidden states after the final norm at chosen positions, for scoring a batch whose rows may share a prefix
     * ({@link AttentionMasks#segmentBias}). With {@code checkpoint}, only each layer's input is kept and the
     * backward pass recomputes one layer at a time ({@link Hidden#backward}); otherwise, while an adapter trains,
     * the whole graph belongs to {@code out}.
     *
     * @param positions {@code [B*T]} position ids
     * @param bias {@code [B*T*T]} additive attention bias
     * @param rows {@code [N]} flat indices {@code b*T + t} of the positions wanted
     * @return {@code [N, hidden]}
     */
    public Hidden hidden(NDManager out, int[][] tokens, long[] positions, float[] bias, long[] rows,
            boolean checkpoint) {
        int t = tokens[0].length;
        boolean train = recordsGradients();
        NDArray[] inputs = checkpoint && train ? new NDArray[config.numLayers() + 1] : null;
        NDManager m = train ? out : out.newSubManager(runtime.device());
        try {
            Pass pass = pass(m, positions, bias, tokens.length, t, t);
            NDArray h;
            if (inputs != null) {
                boolean grad = JniUtils.isGradMode();
                JniUtils.setGradMode(false);
                try {
                    h = layers(m, tokens, pass, null, inputs);
                } finally {
                    JniUtils.setGradMode(grad);
                }
                h.setRequiresGradient(true);
            } else {
                h = layers(m, tokens, pass, null, null);
            }
            long hidden = h.getShape().get(2);
            NDArray index = m.create(rows, new Shape(rows.length, 1)).broadcast(rows.length, hidden);
            NDArray states = finalNorm(h.reshape(-1, hidden).gather(index, 0));
            if (!train) {
                states.attach(out);
            }
            return new Hidden(states, pass, inputs);
        } finally {
            if (!train) {
                m.close();
            }
        }
    }

    /** The output head: {@code [..., hidden]} normed hidden states to F32 logits {@code [..., vocab]}. */
    public NDArray logits(NDArray normed) {
        NDArray head = weights.getOrDefault(WeightLayout.LM_HEAD, weights.get(WeightLayout.EMBED));
        return toFloat32(linear(normed, head, null));
    }

    /** What {@link #hidden} computed, and the rest of its backward pass when it checkpointed. */
    public final class Hidden {
        private final NDArray states;
        private final Pass pass;
        private final NDArray[] inputs;

        private Hidden(NDArray states, Pass pass, NDArray[] inputs) {
            this.states = states;
            this.pass = pass;
            this.inputs = inputs;
        }

        /** {@code [N, hidden]} after the final norm. */
        public NDArray states() {
            return states;
        }

        /**
         * Backpropagates {@code objective} (a scalar computed from {@link #states}) into the adapter. Checkpointed,
         * the layers are recomputed from the head down, each from its stored input, and the gradient passed down
         * from layer to layer; the adapter's gradients accumulate over these passes as over micro-batches.
         */
        public void backward(GradientCollector gc, NDArray objective) {
            gc.backward(objective);
            if (inputs == null) {
                return;
            }
            NDArray grad = inputs[inputs.length - 1].getGradient();
            for (int i = config.numLayers() - 1; i >= 0; i--) {
                NDArray x = inputs[i];
                NDArray below = null;
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    if (i > 0) {
                        x.setRequiresGradient(true);
                    }
                    NDArray y = layer(i, x, pass, null);
                    JniUtils.backward((PtNDArray) y, (PtNDArray) grad, false, false);
                    if (i > 0) {
                        below = x.getGradient();
                        NDScope.unregister(below);
                    }
                }
                grad.close();
                x.close(); // its gradient lives on in `below`
                grad = below;
                NativeHeap.releaseAbove(heapCeiling); // else the recomputed layers fragment the C heap: see NativeHeap
            }
        }
    }

    /** Whether an adapter is training: the caller then runs a backward pass over what the decoder computes. */
    public boolean recordsGradients() {
        return adapter != null && adapter.isTraining();
    }

    /**
     * Whether {@link org.qtastudio.lm.model.SequenceLogProbs} training passes recompute each layer in the backward
     * pass instead of keeping its activations: by default for models of {@value #CHECKPOINT_FROM_PARAMETERS}
     * parameters or more, where activations dwarf the weights; tiny models are faster without.
     */
    public boolean activationCheckpointing() {
        return checkpointing != null ? checkpointing : parameterCount() >= CHECKPOINT_FROM_PARAMETERS;
    }

    public void setActivationCheckpointing(boolean on) {
        checkpointing = on;
    }

    /**
     * Whether a checkpointed backward pass hands freed memory back to the system after each layer (the default). Off
     * trades memory for time: one bf16 DPO step of the 0.5B shape at the align defaults took 37 instead of 77 s, at a
     * peak of 7.6 instead of 4.8 GB (docs/lm-benchmarks.md), the difference being page faults. {@link #setHeapCeiling}
     * lies between.
     */
    public void setHeapTrimming(boolean on) {
        heapCeiling = on ? 0 : Long.MAX_VALUE;
    }

    /**
     * Hands freed memory back after a recomputed layer only while the process's resident set is above {@code bytes}:
     * between always ({@code 0}, {@link #setHeapTrimming}) and never ({@link Long#MAX_VALUE}).
     */
    public void setHeapCeiling(long bytes) {
        heapCeiling = bytes;
    }

    /**
     * Seeds the per-layer dropout seeds of training passes. PyTorch's generator is reseeded before each layer,
     * so that a checkpointed layer recomputes the dropout masks of its first pass.
     */
    public void setDropoutSeed(long seed) {
        dropoutSeeds.setSeed(seed);
    }

    /** Rotary factors and attention bias of one pass, shared by its layers (and by their recomputation). */
    private record Pass(NDArray cos, NDArray sin, NDArray bias, int[] seeds) {
    }

    /**
     * Embeds {@code tokens} and runs every layer. Without gradients, each layer's intermediates are freed at its
     * end: only the hidden state and the KV cache outlive it.
     *
     * @param inputs when not null, receives each layer's input and the last output (kept; the rest is freed)
     * @return the last hidden state {@code [B, T, hidden]}, before the final norm
     */
    private NDArray layers(NDManager m, int[][] tokens, Pass pass, KvCache cache, NDArray[] inputs) {
        int b = tokens.length;
        int t = tokens[0].length;
        long[] flat = new long[b * t];
        long vocab = weights.get(WeightLayout.EMBED).getShape().get(0);
        for (int r = 0; r < b; r++) {
            for (int j = 0; j < t; j++) {
                if (tokens[r][j] < 0 || tokens[r][j] >= vocab) {
                    // PyTorch would only say "index out of range in self", from native code
                    throw new IllegalArgumentException("token id " + tokens[r][j] + " (position " + j + " of input "
                            + (r + 1) + ") is outside the vocabulary of " + dir.getFileName() + ", which has ids 0 to "
                            + (vocab - 1) + "; does the tokenizer belong to this model?");
                }
                flat[r * t + j] = tokens[r][j];
            }
        }
        NDArray ids = m.create(flat, new Shape(b, t));
        NDArray h = ids.getNDArrayInternal()
                .embedding(ids, weights.get(WeightLayout.EMBED), SparseFormat.DENSE).singletonOrThrow();
        boolean keepGraph = recordsGradients() && inputs == null;
        for (int i = 0; i < config.numLayers(); i++) {
            if (inputs != null) {
                inputs[i] = h;
            }
            if (keepGraph) {
                h = layer(i, h, pass, cache);
                continue;
            }
            NDArray next;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                next = layer(i, h, pass, cache);
                NDScope.unregister(next);
            }
            if (inputs == null) {
                h.close();
            }
            h = next;
        }
        if (inputs != null) {
            inputs[config.numLayers()] = h;
        }
        if (cache != null) {
            cache.advance(t);
        }
        return h;
    }

    private Pass pass(NDManager m, long[] positions, float[] bias, int b, int t, int s) {
        NDArray pos = m.create(positions, new Shape(b, t)).toType(DataType.FLOAT32, false);
        NDArray freqs = pos.expandDims(2).mul(invFreq.reshape(1, 1, -1));
        NDArray emb = freqs.concat(freqs, 2);
        NDArray cos = runtime.toCompute(emb.cos().expandDims(1));
        NDArray sin = runtime.toCompute(emb.sin().expandDims(1));
        int[] seeds = null;
        if (recordsGradients()) {
            seeds = new int[config.numLayers()];
            for (int i = 0; i < seeds.length; i++) {
                seeds[i] = dropoutSeeds.nextInt();
            }
        }
        return new Pass(cos, sin, m.create(bias, new Shape(b, 1, 1, t, s)), seeds);
    }

    /*
     * Intermediates are closed as soon as the next op has read them. DJL frees an array only when it is closed (or its
     * scope ends), unlike PyTorch's eager mode where a temporary dies with its last reference; left open, every
     * intermediate of a layer was alive at once: 1.1 GB for one recomputed layer of a bf16 DPO step at the align
     * defaults. Autograd holds its own reference to what the backward pass needs, so closing never loses a gradient.
     */
    private NDArray layer(int i, NDArray h, Pass pass, KvCache cache) {
        if (pass.seeds() != null) {
            Engine.getEngine("PyTorch").setRandomSeed(pass.seeds()[i]);
        }
        LayerWeights lw = layers[i];
        NDArray x = rmsNorm(h, lw.inputNorm());
        NDArray attended = attention(i, x, pass.cos(), pass.sin(), pass.bias(), cache);
        NDArray mid = done(h.add(attended), x, attended);
        x = rmsNorm(mid, lw.postNorm());
        NDArray xf = adapterInput(x);
        NDArray gate = project(x, xf, lw.gate());
        NDArray up = project(x, xf, lw.up());
        done(null, x, xf);
        NDArray sig = Activation.sigmoid(gate);
        NDArray silu = done(gate.mul(sig), gate, sig);
        NDArray product = done(silu.mul(up), silu, up);
        NDArray pf = adapterInput(product);
        NDArray down = done(project(product, pf, lw.down()), product, pf);
        return done(mid.add(down), mid, down);
    }

    private NDArray finalNorm(NDArray h) {
        return rmsNorm(h, weights.get(WeightLayout.FINAL_NORM));
    }

    private NDArray attention(int layer, NDArray x, NDArray cos, NDArray sin, NDArray bias, KvCache cache) {
        LayerWeights lw = layers[layer];
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        int heads = config.numHeads();
        int kvHeads = config.numKvHeads();
        int d = config.headDim();
        NDArray xf = adapterInput(x);
        NDArray q = heads(project(x, xf, lw.q()), b, t, heads, d);
        NDArray k = heads(project(x, xf, lw.k()), b, t, kvHeads, d);
        NDArray v = heads(project(x, xf, lw.v()), b, t, kvHeads, d);
        done(x, xf);
        if (config.architecture().qkNorm()) {
            q = done(rmsNorm(q, lw.qNorm()), q);
            k = done(rmsNorm(k, lw.kNorm()), k);
        }
        q = rope(done(q.transpose(0, 2, 1, 3), q), cos, sin);
        k = rope(done(k.transpose(0, 2, 1, 3), k), cos, sin);
        v = done(v.transpose(0, 2, 1, 3), v);
        if (cache != null) {
            NDArray[] kv = cache.append(layer, k, v); // the cache keeps k and v, or the arrays they were joined to
            k = kv[0];
            v = kv[1];
        }
        int groups = heads / kvHeads;
        NDArray q5 = done(q.reshape(b, kvHeads, groups, t, d), q);
        NDArray o = attend(q5, k, v, bias);
        done(o, q5);
        if (cache == null) {
            done(null, k, v);
        }
        NDArray split = done(o.reshape(b, heads, t, d), o);
        NDArray swapped = done(split.transpose(0, 2, 1, 3), split);
        NDArray merged = done(swapped.reshape(b, t, (long) heads * d), swapped);
        NDArray mf = adapterInput(merged);
        return done(project(merged, mf, lw.o()), merged, mf);
    }

    /**
     * Scaled dot-product attention of {@code q5 [B, g, heads/g, T, d]} over {@code k}, {@code v} {@code [B, g, S, d]},
     * a few rows of the batch at a time when the float32 scores of all rows would pass {@link #SCORE_SLICE_BYTES}: a
     * batch-8 prefill of 424 tokens made 80 MiB score arrays, beyond glibc's 64 MiB thread heaps, so every layer
     * mapped them afresh and the prefill ran at half the tokens per second of a batch of 4.
     */
    private NDArray attend(NDArray q5, NDArray k, NDArray v, NDArray bias) {
        Shape shape = q5.getShape();
        long rows = shape.get(0);
        long perRow = shape.get(1) * shape.get(2) * shape.get(3) * k.getShape().get(2) * Float.BYTES;
        long slice = Math.max(1, SCORE_SLICE_BYTES / Math.max(1, perRow));
        if (slice >= rows) {
            return attendRows(q5, k, v, bias);
        }
        long[] cuts = new long[(int) ((rows - 1) / slice)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = (i + 1) * slice;
        }
        NDList qs = q5.split(cuts, 0);
        NDList ks = k.split(cuts, 0);
        NDList vs = v.split(cuts, 0);
        NDList bs = bias.split(cuts, 0);
        NDList outs = new NDList(qs.size());
        for (int i = 0; i < qs.size(); i++) {
            outs.add(attendRows(qs.get(i), ks.get(i), vs.get(i), bs.get(i)));
        }
        NDArray o = NDArrays.concat(outs, 0);
        qs.close();
        ks.close();
        vs.close();
        bs.close();
        outs.close();
        return o;
    }

    private NDArray attendRows(NDArray q5, NDArray k, NDArray v, NDArray bias) {
        NDArray k5 = k.expandDims(2);
        NDArray kT = done(k5.transpose(0, 1, 2, 4, 3), k5);
        NDArray products = done(q5.matMul(kT), kT);
        NDArray scores = done(products.mul(attentionScale), products);
        NDArray wide = done(toFloat32(scores), scores);
        NDArray biased = done(wide.add(bias), wide);
        NDArray softmax = done(biased.softmax(-1), biased);
        NDArray probs = done(toCompute(softmax), softmax);
        NDArray v5 = v.expandDims(2);
        return done(probs.matMul(v5), probs, v5);
    }

    /** {@code [B, T, heads * d]} to {@code [B, T, heads, d]}, closing the flat handle. */
    private static NDArray heads(NDArray flat, long b, long t, int heads, int d) {
        return done(flat.reshape(b, t, heads, d), flat);
    }

    private static NDArray rope(NDArray x, NDArray cos, NDArray sin) {
        NDList halves = x.split(2, 3); // one native call; string-indexed halves parsed their index every step
        NDArray negated = halves.get(1).neg();
        NDArray rotated = done(negated.concat(halves.get(0), 3), negated);
        halves.close();
        NDArray cosPart = x.mul(cos);
        NDArray sinPart = done(rotated.mul(sin), rotated);
        return done(cosPart.add(sinPart), cosPart, sinPart, x);
    }

    private NDArray rmsNorm(NDArray x, NDArray weight) {
        NDArray xf = toFloat32(x);
        NDArray squared = xf.square();
        NDArray mean = done(squared.mean(new int[] {-1}, true), squared);
        NDArray shifted = done(mean.add(eps), mean);
        NDArray root = done(shifted.sqrt(), shifted);
        NDArray normed = done(xf.div(root), root, xf == x ? null : xf);
        NDArray narrow = toCompute(normed);
        return done(narrow.mul(weight), narrow, normed);
    }

    /** What the adapter reads for the projections of {@code x}: its F32 copy, made once for sibling projections. */
    private NDArray adapterInput(NDArray x) {
        return adapter == null ? null : toFloat32(x);
    }

    private NDArray project(NDArray x, NDArray adapterInput, LayerWeights.Projection p) {
        NDArray y = linear(x, p.weight(), p.bias());
        if (adapterInput != null) {
            // adapters keep F32 weights; their delta joins the model's compute dtype
            NDArray delta = adapter.delta(adapterInput, p.module());
            if (delta != null) {
                NDArray narrow = toCompute(delta);
                y = done(y.add(narrow), y, narrow, delta);
            }
        }
        return y;
    }

    /**
     * Closes {@code temporaries} (skipping {@code result} itself and nulls: a cast to the dtype an array already has
     * returns that array) and returns {@code result}.
     */
    private static NDArray done(NDArray result, NDArray... temporaries) {
        for (NDArray t : temporaries) {
            if (t != null && t != result) {
                t.close();
            }
        }
        return result;
    }

    private NDArray toFloat32(NDArray x) {
        return LmRuntime.cast(x, DataType.FLOAT32, recording());
    }

    private NDArray toCompute(NDArray x) {
        return LmRuntime.cast(x, runtime.dtype(), recording());
    }

    /** Whether autograd is recording an adapter's training pass, so that casts must be recorded too. */
    private boolean recording() {
        return runtime.dtype() != DataType.FLOAT32 && recordsGradients() && JniUtils.isGradMode();
    }

    private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        NDList r = x.getNDArrayInternal().linear(x, weight, bias);
        return r.singletonOrThrow();
    }

    @Override
    public void close() {
        manager.close();
        NativeHeap.release();
    }
}
