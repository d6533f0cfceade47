package org.qtastudio.retrieval.dense;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.qtastudio.retrieval.dense.EmbeddingModels.Registration;
import org.qtastudio.store.Workspace;

/** The workspace's table of registered embedding-model folders; {@link EmbeddingModels} checks a folder before it lands here. */
final class EmbeddingModelStore {

    private final Workspace workspace;

    EmbeddingModelStore(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Stores a registration; a name already taken is refused with a message naming it. */
    void insert(Registration r) {
        workspace.write(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO embedding_model (name, folder, pooling, normalize, max_tokens, fingerprint, registered_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                st.setString(1, r.name());
                st.setString(2, r.folder().toString());
                st.setString(3, r.pooling().id());
                st.setInt(4, r.normalize() ? 1 : 0);
                st.setInt(5, r.maxTokens());
                st.setString(6, r.fingerprint());
                st.setString(7, Instant.now().toString());
                st.executeUpdate();
            } catch (SQLException e) {
                if (String.valueOf(e.getMessage()).contains("UNIQUE") || String.valueOf(e.getMessage()).contains("PRIMARY KEY")) {
                    throw new IllegalArgumentException("an embedding model named '" + r.name() + "' is already registered");
                }
                throw e;
            }
            return null;
        });
    }

    /** Every registration, by name. */
    List<Registration> list() {
        return workspace.read(c -> {
            List<Registration> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT name, folder, pooling, normalize, max_tokens, fingerprint FROM embedding_model ORDER BY name");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Registration(rs.getString(1), Path.of(rs.getString(2)), Pooling.parse(rs.getString(3)),
                            rs.getInt(4) == 1, rs.getInt(5), rs.getString(6)));
                }
            }
            return out;
        });
    }
}
