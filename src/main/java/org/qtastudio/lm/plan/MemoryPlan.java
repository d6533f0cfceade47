package org.qtastudio.lm.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qtastudio.lm.model.ModelConfig;
import org.qtastudio.lm.model.WeightLayout;

/**
 * Peak memory of each phase of a QTA run, estimated from the model's shape and the run's settings before any
 * model work starts, so that a run that cannot fit is refused (or shrunk) instead of dying after an hour.
 *
 * <p>The formulas follow the techniques the engine uses (design notes, "Memory is a first-class budget"):
 * <ul>
 * <li><b>inference</b> (sampling, reference log-probs, rewriting): a scope per decoder layer, so only the hidden
 *     state, the KV cache and <i>one</i> layer's intermediates are alive at a time; logits only for the positions
 *     that need them (the last one when generating);</li>
 * <li><b>sampling</b>: the prompt is prefilled once (batch 1) and its KV cache expanded to the N samples;</li>
 * <li><b>training</b>: the prompt's forward is shared by chosen and rejected (a row holds prompt + chosen +
 *     rejected), log-probs of the completion tokens only, computed in vocabulary chunks; without checkpointing
 *     autograd keeps every layer's intermediates, with per-layer checkpointing only each layer's input plus one
 *     layer's recompute and its gradients; LoRA weights, gradients and AdamW's two moments in fp32.</li>
 * </ul>
 * Every phase also carries a constant baseline (JVM, libtorch, DJL, tokenizer) and the weights. All terms are in
 * bytes and named, so {@code lm plan} can show where the memory goes.
 *
 * <p>Notation: L layers, H hidden size, I intermediate size, n heads, g KV heads, d head dim, V vocabulary,
 * b bytes per weight/activation element (4 float32, 2 bfloat16), B rows in a batch, T new positions in a
 * forward, S attended positions (keys).
 */
public final class MemoryPlan {

    /**
     * Resident memory of a process that has started the JVM, loaded libtorch through DJL and a tokenizer, before
     * any weights: measured as VmHWM after loading a tiny fixture (26k parameters) and running a forward, JDK 25,
     * DJL 0.36 / PyTorch 2.7.1 CPU: 237–330 MiB across the fixtures (docs/lm-benchmarks.md); the upper figure is used.
     */
    public static final long BASELINE_BYTES = 330L << 20;
    /**
     * What loading leaves resident beside the baseline and the weights: the Java heap and allocator arenas it grew.
     * Weights are read in chunks straight into PyTorch's memory, never through a Java array the size of a tensor, so
     * this no longer grows with the model. Resident set less baseline and weights, measured after loading with
     * {@code qta-studio bench dpo-peak --pairs 1 --prompt-tokens 64 --new-tokens 8}: 0.5B shape 110 (fp32) and 117 MiB
     * (bf16), 1.5B shape 201 and 206 MiB; {@code MemoryPlanMeasuredTest}'s 46.7M model 217 MiB over its whole run.
     * The middle is used (docs/memory-plan.md).
     */
    public static final long LOAD_HEAP_BYTES = 160L << 20;
    /**
     * Float32 copies of the attention scores alive in a layer (its scope keeps every intermediate): products, scaled,
     * masked (+ bias), softmax; in bfloat16 the products and scaled copies are 2 bytes and a float32 cast and the
     * probabilities' cast back are added.
     */
    public static final int SCORE_COPIES = 4;
    /**
     * Float32 copies of the attention scores among a layer's gradients while it runs backward: of the probabilities
     * and of the scores (autograd frees each once consumed).
     */
    public static final int SCORE_GRAD_COPIES = 2;
    /** {@code [B, T, I]} gradients alive at once in the MLP's backward: of the product, the gate and the up projection. */
    public static final int MLP_GRAD_COPIES = 3;
    /** Copies of a [B, V] row of logits while sampling: logits, probabilities, sorted (top-p), cumulative sum. */
    public static final int SAMPLING_LOGIT_COPIES = 4;
    /** Copies of a [B, V] row of logits while decoding greedily: logits and the arg-max's working copy. */
    public static final int GREEDY_LOGIT_COPIES = 2;
    /** Positions whose logits the completion-only log-probs compute at once ({@code SequenceLogProbs.CHUNK}). */
    public static final int LOGIT_CHUNK = 128;
    /** fp32 tensors per trainable LoRA element: weight, gradient, AdamW first and second moment. */
    public static final int LORA_STATE_COPIES = 4;
    /**
     * How far training lets the C heap grow past what it holds before handing freed blocks back, as a share of the
     * other terms: glibc reuses the blocks a recomputed layer frees imperfectly, so an untrimmed step grows by about
     * 150 MiB per layer, while a trim after every layer faults every page in again (one bf16 DPO step of the 0.5B
     * shape at the align defaults: untrimmed 37 s at 7.6 GB, always trimmed 77 s at 4.8 GB). The engine trims once the
     * resident set passes this estimate less one recomputed layer ({@code AlignMemory.heapCeiling}). In the bf16
     * RestBench run (docs/lm-benchmarks.md) 0.3 left the ceiling below what the run holds between layers, so it
     * trimmed after nearly every layer (training 676 s under load instead of about 256 s); 0.45 puts it where a
     * ceiling of 3,563 MiB was before weights stopped passing through a Java array (257 s).
     */
    public static final double REUSED_BLOCKS_SHARE = 0.45;
    /** Share of the free memory a plan may use; the rest is left to the OS, page cache and other programs. */
    public static final double USABLE_FRACTION = 0.90;

