package org.qtastudio.align;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.qtastudio.common.Json;
import org.qtastudio.store.Workspace;

/** Alignment runs, their preference pairs, training steps and checkpoints in a workspace. */
public final class AlignStore {

    private static final TypeReference<List<Candidate>> CANDIDATES = new TypeReference<>() { };

    private final Workspace workspace;

    public AlignStore(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Lifecycle of a run; {@code failed} and {@code cancelled} runs keep their pairs and checkpoints. */
    public enum Status { created, sampling, review, training, completed, failed, cancelled }

    /** A run as listed. */
    public record AlignRun(long id, long catalogId, String name, String model, String settingsJson, Status status, String error,
                      int round, String summaryJson, Instant createdAt, Instant updatedAt) {
    }

    /** One optimizer step's record, as plotted in the Align screen. */
    public record Step(int round, int step, int epoch, double loss, double rewardChosen, double rewardRejected,
                       double rewardMargin, double rewardAccuracy, double learningRate, double tokensPerSecond) {
    }

    /** A saved adapter (and optimizer state) at the end of an epoch. */
    public record Checkpoint(int round, int epoch, int step, String path) {
    }

    public long createRun(long catalogId, String name, String model, String settingsJson) {
        return workspace.write(c -> {
            String now = Instant.now().toString();
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO align_run (catalog_id, name, model, settings_json, status, created_at, updated_at)
                    VALUES (?, ?, ?, ?, 'created', ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
                st.setLong(1, catalogId);
                st.setString(2, name);
                st.setString(3, model);
                st.setString(4, settingsJson);
                st.setString(5, now);
                st.setString(6, now);
                st.executeUpdate();
                try (ResultSet rs = st.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public void setStatus(long runId, Status status, String error) {
        update(runId, "status = ?, error = ?", status.name(), error);
    }

    public void setRound(long runId, int round) {
        update(runId, "round = ?", round);
    }

    public void setSummary(long runId, String summaryJson) {
        update(runId, "summary_json = ?", summaryJson);
    }

    private void update(long runId, String assignments, Object... values) {
        workspace.write(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE align_run SET " + assignments + ", updated_at = ? WHERE id = ?")) {
                int i = 1;
                for (Object v : values) {
                    st.setObject(i++, v);
                }
                st.setString(i++, Instant.now().toString());
                st.setLong(i, runId);
                if (st.executeUpdate() == 0) {
                    throw new IllegalArgumentException("no alignment run " + runId);
                }
            }
            return null;
        });
    }

    public AlignRun run(long runId) {
        return runs("WHERE id = ?", runId).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no alignment run " + runId + " in " + workspace.file()));
    }

    /** Runs of a catalog, newest first. */
    public List<AlignRun> runs(long catalogId) {
        return runs("WHERE catalog_id = ? ORDER BY id DESC", catalogId);
    }

    private List<AlignRun> runs(String where, long arg) {
        return workspace.read(c -> {
            List<AlignRun> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT id, catalog_id, name, model, settings_json, status, error, round, summary_json, created_at, updated_at
                    FROM align_run\s""" + where)) {
                st.setLong(1, arg);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AlignRun(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                Status.valueOf(rs.getString(6)), rs.getString(7), rs.getInt(8), rs.getString(9),
                                Instant.parse(rs.getString(10)), Instant.parse(rs.getString(11))));
                    }
                }
            }
            return out;
        });
    }

    /** Replaces the pairs of a round in one transaction (a re-run of sampling replaces, never mixes). */
    public void replacePairs(long runId, int round, List<StoredPair> pairs) {
        workspace.write(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM preference_pair WHERE run_id = ? AND round = ?")) {
                del.setLong(1, runId);
                del.setInt(2, round);
                del.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO preference_pair (run_id, round, query_key, query_text, prompt, chosen, rejected,
                        chosen_score_json, rejected_score_json, candidates_json, status, edited)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (StoredPair p : pairs) {
                    st.setLong(1, runId);
                    st.setInt(2, round);
                    st.setString(3, p.queryKey());
                    st.setString(4, p.queryText());
                    st.setString(5, p.prompt());
                    st.setString(6, p.chosen());
                    st.setString(7, p.rejected());
                    st.setString(8, Json.write(p.chosenScore()));
                    st.setString(9, Json.write(p.rejectedScore()));
                    st.setString(10, Json.write(p.candidates()));
                    st.setString(11, p.status().name());
                    st.setInt(12, p.edited() ? 1 : 0);
                    st.addBatch();
                }
                st.executeBatch();
            }
            return null;
        });
    }

    /** Pairs of a run's round, in query order. */
    public List<StoredPair> pairs(long runId, int round) {
        return workspace.read(c -> {
            List<StoredPair> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT id, round, query_key, query_text, prompt, chosen, rejected, chosen_score_json, rejected_score_json,
                           candidates_json, status, edited, reference_chosen, reference_rejected
                    FROM preference_pair WHERE run_id = ? AND round = ? ORDER BY id""")) {
                st.setLong(1, runId);
                st.setInt(2, round);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredPair(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7),
                                Json.read(rs.getString(8), new TypeReference<RankingFunction.Score>() { }),
                                Json.read(rs.getString(9), new TypeReference<RankingFunction.Score>() { }),
                                Json.read(rs.getString(10), CANDIDATES), StoredPair.Status.valueOf(rs.getString(11)),
                                rs.getInt(12) == 1, nullableDouble(rs, 13), nullableDouble(rs, 14)));
                    }
                }
            }
            return out;
        });
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    public void setPairStatus(long pairId, StoredPair.Status status) {
        updatePair(pairId, "status = ?", status.name());
    }

    /** A person's edit of a pair: marked as edited, and its reference log-probs are recomputed before training. */
    public void editPair(long pairId, String chosen, String rejected) {
        if (chosen.isBlank() || rejected.isBlank()) {
            throw new IllegalArgumentException("chosen and rejected must both have text");
        }
        if (chosen.strip().equals(rejected.strip())) {
            throw new IllegalArgumentException("chosen and rejected are the same text: the pair would teach nothing");
        }
        updatePair(pairId, "chosen = ?, rejected = ?, edited = 1, reference_chosen = NULL, reference_rejected = NULL",
                chosen.strip(), rejected.strip());
    }

    public void setReference(long pairId, double chosen, double rejected) {
        updatePair(pairId, "reference_chosen = ?, reference_rejected = ?", chosen, rejected);
    }

    private void updatePair(long pairId, String assignments, Object... values) {
        workspace.write(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE preference_pair SET " + assignments + " WHERE id = ?")) {
                int i = 1;
                for (Object v : values) {
                    st.setObject(i++, v);
                }
                st.setLong(i, pairId);
                if (st.executeUpdate() == 0) {
                    throw new IllegalArgumentException("no preference pair " + pairId);
                }
            }
            return null;
        });
    }

    public void recordStep(long runId, Step s) {
        workspace.write(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT OR REPLACE INTO train_step (run_id, round, step, epoch, loss, reward_chosen, reward_rejected,
                        reward_margin, reward_accuracy, learning_rate, tokens_per_second) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                st.setLong(1, runId);
                st.setInt(2, s.round());
                st.setInt(3, s.step());
                st.setInt(4, s.epoch());
                st.setDouble(5, s.loss());
                st.setDouble(6, s.rewardChosen());
                st.setDouble(7, s.rewardRejected());
                st.setDouble(8, s.rewardMargin());
                st.setDouble(9, s.rewardAccuracy());
                st.setDouble(10, s.learningRate());
                st.setDouble(11, s.tokensPerSecond());
                st.executeUpdate();
            }
            return null;
        });
    }

    public List<Step> steps(long runId) {
        return workspace.read(c -> {
            List<Step> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT round, step, epoch, loss, reward_chosen, reward_rejected, reward_margin, reward_accuracy,
                           learning_rate, tokens_per_second FROM train_step WHERE run_id = ? ORDER BY round, step""")) {
                st.setLong(1, runId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Step(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getDouble(4), rs.getDouble(5),
                                rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getDouble(10)));
                    }
                }
            }
            return out;
        });
    }

    /** Records the checkpoint written at the end of an epoch. */
    public void recordCheckpoint(long runId, Checkpoint checkpoint) {
        workspace.write(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT OR REPLACE INTO align_checkpoint (run_id, round, epoch, step, path, created_at) VALUES (?, ?, ?, ?, ?, ?)""")) {
                st.setLong(1, runId);
                st.setInt(2, checkpoint.round());
                st.setInt(3, checkpoint.epoch());
                st.setInt(4, checkpoint.step());
                st.setString(5, checkpoint.path());
                st.setString(6, Instant.now().toString());
                st.executeUpdate();
            }
            return null;
        });
    }

    /** The latest checkpoint of a round, if any epoch finished. */
    public Optional<Checkpoint> latestCheckpoint(long runId, int round) {
        return workspace.read(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT round, epoch, step, path FROM align_checkpoint WHERE run_id = ? AND round = ? ORDER BY epoch DESC LIMIT 1")) {
                st.setLong(1, runId);
                st.setInt(2, round);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(new Checkpoint(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getString(4)))
                            : Optional.<Checkpoint>empty();
                }
            }
        });
    }

    /** Forgets steps after a checkpoint's step, before a resumed run logs them again. */
    public void dropStepsAfter(long runId, int round, int step) {
        workspace.write(c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM train_step WHERE run_id = ? AND round = ? AND step > ?")) {
                st.setLong(1, runId);
                st.setInt(2, round);
                st.setInt(3, step);
                st.executeUpdate();
            }
            return null;
        });
    }
}
