package org.qtastudio.align;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.qtastudio.eval.EvalRun;
import org.qtastudio.store.Workspace;

/**
 * The links between the three runs a rewrite evaluation stores (original, rewritten, fused), so that screens
 * and reports can put a rewrite next to the query it came from without guessing from run descriptions.
 */
public final class RewriteEvaluationStore {

    private final Workspace workspace;

    public RewriteEvaluationStore(Workspace workspace) {
        this.workspace = workspace;
    }

    /** One stored rewrite evaluation: the ids of its three evaluation runs. */
    public record Link(long id, long originalRunId, long rewriteRunId, long fusionRunId, Instant createdAt) {
    }

    /**
     * Records that three stored runs are one rewrite evaluation.
     *
     * @param alignRun the alignment run the adapter came from, or null
     * @param adapter the adapter folder, or null for the base model
     * @return the id of the link
     */
    public long link(Long alignRun, String adapter, RewriteEvaluator.Mode mode, EvalRun original, EvalRun rewritten, EvalRun fused) {
        return workspace.write(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO rewrite_eval (align_run_id, adapter, mode, original_run_id, rewrite_run_id, fusion_run_id, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
                st.setObject(1, alignRun);
                st.setString(2, adapter);
                st.setString(3, mode.name());
                st.setLong(4, original.id());
                st.setLong(5, rewritten.id());
                st.setLong(6, fused.id());
                st.setString(7, Instant.now().toString());
                st.executeUpdate();
                try (ResultSet rs = st.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** All rewrite evaluations, newest first. */
    public List<Link> list() {
        return workspace.read(c -> {
            List<Link> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT id, original_run_id, rewrite_run_id, fusion_run_id, created_at FROM rewrite_eval ORDER BY id DESC""");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Link(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), Instant.parse(rs.getString(5))));
                }
            }
            return out;
        });
    }
}