    private static final int F32 = 4;

    /** The phases of a QTA run, in the order they run. */
    public enum Phase {
        load("weights resident"),
        sampling("prefill once, N samples decode"),
        reference("reference log-probs, no gradients"),
        training("DPO step with LoRA"),
        rewriting("greedy test rewrites");

        private final String what;

        Phase(String what) {
            this.what = what;
        }

        public String what() {
            return what;
        }
    }

    /** The term of the training estimate that is room the heap may use, not memory the run needs. */
    public static final String REUSED_BLOCKS = "heap room";
    /** The training term of the one layer checkpointing recomputes with autograd on. */
    public static final String RECOMPUTED_LAYER = "recompute (1 layer)";
    /** The training term of one layer's gradients while it runs backward. */
    public static final String LAYER_GRADIENTS = "grads (1 layer)";

    /** The estimate of one phase: its terms in bytes (in the order shown) and their sum. */
    public record Estimate(Phase phase, Map<String, Long> parts) {
        public Estimate {
            parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
        }

        /** What the phase needs: every term but {@link #REUSED_BLOCKS}. Runs are fitted and refused by it. */
        public long total() {
            return expected() - part(REUSED_BLOCKS);
        }

        /** The peak expected where memory allows the heap its room ({@link #REUSED_BLOCKS_SHARE}): every term. */
        public long expected() {
            return parts.values().stream().mapToLong(Long::longValue).sum();
        }

        /** One term in bytes, 0 where this phase has none. */
        public long part(String term) {
            return parts.getOrDefault(term, 0L);
        }
    }

    private final ModelConfig config;
    private final Workload workload;
    private final long parameters;

    public MemoryPlan(ModelConfig config, Workload workload) {
        this.config = config;
        this.workload = workload;
        this.parameters = WeightLayout.required(config).values().stream().mapToLong(MemoryPlan::elements).sum();
    }

    private static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    public ModelConfig config() {
        return config;
    }

    public Workload workload() {
        return workload;
    }

    /** Parameters without biases, tied embeddings once (as {@link WeightLayout#parameterCount}). */
    public long parameters() {
        return parameters;
    }

    /** Trainable LoRA elements: r × (in + out) per targeted projection and layer. */
    public long loraParameters() {
        long perLayer = 0;
        for (String t : workload.loraTargets()) {
            long[] io = inOut(t);
            perLayer += (long) workload.loraRank() * (io[0] + io[1]);
        }
        return perLayer * config.numLayers();
    }

    /** Every phase's estimate. */
    public List<Estimate> estimates() {
        List<Estimate> out = new ArrayList<>();
        for (Phase p : Phase.values()) {
            out.add(estimate(p));
        }
        return out;
    }

    /** The largest phase estimate. */
    public Estimate peak() {
        Estimate max = null;
        for (Estimate e : estimates()) {
            if (max == null || e.total() > max.total()) {
                max = e;
            }
        }
        return max;
    }

