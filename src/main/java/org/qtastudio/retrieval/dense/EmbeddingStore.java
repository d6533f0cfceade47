package org.qtastudio.retrieval.dense;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qtastudio.store.Workspace;

/**
 * Embeddings stored in the workspace, keyed by model id and SHA-256 of the text: a text is embedded once
 * per model, whichever catalog, query or run it belongs to. Vectors are little-endian float32 blobs.
 */
public final class EmbeddingStore {

    private static final int LOOKUP_CHUNK = 500;

    private final Workspace workspace;

    public EmbeddingStore(Workspace workspace) {
        this.workspace = workspace;
    }

    /** The cached vectors among {@code hashes}, by hash. */
    public Map<String, float[]> get(String modelId, Collection<String> hashes) {
        Map<String, float[]> out = new HashMap<>();
        List<String> all = new ArrayList<>(hashes);
        for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + LOOKUP_CHUNK));
            workspace.read(c -> {
                String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement st = c.prepareStatement(
                        "SELECT text_hash, vector FROM embedding_cache WHERE model_id = ? AND text_hash IN (" + marks + ")")) {
                    st.setString(1, modelId);
                    for (int i = 0; i < chunk.size(); i++) {
                        st.setString(i + 2, chunk.get(i));
                    }
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), decode(rs.getBytes(2)));
                        }
                    }
                }
                return null;
            });
        }
        return out;
    }

    /** Stores vectors in one transaction. */
    public void put(String modelId, Map<String, float[]> vectors) {
        workspace.write(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT OR REPLACE INTO embedding_cache (model_id, text_hash, dimension, vector) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                    st.setString(1, modelId);
                    st.setString(2, e.getKey());
                    st.setInt(3, e.getValue().length);
                    st.setBytes(4, encode(e.getValue()));
                    st.addBatch();
                }
                st.executeBatch();
            }
            return null;
        });
    }

    /** Number of vectors cached for a model. */
    public int count(String modelId) {
        return workspace.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM embedding_cache WHERE model_id = ?")) {
                st.setString(1, modelId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    static byte[] encode(float[] v) {
        ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(v);
        return buf.array();
    }

    static float[] decode(byte[] bytes) {
        float[] v = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
