package org.qtastudio.eval;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.common.Json;
import org.qtastudio.retrieval.Hit;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.store.Workspace;

/** Evaluation runs in the workspace: each stored whole (run and per-query records) in one transaction. */
public final class EvalRunStore {

    private static final TypeReference<List<Integer>> INTS = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, Double>> METRICS = new TypeReference<>() { };
    private static final TypeReference<List<Hit>> HITS = new TypeReference<>() { };
    private static final String RUN_COLUMNS = "id, catalog_name, split, retriever_json, ks_json, metrics_json, query_count, "
            + "excluded_count, tool_count, tools_fingerprint, wall_ms, created_at, queries";

    private final Workspace workspace;

    public EvalRunStore(Workspace workspace) {
        this.workspace = workspace;
    }

    /** What {@link EvalRun#queries()} says of a run that searched with the queries as written. */
    public static final String ORIGINAL_QUERIES = "original queries";

    public EvalRun save(Catalog catalog, String split, String toolsFingerprint, EvalResult result) {
        return save(catalog, split, toolsFingerprint, result, ORIGINAL_QUERIES);
    }

    /** Stores a run whose queries were {@code queries} (e.g. an LM's rewrites of the originals). */
    public EvalRun save(Catalog catalog, String split, String toolsFingerprint, EvalResult result, String queries) {
        Instant now = Instant.now();
        Map<String, Double> metrics = result.metrics();
        long id = workspace.write(c -> {
            long runId;
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO eval_run (catalog_id, catalog_name, split, retriever_json, ks_json, metrics_json, query_count,
                                          excluded_count, tool_count, tools_fingerprint, wall_ms, created_at, queries)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
                st.setLong(1, catalog.id());
                st.setString(2, catalog.name());
                st.setString(3, split);
                st.setString(4, result.spec().toJson());
                st.setString(5, Json.write(result.ks()));
                st.setString(6, Json.write(metrics));
                st.setInt(7, result.records().size());
                st.setInt(8, result.excluded());
                st.setInt(9, result.toolCount());
                st.setString(10, toolsFingerprint);
                st.setLong(11, result.wallMillis());
                st.setString(12, now.toString());
                st.setString(13, queries);
                st.executeUpdate();
                try (ResultSet keys = st.getGeneratedKeys()) {
                    keys.next();
                    runId = keys.getLong(1);
                }
            }
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO eval_query (run_id, ordinal, query_key, query_text, gold_json, gold_ranks_json, top_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                int ordinal = 0;
                for (QueryRecord r : result.records()) {
                    st.setLong(1, runId);
                    st.setInt(2, ordinal++);
                    st.setString(3, r.key());
                    st.setString(4, r.text());
                    st.setString(5, Json.write(r.gold()));
                    st.setString(6, Json.write(r.goldRanks()));
                    st.setString(7, Json.write(r.top()));
                    st.addBatch();
                }
                st.executeBatch();
            }
            return runId;
        });
        return new EvalRun(id, catalog.name(), split, result.spec(), result.ks(), metrics, result.records().size(),
                result.excluded(), result.toolCount(), toolsFingerprint, result.wallMillis(), now, queries);
    }

    /** All runs, newest first. */
    public List<EvalRun> list() {
        return workspace.read(c -> {
            List<EvalRun> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM eval_run ORDER BY id DESC");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(runFrom(rs));
                }
            }
            return out;
        });
    }

    /** The run with that id, or an error that says which ids exist. */
    public EvalRun require(long id) {
        EvalRun run = workspace.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM eval_run WHERE id = ?")) {
                st.setLong(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? runFrom(rs) : null;
                }
            }
        });
        if (run == null) {
            throw new IllegalArgumentException("no evaluation run " + id + " in " + workspace.file()
                    + "; list them with 'qta-studio runs list'");
        }
        return run;
    }

    /** The per-query records of a run, in evaluation order. */
    public List<QueryRecord> records(long runId) {
        return workspace.read(c -> {
            List<QueryRecord> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT query_key, query_text, gold_json, gold_ranks_json, top_json FROM eval_query
                    WHERE run_id = ? ORDER BY ordinal""")) {
                st.setLong(1, runId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        int[] ranks = Json.read(rs.getString(4), INTS).stream().mapToInt(Integer::intValue).toArray();
                        out.add(new QueryRecord(rs.getString(1), rs.getString(2), Json.read(rs.getString(3), STRINGS), ranks,
                                Json.read(rs.getString(5), HITS)));
                    }
                }
            }
            return out;
        });
    }

    private static EvalRun runFrom(ResultSet rs) throws SQLException {
        return new EvalRun(rs.getLong(1), rs.getString(2), rs.getString(3), RetrieverSpec.fromJson(rs.getString(4)),
                Json.read(rs.getString(5), INTS), Json.read(rs.getString(6), METRICS), rs.getInt(7), rs.getInt(8), rs.getInt(9),
                rs.getString(10), rs.getLong(11), Instant.parse(rs.getString(12)), rs.getString(13));
    }
}