    public Estimate estimate(Phase phase) {
        Map<String, Long> parts = new LinkedHashMap<>();
        parts.put("baseline", BASELINE_BYTES);
        parts.put("weights", parameters * workload.weightBytes());
        parts.put("load heap", LOAD_HEAP_BYTES);
        if (phase == Phase.load && workload.weightBytes() != F32) {
            parts.put("float32 staging", staging(workload.weightBytes()));
        }
        Workload w = workload;
        int p = w.promptTokens();
        int g = w.newTokens();
        switch (phase) {
            case load -> {
            }
            case sampling -> {
                // the prefill (batch 1) and the decode of N samples over the expanded cache do not overlap:
                // the larger of the two, plus the cache they share
                long prefill = kvCache(1, p) + layerTransient(1, p, p) + hidden(1, p);
                long decode = kvCache(w.samples(), p + g) + kvStep(w.samples(), p + g) + layerTransient(w.samples(), 1, p + g)
                        + (long) SAMPLING_LOGIT_COPIES * w.samples() * config.vocabSize() * F32;
                parts.put("kv cache + activations", Math.max(prefill, decode));
            }
            case reference -> {
                int t = p + 2 * g;
                parts.put("activations (1 layer)", layerTransient(w.batchPairs(), t, t) + hidden(w.batchPairs(), t));
                parts.put("completion logits", completionLogits(w.batchPairs(), 2 * g, false));
            }
            case training -> {
                int b = w.batchPairs();
                int t = p + 2 * g;
                long oneLayer = layerTransient(b, t, t) + loraActivations(b, t);
                if (w.checkpointing()) {
                    // every layer's input and the last output; one layer recomputed with autograd on
                    parts.put("layer inputs (checkpoints)", (config.numLayers() + 1L) * b * t * config.hiddenSize() * w.weightBytes());
                    parts.put(RECOMPUTED_LAYER, oneLayer);
                } else {
                    parts.put("saved activations", config.numLayers() * oneLayer);
                }
                parts.put(LAYER_GRADIENTS, layerGradients(b, t, t));
                parts.put("hidden grads", 2 * (long) b * t * config.hiddenSize() * F32);
                parts.put("completion logits", completionLogits(b, 2 * g, true));
                parts.put("LoRA + AdamW (fp32)", (long) LORA_STATE_COPIES * loraParameters() * F32);
                long held = parts.values().stream().mapToLong(Long::longValue).sum();
                parts.put(REUSED_BLOCKS, (long) (REUSED_BLOCKS_SHARE * held));
            }
            case rewriting -> {
                int r = w.rewriteBatch();
                long prefill = kvCache(r, p) + layerTransient(r, p, p) + hidden(r, p);
                long decode = kvCache(r, p + g) + kvStep(r, p + g) + layerTransient(r, 1, p + g)
                        + (long) GREEDY_LOGIT_COPIES * r * config.vocabSize() * F32;
                parts.put("kv cache + activations", Math.max(prefill, decode));
            }
            default -> throw new IllegalStateException();
        }
        return new Estimate(phase, parts);
    }

    /**
     * A weight is read as float32, then cast: while tensor i is cast, the tensors before it, its float32 copy and its
     * cast copy are resident. The most that ever is, in load order ({@link WeightLayout#required}), less the weights.
     */
    private long staging(int weightBytes) {
        long loaded = 0;
        long most = 0;
        for (long[] shape : WeightLayout.required(config).values()) {
            long n = elements(shape);
            most = Math.max(most, loaded + n * F32 + n * weightBytes);
            loaded += n * weightBytes;
        }
        return Math.max(0, most - loaded);
    }

    /** K and V of every layer: 2 · L · B · S · g · d · b. */
    long kvCache(int rows, int positions) {
        return 2L * config.numLayers() * rows * positions * config.numKvHeads() * config.headDim() * workload.weightBytes();
    }

    /** A decode step concatenates one layer's cache into a new array: 2 · B · S · g · d · b, transient. */
    long kvStep(int rows, int positions) {
        return 2L * rows * positions * config.numKvHeads() * config.headDim() * workload.weightBytes();
    }

    /** The hidden state between layers, in and out: 2 · B · T · H · b. */
    long hidden(int rows, int tokens) {
        return 2L * rows * tokens * config.hiddenSize() * workload.weightBytes();
    }

