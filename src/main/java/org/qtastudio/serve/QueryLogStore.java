package org.qtastudio.serve;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.common.Json;
import org.qtastudio.store.Workspace;

/**
 * The query log in the workspace: each served query is an unlabelled query of its catalog (added through
 * {@link CatalogStore}, so the Annotate screen lists it for labelling), each answered request a row of
 * {@code served_request} that refers to it.
 */
public final class QueryLogStore {

    private static final com.fasterxml.jackson.core.type.TypeReference<List<String>> STRINGS = new com.fasterxml.jackson.core.type.TypeReference<>() { };

    private final Workspace workspace;
    private final CatalogStore catalogs;

    public QueryLogStore(Workspace workspace) {
        this.workspace = workspace;
        this.catalogs = new CatalogStore(workspace);
    }

    /** Stores {@code requests} to a catalog in one transaction: all of them or, when it fails, none. */
    public void append(long catalogId, List<LoggedRequest> requests) {
        if (requests.isEmpty()) {
            return;
        }
        workspace.write(c -> {
            List<String> keys = catalogs.addUnlabelledQueries(catalogId, requests.stream().map(LoggedRequest::query).toList());
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO served_request (catalog_id, query_id, served_at, configuration, k, namespace, rewrite, fallback,
                                                micros, tool_keys_json)
                    VALUES (?, (SELECT id FROM query WHERE catalog_id = ? AND query_key = ?), ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < requests.size(); i++) {
                    LoggedRequest r = requests.get(i);
                    st.setLong(1, catalogId);
                    st.setLong(2, catalogId);
                    st.setString(3, keys.get(i));
                    st.setString(4, r.servedAt().toString());
                    st.setString(5, r.configuration());
                    st.setInt(6, r.k());
                    st.setString(7, r.namespace());
                    st.setString(8, r.rewrite());
                    st.setString(9, r.fallback());
                    st.setLong(10, r.micros());
                    st.setString(11, Json.write(r.toolKeys()));
                    st.addBatch();
                }
                st.executeBatch();
            }
            return null;
        });
    }

    /** The latest {@code limit} requests served from a catalog, newest first. */
    public List<LoggedRequest> recent(long catalogId, int limit) {
        return workspace.read(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT r.served_at, q.text, r.configuration, r.k, r.namespace, r.rewrite, r.fallback, r.micros, r.tool_keys_json
                    FROM served_request r JOIN query q ON q.id = r.query_id
                    WHERE r.catalog_id = ? ORDER BY r.id DESC LIMIT ?""")) {
                st.setLong(1, catalogId);
                st.setInt(2, limit);
                List<LoggedRequest> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new LoggedRequest(Instant.parse(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getInt(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), Json.read(rs.getString(9), STRINGS)));
                    }
                }
                return out;
            }
        });
    }

    /** How many requests served from a catalog are logged. */
    public long count(long catalogId) {
        return workspace.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM served_request WHERE catalog_id = ?")) {
                st.setLong(1, catalogId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
