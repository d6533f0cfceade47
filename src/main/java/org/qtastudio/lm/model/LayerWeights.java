package org.qtastudio.lm.model;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * One decoder layer's weights, looked up by name once at load: a decode step then reads fields instead of
 * building and hashing names for every weight of every layer.
 *
 * @param qNorm Qwen3's per-head q norm, or {@code null}
 * @param kNorm Qwen3's per-head k norm, or {@code null}
 */
record LayerWeights(NDArray inputNorm, NDArray postNorm, NDArray qNorm, NDArray kNorm, Projection q, Projection k,
        Projection v, Projection o, Projection gate, Projection up, Projection down) {

    /**
     * A linear projection.
     *
     * @param module the Hugging Face module name, as {@link ProjectionAdapter}s know it
     * @param bias {@code null} when the checkpoint has none
     */
    record Projection(String module, NDArray weight, NDArray bias) {
    }

    static LayerWeights[] of(ModelConfig config, Map<String, NDArray> weights) {
        LayerWeights[] layers = new LayerWeights[config.numLayers()];
        for (int i = 0; i < layers.length; i++) {
            String l = WeightLayout.layer(i);
            layers[i] = new LayerWeights(weights.get(l + ".input_layernorm.weight"),
                    weights.get(l + ".post_attention_layernorm.weight"), weights.get(l + ".self_attn.q_norm.weight"),
                    weights.get(l + ".self_attn.k_norm.weight"), projection(weights, i, "q_proj"),
                    projection(weights, i, "k_proj"), projection(weights, i, "v_proj"),
                    projection(weights, i, "o_proj"), projection(weights, i, "gate_proj"),
                    projection(weights, i, "up_proj"), projection(weights, i, "down_proj"));
        }
        return layers;
    }

    private static Projection projection(Map<String, NDArray> weights, int layer, String shortName) {
        String module = WeightLayout.projection(layer, shortName);
        return new Projection(module, weights.get(module + ".weight"), weights.get(module + ".bias"));
    }
}
