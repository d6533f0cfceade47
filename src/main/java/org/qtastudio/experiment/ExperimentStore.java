package org.qtastudio.experiment;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.qtastudio.common.Json;
import org.qtastudio.store.Workspace;

/** Experiments and their cells in a workspace; every change of a cell is its own committed transaction. */
public final class ExperimentStore {

    private static final TypeReference<ExperimentSpec> SPEC = new TypeReference<>() { };
    private static final TypeReference<CellPlan> PLAN = new TypeReference<>() { };
    private static final TypeReference<CellResult> RESULT = new TypeReference<>() { };

    private final Workspace workspace;

    public ExperimentStore(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Where a cell is; {@code aligning} and {@code evaluating} after a crash mean "continue from here". */
    public enum Status { pending, aligning, evaluating, done, failed, cancelled }

    /** A stored experiment. */
    public record Experiment(long id, String name, ExperimentSpec spec, Instant createdAt) {
    }

    /**
     * A stored cell.
     *
     * @param alignRunId its alignment run, once created (null for the base model)
     * @param rewriteEvalId its rewrite evaluation, once done
     * @param result its numbers, once done
     */
    public record Cell(long id, int ordinal, String point, long seed, CellPlan plan, Status status, String error,
                       Long alignRunId, Long rewriteEvalId, CellResult result, Instant updatedAt) {
    }

    /** Stores an experiment and its planned cells in one transaction; a taken name is refused. */
    public Experiment create(String name, ExperimentSpec spec, List<CellPlan> cells) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an experiment needs a name");
        }
        if (find(name) != null) {
            throw new IllegalArgumentException("experiment '" + name + "' exists already; pick another name or "
                    + "continue it with 'qta-studio experiment resume " + name + "'");
        }
        Instant now = Instant.now();
        long id = workspace.write(c -> {
            long experimentId;
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO experiment (name, kind, spec_json, created_at) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                st.setString(1, name);
                st.setString(2, spec.kind().id());
                st.setString(3, Json.write(spec));
                st.setString(4, now.toString());
                st.executeUpdate();
                try (ResultSet rs = st.getGeneratedKeys()) {
                    rs.next();
                    experimentId = rs.getLong(1);
                }
            }
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO experiment_cell (experiment_id, ordinal, point, seed, plan_json, status, updated_at)
                    VALUES (?, ?, ?, ?, ?, 'pending', ?)""")) {
                int ordinal = 0;
                for (CellPlan cell : cells) {
                    st.setLong(1, experimentId);
                    st.setInt(2, ordinal++);
                    st.setString(3, cell.point());
                    st.setLong(4, cell.seed());
                    st.setString(5, Json.write(cell));
                    st.setString(6, now.toString());
                    st.addBatch();
                }
                st.executeBatch();
            }
            return experimentId;
        });
        return new Experiment(id, name, spec, now);
    }

    /** All experiments, oldest first. */
    public List<Experiment> list() {
        return experiments("", null);
    }

    /** The experiment of that name, or an error that says how to list them. */
    public Experiment require(String name) {
        Experiment e = find(name);
        if (e == null) {
            throw new IllegalArgumentException("no experiment '" + name + "' in " + workspace.file()
                    + "; list them with 'qta-studio experiment list'");
        }
        return e;
    }

    private Experiment find(String name) {
        return experiments("WHERE name = ?", name).stream().findFirst().orElse(null);
    }

    private List<Experiment> experiments(String where, String arg) {
        return workspace.read(c -> {
            List<Experiment> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT id, name, spec_json, created_at FROM experiment " + where + " ORDER BY id")) {
                if (arg != null) {
                    st.setString(1, arg);
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Experiment(rs.getLong(1), rs.getString(2), Json.read(rs.getString(3), SPEC),
                                Instant.parse(rs.getString(4))));
                    }
                }
            }
            return out;
        });
    }

    /** The cells of an experiment in queue order. */
    public List<Cell> cells(long experimentId) {
        return workspace.read(c -> {
            List<Cell> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT id, ordinal, point, seed, plan_json, status, error, align_run_id, rewrite_eval_id, results_json, updated_at
                    FROM experiment_cell WHERE experiment_id = ? ORDER BY ordinal""")) {
                st.setLong(1, experimentId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(cell(rs));
                    }
                }
            }
            return out;
        });
    }

    private static Cell cell(ResultSet rs) throws SQLException {
        String results = rs.getString(10);
        return new Cell(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getLong(4), Json.read(rs.getString(5), PLAN),
                Status.valueOf(rs.getString(6)), rs.getString(7), nullableLong(rs, 8), nullableLong(rs, 9),
                results == null ? null : Json.read(results, RESULT), Instant.parse(rs.getString(11)));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public void setStatus(long cellId, Status status, String error) {
        update(cellId, "status = ?, error = ?", status.name(), error);
    }

    /** Links the cell to its alignment run as soon as the run exists, so a resume continues that run. */
    public void setAlignRun(long cellId, long alignRunId) {
        update(cellId, "align_run_id = ?", alignRunId);
    }

    /** Marks a cell done with its rewrite evaluation and numbers, in one transaction. */
    public void finish(long cellId, long rewriteEvalId, CellResult result) {
        update(cellId, "status = 'done', error = NULL, rewrite_eval_id = ?, results_json = ?", rewriteEvalId, Json.write(result));
    }

    private void update(long cellId, String assignments, Object... values) {
        workspace.write(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE experiment_cell SET " + assignments + ", updated_at = ? WHERE id = ?")) {
                int i = 1;
                for (Object v : values) {
                    st.setObject(i++, v);
                }
                st.setString(i++, Instant.now().toString());
                st.setLong(i, cellId);
                if (st.executeUpdate() == 0) {
                    throw new IllegalArgumentException("no experiment cell " + cellId);
                }
            }
            return null;
        });
    }
}