    /**
     * What one decoder layer holds before its scope closes (and, in training, what its recompute keeps for autograd):
     * every intermediate of {@code CausalLm.layer}, per row and new position, times b: 10 H (two RMS norms of three
     * arrays each: square, normed, weighted; o_proj, the residual sum, down_proj, the output) + 8.5 n·d (q; RoPE's
     * negated half, concatenation, two products and sum; q regrouped per KV head; the attention output and its
     * reshape) + 6.5 g·d (k, v; RoPE on k) + 2 n·d under grouped-query attention (k and v broadcast to the groups) +
     * 5 I (gate, up, sigmoid, two products) [+ 3 (n·d + g·d) for Qwen3's q/k norms]; plus the score arrays of
     * B · n · T · S ({@link #SCORE_COPIES}).
     */
    long layerTransient(int rows, int tokens, int keys) {
        long nd = (long) config.numHeads() * config.headDim();
        long gd = (long) config.numKvHeads() * config.headDim();
        long twice = 20L * config.hiddenSize() + 17 * nd + 13 * gd + (config.numKvHeads() < config.numHeads() ? 4 * nd : 0)
                + 10L * config.intermediateSize();
        if (config.architecture().qkNorm()) {
            twice += 6 * (nd + gd);
        }
        return (long) rows * tokens * twice / 2 * workload.weightBytes() + scoreBytes(rows, tokens, keys);
    }

    /** The attention score arrays of one layer: {@link #SCORE_COPIES} in float32, or their mixed-precision equivalent. */
    private long scoreBytes(int rows, int tokens, int keys) {
        long elements = (long) rows * config.numHeads() * tokens * keys;
        int b = workload.weightBytes();
        // bf16: products, scaled and the probabilities cast back in b; the float32 cast, masked and softmax in F32
        long perElement = b == F32 ? (long) SCORE_COPIES * F32 : 3L * b + (SCORE_COPIES - 1) * F32;
        return elements * perElement;
    }

    /** A layer's gradients alive at once while it runs backward: the scores' and the MLP's largest ({@link #SCORE_GRAD_COPIES}, {@link #MLP_GRAD_COPIES}). */
    long layerGradients(int rows, int tokens, int keys) {
        return (long) SCORE_GRAD_COPIES * rows * config.numHeads() * tokens * keys * F32
                + (long) MLP_GRAD_COPIES * rows * tokens * config.intermediateSize() * workload.weightBytes();
    }

    /**
     * What LoRA adds per layer in training: the dropout output (b) and mask (1 byte) of each distinct input (q/k/v
     * share one, gate/up share one), and per target x·A (fp32) and three outputs (B·x·A, scaled, summed with the
     * projection).
     */
    long loraActivations(int rows, int tokens) {
        long perToken = 0;
        java.util.Set<String> inputs = new java.util.HashSet<>();
        for (String t : workload.loraTargets()) {
            long[] io = inOut(t);
            String group = switch (t) {
                case "q_proj", "k_proj", "v_proj" -> "attention input";
                case "gate_proj", "up_proj" -> "mlp input";
                default -> t;
            };
            if (inputs.add(group)) {
                perToken += io[0] * (workload.weightBytes() + 1);
            }
            perToken += (long) workload.loraRank() * F32 + 3 * io[1] * workload.weightBytes();
        }
        return (long) rows * tokens * perToken;
    }

    /**
     * Completion-only log-probs. Training keeps the float32 logits and log-softmax of every completion position
     * (B · C · V each) until the step ends, and its backward makes two {@link #LOGIT_CHUNK} × V arrays per chunk;
     * without gradients only one chunk's logits and log-softmax exist at a time.
     */
    long completionLogits(int rows, int completionTokens, boolean training) {
        long chunk = 2L * Math.min(LOGIT_CHUNK, (long) rows * completionTokens) * config.vocabSize() * F32;
        return training ? 2L * rows * completionTokens * config.vocabSize() * F32 + chunk : chunk;
    }

    private long[] inOut(String target) {
        long h = config.hiddenSize();
        long nd = (long) config.numHeads() * config.headDim();
        long gd = (long) config.numKvHeads() * config.headDim();
        long i = config.intermediateSize();
        return switch (target) {
            case "q_proj" -> new long[] {h, nd};
            case "k_proj", "v_proj" -> new long[] {h, gd};
            case "o_proj" -> new long[] {nd, h};
            case "gate_proj", "up_proj" -> new long[] {h, i};
            case "down_proj" -> new long[] {i, h};
            default -> throw new IllegalArgumentException("LoRA target '" + target + "' is not a projection");
        };
    }
}
