package org.qtastudio.lm.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a Hugging Face {@code config.json} the decoder needs ({@code slidingWindow} 0 = full attention). Missing optional fields take the
 * Hugging Face defaults; fields the engine cannot honour are refused with the field named.
 */
public record ModelConfig(
        Architecture architecture,
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numLayers,
        int numHeads,
        int numKvHeads,
        int headDim,
        double rmsNormEps,
        double ropeTheta,
        RopeScaling ropeScaling,
        int maxPositions,
        boolean tieWordEmbeddings,
        List<Integer> eosTokenIds,
        Integer bosTokenId,
        int slidingWindow) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads {@code config.json} from a model folder. */
    public static ModelConfig read(Path modelDir) throws IOException {
        Path file = modelDir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new ModelConfigException(modelDir + ": no config.json; is this a Hugging Face model folder?");
        }
        return parse(JSON.readTree(file.toFile()), file);
    }

    /** Parses a config tree; {@code file} only names the source in messages. */
    public static ModelConfig parse(JsonNode c, Object file) {
        JsonNode archs = c.path("architectures");
        if (!archs.isArray() || archs.isEmpty()) {
            throw new ModelConfigException(file + ": field 'architectures' is missing; supported: "
                    + Architecture.supportedNames());
        }
        Architecture arch = Architecture.fromHfName(archs.get(0).asText(), file);
        String act = c.path("hidden_act").asText("silu");
        if (!act.equals("silu")) {
            throw new ModelConfigException(file + ": hidden_act '" + act + "' is not supported (only silu)");
        }
        int hidden = required(c, "hidden_size", file);
        int heads = required(c, "num_attention_heads", file);
        int kvHeads = c.hasNonNull("num_key_value_heads") ? required(c, "num_key_value_heads", file) : heads;
        if (heads % kvHeads != 0) {
            throw new ModelConfigException(file + ": num_attention_heads " + heads
                    + " is not a multiple of num_key_value_heads " + kvHeads);
        }
        int headDim = c.hasNonNull("head_dim") ? required(c, "head_dim", file) : hidden / heads;
        if (headDim <= 0) {
            throw new ModelConfigException(file + ": hidden_size " + hidden + " is smaller than num_attention_heads " + heads);
        }
        for (String[] pair : new String[][] {{"vocab_size", "hidden_size"}, {"intermediate_size", "hidden_size"}}) {
            long product = (long) required(c, pair[0], file) * required(c, pair[1], file);
            if (product > Integer.MAX_VALUE) {
                throw new ModelConfigException(file + ": " + pair[0] + " × " + pair[1] + " = " + product
                        + " is too large for one weight matrix (at most " + Integer.MAX_VALUE + " values)");
            }
        }
        if ((long) heads * headDim > Integer.MAX_VALUE || (long) kvHeads * headDim > Integer.MAX_VALUE) {
            throw new ModelConfigException(file + ": num_attention_heads × head_dim is too large");
        }
        List<Integer> eos = new ArrayList<>();
        JsonNode eosNode = c.path("eos_token_id");
        if (eosNode.isArray()) {
            eosNode.forEach(n -> eos.add(n.asInt()));
        } else if (eosNode.isNumber()) {
            eos.add(eosNode.asInt());
        }
        return new ModelConfig(arch,
                required(c, "vocab_size", file),
                hidden,
                required(c, "intermediate_size", file),
                required(c, "num_hidden_layers", file),
                heads,
                kvHeads,
                headDim,
                c.path("rms_norm_eps").asDouble(1e-6),
                c.path("rope_theta").asDouble(10000.0),
                ropeScaling(c.path("rope_scaling"), file),
                c.path("max_position_embeddings").asInt(2048),
                c.path("tie_word_embeddings").asBoolean(false),
                List.copyOf(eos),
                c.path("bos_token_id").isNumber() ? c.get("bos_token_id").asInt() : null,
                // Mistral attends to the last sliding_window tokens only; Qwen's optional per-layer window is
                // off by default (use_sliding_window false) and not supported
                arch == Architecture.MISTRAL ? c.path("sliding_window").asInt(0) : 0);
    }

    private static RopeScaling ropeScaling(JsonNode s, Object file) {
        if (s.isMissingNode() || s.isNull()) {
            return RopeScaling.NONE;
        }
        String type = s.has("rope_type") ? s.get("rope_type").asText() : s.path("type").asText("default");
        return switch (type) {
            case "default" -> RopeScaling.NONE;
            case "linear" -> new RopeScaling(type, s.path("factor").asDouble(1), 0, 0, 0);
            case "llama3" -> new RopeScaling(type, s.path("factor").asDouble(8),
                    s.path("low_freq_factor").asDouble(1), s.path("high_freq_factor").asDouble(4),
                    s.path("original_max_position_embeddings").asInt(8192));
            default -> throw new ModelConfigException(file + ": rope_scaling type '" + type
                    + "' is not supported; supported: default, linear, llama3");
        };
    }

    /** A positive whole number that fits an int, else an error naming the file and the field. */
    private static int required(JsonNode c, String field, Object file) {
        JsonNode n = c.path(field);
        if (!n.isNumber()) {
            throw new ModelConfigException(file + ": field '" + field + "' is missing or not a number"
                    + (n.isMissingNode() || n.isNull() ? "" : " (it is " + n + ")"));
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() <= 0) {
            throw new ModelConfigException(file + ": field '" + field + "' must be a whole number from 1 to "
                    + Integer.MAX_VALUE + ", not " + n);
        }
        return n.asInt();
    }

    /** Writes this config as a Hugging Face {@code config.json} tree (used for random and merged models). */
    public ObjectNode toJson() {
        ObjectNode c = JSON.createObjectNode();
        c.putArray("architectures").add(architecture.hfName());
        c.put("model_type", switch (architecture) {
            case LLAMA -> "llama";
            case MISTRAL -> "mistral";
            case QWEN2 -> "qwen2";
            case QWEN3 -> "qwen3";
        });
        c.put("vocab_size", vocabSize);
        c.put("hidden_size", hiddenSize);
        c.put("intermediate_size", intermediateSize);
        c.put("num_hidden_layers", numLayers);
        c.put("num_attention_heads", numHeads);
        c.put("num_key_value_heads", numKvHeads);
        c.put("head_dim", headDim);
        c.put("rms_norm_eps", rmsNormEps);
        c.put("rope_theta", ropeTheta);
        if (!ropeScaling.type().equals("default")) {
            ObjectNode s = c.putObject("rope_scaling");
            s.put("rope_type", ropeScaling.type());
            s.put("factor", ropeScaling.factor());
            if (ropeScaling.type().equals("llama3")) {
                s.put("low_freq_factor", ropeScaling.lowFreqFactor());
                s.put("high_freq_factor", ropeScaling.highFreqFactor());
                s.put("original_max_position_embeddings", ropeScaling.originalMaxPositions());
            }
        }
        c.put("max_position_embeddings", maxPositions);
        if (slidingWindow > 0) {
            c.put("sliding_window", slidingWindow);
        }
        c.put("tie_word_embeddings", tieWordEmbeddings);
        c.put("hidden_act", "silu");
        if (bosTokenId != null) {
            c.put("bos_token_id", bosTokenId);
        }
        if (eosTokenIds.size() == 1) {
            c.put("eos_token_id", eosTokenIds.get(0));
        } else if (!eosTokenIds.isEmpty()) {
            eosTokenIds.forEach(c.putArray("eos_token_id")::add);
        }
        c.put("torch_dtype", "float32");
        return c;
    }
}
