package org.qtastudio.retrieval.dense;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qtastudio.common.Hashing;
import org.qtastudio.store.Workspace;

/**
 * The embedding models a workspace can use: the built-in all-MiniLM-L6-v2 plus ONNX model folders the user
 * registered. Registration checks the folder and loads the model once, so a broken folder is refused then
 * and not in the middle of an evaluation. Loaded models are kept until {@link #close()}.
 */
public final class EmbeddingModels implements AutoCloseable {

    /** A registered model folder and how its vectors are made. */
    public record Registration(String name, Path folder, Pooling pooling, boolean normalize, int maxTokens, String fingerprint) {

        /** The cache id: a re-exported model (other files) or other settings never reuse old vectors. */
        public String modelId() {
            return name + "@" + fingerprint.substring(0, 16) + "/" + pooling.id() + "/" + (normalize ? "norm" : "raw") + "/" + maxTokens;
        }
    }

    private final EmbeddingModelStore store;
    private final Map<String, EmbeddingModel> loaded = new HashMap<>();

    public EmbeddingModels(Workspace workspace) {
        this.store = new EmbeddingModelStore(workspace);
    }

    /** Registers a folder holding {@code model.onnx} and {@code tokenizer.json} under {@code name}. */
    public Registration register(String name, Path folder, Pooling pooling, boolean normalize, int maxTokens) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an embedding model needs a name");
        }
        if (name.strip().equalsIgnoreCase(OnnxEmbeddingModel.MINILM)) {
            throw new IllegalArgumentException("'" + OnnxEmbeddingModel.MINILM + "' is the built-in model; choose another name");
        }
        if (maxTokens < 2) {
            throw new IllegalArgumentException("the token limit must be at least 2, got " + maxTokens);
        }
        Path dir = folder.toAbsolutePath().normalize();
        checkFiles(dir);
        Registration r = new Registration(name.strip(), dir, pooling, normalize, maxTokens, fingerprint(dir));
        OnnxEmbeddingModel.load(r.modelId(), dir, pooling, normalize, maxTokens).close();
        store.insert(r);
        return r;
    }

    /** Registered models, by name (the built-in one is not listed). */
    public List<Registration> registered() {
        return store.list();
    }

    public Optional<Registration> find(String name) {
        return registered().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The model of that name, loaded on first use. */
    public synchronized EmbeddingModel get(String name) {
        if (name.equalsIgnoreCase(OnnxEmbeddingModel.MINILM)) {
            return OnnxEmbeddingModel.miniLm();
        }
        EmbeddingModel model = loaded.get(name);
        if (model == null) {
            Registration r = find(name).orElseThrow(() -> new IllegalArgumentException("no embedding model named '" + name
                    + "'; available: " + OnnxEmbeddingModel.MINILM
                    + registered().stream().map(x -> ", " + x.name()).reduce("", String::concat)));
            checkFiles(r.folder());
            model = OnnxEmbeddingModel.load(r.modelId(), r.folder(), r.pooling(), r.normalize(), r.maxTokens());
            loaded.put(name, model);
        }
        return model;
    }

    @Override
    public synchronized void close() {
        loaded.values().forEach(EmbeddingModel::close);
        loaded.clear();
    }

    private static void checkFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("embedding model folder " + dir + " does not exist");
        }
        List<String> missing = new ArrayList<>();
        for (String f : List.of("model.onnx", "tokenizer.json")) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                missing.add(f);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("embedding model folder " + dir + " lacks " + String.join(" and ", missing)
                    + " (expected model.onnx and tokenizer.json, as exported by optimum)");
        }
    }

    private static String fingerprint(Path dir) {
        MessageDigest digest = Hashing.sha256();
        byte[] buffer = new byte[1 << 16];
        for (String f : List.of("model.onnx", "tokenizer.json")) {
            try (InputStream in = Files.newInputStream(dir.resolve(f))) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + dir.resolve(f) + ": " + e.getMessage(), e);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
