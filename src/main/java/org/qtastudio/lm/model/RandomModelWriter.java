package org.qtastudio.lm.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.qtastudio.lm.safetensors.SafetensorsWriter;
import org.qtastudio.lm.tokenizer.LmTokenizer;

/**
 * Writes a model folder with random weights around a real tokenizer: config.json, model.safetensors and the
 * tokenizer files. Its outputs are meaningless text; it exists so tests and benchmarks can run a model of any
 * shape without downloading one. Weights are drawn as Hugging Face initialises them (normal, std 0.02; norms 1).
 */
public final class RandomModelWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RandomModelWriter() {
    }

    /** The vocabulary size a tokenizer needs: one more than its largest token id. */
    public static int vocabSize(Path tokenizerDir) throws IOException {
        JsonNode tok = JSON.readTree(tokenizerDir.resolve("tokenizer.json").toFile());
        JsonNode vocab = tok.path("model").path("vocab");
        int max = -1;
        if (vocab.isArray()) {
            max = vocab.size() - 1; // unigram: a list of [piece, score]
        } else {
            for (JsonNode id : vocab) {
                max = Math.max(max, id.asInt()); // BPE / WordPiece: piece -> id
            }
        }
        for (JsonNode a : tok.path("added_tokens")) {
            max = Math.max(max, a.path("id").asInt());
        }
        if (max < 0) {
            throw new IOException(tokenizerDir.resolve("tokenizer.json") + ": found no vocabulary");
        }
        return max + 1;
    }

    /** The end-of-sequence ids a model built around this tokenizer declares. */
    public static List<Integer> eosIds(Path tokenizerDir) throws IOException {
        try (LmTokenizer tok = LmTokenizer.load(tokenizerDir)) {
            return List.copyOf(tok.eosIds());
        }
    }

    /**
     * The tiny Qwen3 (2 layers, hidden size 32, 4 heads of 16, 2 KV heads, tied embeddings, seed 7) that the
     * alignment tests, the GUI benchmarks and the screenshots train in seconds on a CPU; {@code lm init-random}
     * with the same numbers writes the same model.
     */
    public static Path tinyQwen3(Path tokenizerDir, Path out) throws IOException {
        ModelConfig config = new ModelConfig(Architecture.QWEN3, vocabSize(tokenizerDir), 32, 64, 2, 4, 2, 16, 1e-6, 10000.0,
                RopeScaling.NONE, 4096, true, eosIds(tokenizerDir), null, 0);
        write(config, tokenizerDir, out, 7, false);
        return out;
    }

    /**
     * @param config the shape (its vocabulary must cover the tokenizer's ids)
     * @param tokenizerDir folder with {@code tokenizer.json} (and optionally its config files)
     * @param out destination folder (created)
     * @param seed seed of the weights
     * @param withQkvBias add q/k/v biases (as Qwen2 checkpoints have)
     */
    public static void write(ModelConfig config, Path tokenizerDir, Path out, long seed, boolean withQkvBias)
            throws IOException {
        Files.createDirectories(out);
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("config.json").toFile(), config.toJson());
        LmTokenizer.copyFiles(tokenizerDir, out);
        Map<String, long[]> shapes = new LinkedHashMap<>(WeightLayout.required(config));
        if (withQkvBias) {
            Map<String, long[]> proj = WeightLayout.projections(config);
            for (String bias : WeightLayout.qkvBiases(config)) {
                String module = bias.substring(0, bias.length() - ".bias".length());
                shapes.put(bias, new long[] {proj.get(module)[0]});
            }
        }
        Map<String, Integer> order = new LinkedHashMap<>();
        shapes.keySet().forEach(k -> order.put(k, order.size()));
        SafetensorsWriter.write(out.resolve("model.safetensors"), shapes, name -> {
            long count = 1;
            for (long d : shapes.get(name)) {
                count *= d;
            }
            float[] values = new float[Math.toIntExact(count)];
            if (name.endsWith("norm.weight")) {
                Arrays.fill(values, 1f);
            } else {
                SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + order.get(name));
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (nextGaussian(rng) * 0.02);
                }
            }
            return values;
        }, Map.of("format", "pt", "note", "random weights: outputs are meaningless text"));
    }

    private static double nextGaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
