package org.qtastudio.lm.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Hugging Face tensor names and shapes a config implies. One place for the naming scheme, used to check
 * loaded weights, to write random models and to name LoRA targets.
 */
public final class WeightLayout {

    public static final String EMBED = "model.embed_tokens.weight";
    public static final String FINAL_NORM = "model.norm.weight";
    public static final String LM_HEAD = "lm_head.weight";

    /** The short projection names LoRA targets use, in layer order. */
    public static final List<String> PROJECTIONS =
            List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

    private WeightLayout() {
    }

    /** Module prefix of layer {@code i}, e.g. {@code model.layers.3}. */
    public static String layer(int i) {
        return "model.layers." + i;
    }

    /** Full module name of a projection, e.g. {@code model.layers.0.self_attn.q_proj}. */
    public static String projection(int layer, String shortName) {
        String group = shortName.endsWith("_proj") && (shortName.startsWith("gate") || shortName.startsWith("up")
                || shortName.startsWith("down")) ? ".mlp." : ".self_attn.";
        return layer(layer) + group + shortName;
    }

    /** All projection modules with their {@code [out, in]} weight shapes, layer by layer. */
    public static Map<String, long[]> projections(ModelConfig c) {
        Map<String, long[]> m = new LinkedHashMap<>();
        long h = c.hiddenSize();
        long q = (long) c.numHeads() * c.headDim();
        long kv = (long) c.numKvHeads() * c.headDim();
        long inter = c.intermediateSize();
        for (int i = 0; i < c.numLayers(); i++) {
            m.put(projection(i, "q_proj"), new long[] {q, h});
            m.put(projection(i, "k_proj"), new long[] {kv, h});
            m.put(projection(i, "v_proj"), new long[] {kv, h});
            m.put(projection(i, "o_proj"), new long[] {h, q});
            m.put(projection(i, "gate_proj"), new long[] {inter, h});
            m.put(projection(i, "up_proj"), new long[] {inter, h});
            m.put(projection(i, "down_proj"), new long[] {h, inter});
        }
        return m;
    }

    /** Every required tensor with its shape (biases are optional and not listed). */
    public static Map<String, long[]> required(ModelConfig c) {
        Map<String, long[]> m = new LinkedHashMap<>();
        long h = c.hiddenSize();
        m.put(EMBED, new long[] {c.vocabSize(), h});
        Map<String, long[]> proj = projections(c);
        for (int i = 0; i < c.numLayers(); i++) {
            String l = layer(i);
            m.put(l + ".input_layernorm.weight", new long[] {h});
            for (String p : PROJECTIONS) {
                String module = projection(i, p);
                m.put(module + ".weight", proj.get(module));
                if (p.equals("v_proj") && c.architecture().qkNorm()) {
                    m.put(l + ".self_attn.q_norm.weight", new long[] {c.headDim()});
                    m.put(l + ".self_attn.k_norm.weight", new long[] {c.headDim()});
                }
            }
            m.put(l + ".post_attention_layernorm.weight", new long[] {h});
        }
        m.put(FINAL_NORM, new long[] {h});
        if (!c.tieWordEmbeddings()) {
            m.put(LM_HEAD, new long[] {c.vocabSize(), h});
        }
        return m;
    }

    /** Parameters a config implies without biases (tied embeddings counted once). */
    public static long parameterCount(ModelConfig c) {
        long n = 0;
        for (long[] shape : required(c).values()) {
            long size = 1;
            for (long d : shape) {
                size *= d;
            }
            n += size;
        }
        return n;
    }

    /** Bias names that exist for Qwen2 checkpoints (q/k/v) and may exist for others. */
    public static List<String> qkvBiases(ModelConfig c) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.numLayers(); i++) {
            for (String p : List.of("q_proj", "k_proj", "v_proj")) {
                out.add(projection(i, p) + ".bias");
            }
        }
        return out;
    }
}
