package org.qtastudio.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.qtastudio.common.Hashing;
import org.qtastudio.common.Json;
import org.qtastudio.store.Workspace;

/** Catalogs, tools, queries and gold sets in a workspace: reads, search, annotation and splits. */
public final class CatalogStore {

    private static final TypeReference<List<ToolParameter>> PARAMETERS = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final String TOOL_COLUMNS =
            "t.tool_key, t.name, t.description, t.method, t.path, t.parameters_json, t.category, t.tags_json, t.format, t.document_json";

    private final Workspace workspace;

    public CatalogStore(Workspace workspace) {
        this.workspace = workspace;
    }

    public Workspace workspace() {
        return workspace;
    }

    /** All catalogs, by name, with their tool and query counts. */
    public List<Catalog> catalogs() {
        return workspace.read(c -> {
            List<Catalog> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT c.id, c.name, c.created_at,
                           (SELECT count(*) FROM tool t WHERE t.catalog_id = c.id),
                           (SELECT count(*) FROM query q WHERE q.catalog_id = c.id)
                    FROM catalog c ORDER BY c.name""");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Catalog(rs.getLong(1), rs.getString(2), Instant.parse(rs.getString(3)), rs.getInt(4), rs.getInt(5)));
                }
            }
            return out;
        });
    }

    public Optional<Catalog> find(String name) {
        return catalogs().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The catalog of that name, or an error that lists the names there are. */
    public Catalog require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no catalog named '" + name + "' in "
                + workspace.file() + "; catalogs: "
                + catalogs().stream().map(Catalog::name).collect(Collectors.joining(", ", "[", "]"))));
    }

    /** All tools of a catalog in catalog order (the order of the source; ties in rankings follow it). */
    public List<Tool> tools(long catalogId) {
        List<Tool> out = new ArrayList<>();
        forEachTool(catalogId, out::add);
        return out;
    }

    /** Streams the tools of a catalog in catalog order without holding them all. */
    public void forEachTool(long catalogId, Consumer<Tool> consumer) {
        workspace.read(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT " + TOOL_COLUMNS + " FROM tool t WHERE t.catalog_id = ? ORDER BY t.ordinal")) {
                st.setLong(1, catalogId);
                st.setFetchSize(1000);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        consumer.accept(toolFrom(rs));
                    }
                }
            }
            return null;
        });
    }

    /** Key, name and description of every tool of a catalog in catalog order, without documents or parameters. */
    public List<ToolSummary> toolSummaries(long catalogId) {
        return workspace.read(c -> {
            List<ToolSummary> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT tool_key, name, description FROM tool WHERE catalog_id = ? ORDER BY ordinal")) {
                st.setLong(1, catalogId);
                st.setFetchSize(1000);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ToolSummary(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return out;
        });
    }

    public Optional<Tool> tool(long catalogId, String key) {
        return workspace.read(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT " + TOOL_COLUMNS + " FROM tool t WHERE t.catalog_id = ? AND t.tool_key = ?")) {
                st.setLong(1, catalogId);
                st.setString(2, key);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(toolFrom(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Full-text search over tool names and descriptions (stemmed, every word must occur, the last one as a
     * prefix so results follow typing), best matches first.
     */
    public List<Tool> search(long catalogId, String text, int limit) {
        String match = ftsQuery(text);
        if (match.isEmpty()) {
            return tools(catalogId).stream().limit(limit).toList();
        }
        return workspace.read(c -> {
            List<Tool> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT " + TOOL_COLUMNS + """
                     \sFROM tool_fts f JOIN tool t ON t.id = f.rowid
                     WHERE tool_fts MATCH ? AND t.catalog_id = ?
                     ORDER BY bm25(tool_fts, 2.0, 1.0), t.ordinal LIMIT ?""")) {
                st.setString(1, match);
                st.setLong(2, catalogId);
                st.setInt(3, limit);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(toolFrom(rs));
                    }
                }
            }
            return out;
        });
    }

    /** Turns what a person typed into an FTS5 query: words quoted (no syntax errors), AND-ed, last one a prefix. */
    static String ftsQuery(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_]+")) {
            if (!w.isEmpty()) {
                words.add('"' + w + '"');
            }
        }
        if (words.isEmpty()) {
            return "";
        }
        int last = words.size() - 1;
        words.set(last, words.get(last) + " *");
        return String.join(" AND ", words);
    }

    /** Queries of a catalog in source order; {@code split} null means all. */
    public List<UserQuery> queries(long catalogId, Split split) {
        return workspace.read(c -> {
            Map<Long, QueryRow> rows = new LinkedHashMap<>();
            String where = split == null ? "" : " AND q.split = ?";
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT q.id, q.query_key, q.text, q.split, q.unresolved_gold_json FROM query q WHERE q.catalog_id = ?" + where
                            + " ORDER BY q.ordinal")) {
                st.setLong(1, catalogId);
                if (split != null) {
                    st.setString(2, split.id());
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getLong(1), new QueryRow(rs.getString(2), rs.getString(3), Split.parse(rs.getString(4)), new ArrayList<>(),
                                Json.read(rs.getString(5), STRINGS)));
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT g.query_id, t.tool_key FROM gold g JOIN tool t ON t.id = g.tool_id
                    JOIN query q ON q.id = g.query_id WHERE q.catalog_id = ? ORDER BY g.query_id, g.position""")) {
                st.setLong(1, catalogId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        QueryRow row = rows.get(rs.getLong(1));
                        if (row != null) {
                            row.gold().add(rs.getString(2));
                        }
                    }
                }
            }
            return rows.values().stream().map(r -> new UserQuery(r.key(), r.text(), r.split(), r.gold(), r.unresolved())).toList();
        });
    }

    private record QueryRow(String key, String text, Split split, List<String> gold, List<String> unresolved) {
    }

    /** Adds a query typed by a person; its key is derived from its text. */
    public UserQuery addQuery(long catalogId, String text, Split split, List<String> gold) {
        String clean = text == null ? "" : text.strip();
        if (clean.isEmpty()) {
            throw new IllegalArgumentException("the query text is empty");
        }
        String key = userKey(clean);
        return workspace.write(c -> {
            long ordinal = nextOrdinal(c, catalogId);
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO query (catalog_id, query_key, ordinal, text, split, content_hash) VALUES (?, ?, ?, ?, ?, ?)""")) {
                st.setLong(1, catalogId);
                st.setString(2, key);
                st.setLong(3, ordinal);
                st.setString(4, clean);
                st.setString(5, split.id());
                st.setString(6, Hashing.sha256Hex(clean));
                st.executeUpdate();
            } catch (SQLException e) {
                if (e.getMessage() != null && e.getMessage().contains("UNIQUE")) {
                    throw new IllegalArgumentException("this catalog already has the query \"" + clean + "\"");
                }
                throw e;
            }
            replaceGold(c, catalogId, key, gold);
            return new UserQuery(key, clean, split, gold);
        });
    }

    /**
     * Adds queries as people (or agents) sent them, unlabelled, skipping a text the catalog already holds as one: the
     * same text sent twice is one query, and one already annotated keeps its gold and split. All in one transaction.
     *
     * @return the key of each text's query, in order
     */
    public List<String> addUnlabelledQueries(long catalogId, List<String> texts) {
        return workspace.write(c -> {
            long ordinal = nextOrdinal(c, catalogId);
            List<String> keys = new ArrayList<>(texts.size());
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO query (catalog_id, query_key, ordinal, text, split, content_hash) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (catalog_id, query_key) DO NOTHING""")) {
                for (String text : texts) {
                    String clean = text == null ? "" : text.strip();
                    if (clean.isEmpty()) {
                        throw new IllegalArgumentException("the query text is empty");
                    }
                    String key = userKey(clean);
                    st.setLong(1, catalogId);
                    st.setString(2, key);
                    st.setLong(3, ordinal);
                    st.setString(4, clean);
                    st.setString(5, Split.UNLABELLED.id());
                    st.setString(6, Hashing.sha256Hex(clean));
                    ordinal += st.executeUpdate();
                    keys.add(key);
                }
            }
            return keys;
        });
    }

    /** The key of a query a person typed: derived from its text, so the same text is the same query. */
    private static String userKey(String text) {
        return "user:" + Hashing.sha256Hex(text).substring(0, 12);
    }

    /**
     * Sets a query's gold tools (replacing the old set); every key must name a tool of the catalog. The gold a person
     * sets replaces the source's, so the source's unresolved references go with it.
     */
    public void setGold(long catalogId, String queryKey, List<String> toolKeys) {
        workspace.write(c -> {
            replaceGold(c, catalogId, queryKey, toolKeys);
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE query SET unresolved_gold_json = '[]' WHERE catalog_id = ? AND query_key = ?")) {
                st.setLong(1, catalogId);
                st.setString(2, queryKey);
                st.executeUpdate();
            }
            return null;
        });
    }

    static void replaceGold(Connection c, long catalogId, String queryKey, List<String> toolKeys) throws SQLException {
        long queryId = queryId(c, catalogId, queryKey);
        try (PreparedStatement del = c.prepareStatement("DELETE FROM gold WHERE query_id = ?")) {
            del.setLong(1, queryId);
            del.executeUpdate();
        }
        List<String> unknown = new ArrayList<>();
        try (PreparedStatement find = c.prepareStatement("SELECT id FROM tool WHERE catalog_id = ? AND tool_key = ?");
             PreparedStatement ins = c.prepareStatement("INSERT OR IGNORE INTO gold (query_id, tool_id, position) VALUES (?, ?, ?)")) {
            int position = 0;
            for (String key : toolKeys) {
                find.setLong(1, catalogId);
                find.setString(2, key);
                try (ResultSet rs = find.executeQuery()) {
                    if (!rs.next()) {
                        unknown.add(key);
                        continue;
                    }
                    ins.setLong(1, queryId);
                    ins.setLong(2, rs.getLong(1));
                    ins.setInt(3, position++);
                    ins.executeUpdate();
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no tool with key " + String.join(", ", unknown) + " in this catalog; nothing was changed");
        }
    }

    /** Moves queries to splits, all in one transaction. */
    public void setSplits(long catalogId, Map<String, Split> assignments) {
        workspace.write(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE query SET split = ? WHERE catalog_id = ? AND query_key = ?")) {
                for (var entry : assignments.entrySet()) {
                    queryId(c, catalogId, entry.getKey());
                    st.setString(1, entry.getValue().id());
                    st.setLong(2, catalogId);
                    st.setString(3, entry.getKey());
                    st.executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * Deletes a catalog with its tools, queries, gold sets, import history and alignment runs, in one transaction;
     * its evaluation runs stay, detached from it. With {@code dryRun} it only counts what would go.
     */
    public Deletion deleteCatalog(Catalog catalog, boolean dryRun) {
        return change(dryRun, c -> {
            int gold = count(c, "SELECT count(*) FROM gold g JOIN query q ON q.id = g.query_id WHERE q.catalog_id = ?", catalog.id());
            int alignRuns = count(c, "SELECT count(*) FROM align_run WHERE catalog_id = ?", catalog.id());
            int evalRuns = count(c, "SELECT count(*) FROM eval_run WHERE catalog_id = ?", catalog.id());
            int tools = count(c, "SELECT count(*) FROM tool WHERE catalog_id = ?", catalog.id());
            int queries = count(c, "SELECT count(*) FROM query WHERE catalog_id = ?", catalog.id());
            try (PreparedStatement st = c.prepareStatement("DELETE FROM catalog WHERE id = ?")) {
                st.setLong(1, catalog.id());
                st.executeUpdate();
            }
            return new Deletion(catalog.name(), tools, queries, gold, Map.of(), alignRuns, evalRuns);
        });
    }

    /**
     * Deletes tools by key in one transaction; an unknown key deletes nothing. Gold that named a deleted tool is
     * kept on its query as unresolved gold, so no query silently loses what its source said.
     */
    public Deletion deleteTools(Catalog catalog, List<String> keys, boolean dryRun) {
        return change(dryRun, c -> {
            List<Long> ids = ids(c, "SELECT id FROM tool WHERE catalog_id = ? AND tool_key = ?", catalog, keys, "tool");
            Map<String, List<String>> unresolved = deleteTools(c, ids);
            int gold = unresolved.values().stream().mapToInt(List::size).sum();
            int evalRuns = count(c, "SELECT count(*) FROM eval_run WHERE catalog_id = ?", catalog.id());
            return new Deletion(catalog.name(), ids.size(), 0, gold, unresolved, 0, evalRuns);
        });
    }

    /**
     * Deletes tools by row id inside a transaction the caller holds (a delete's, or a re-import's that removes the tools a
     * server no longer lists), with the rule of {@link #deleteTools(Catalog, List, boolean)}: gold that named a deleted
     * tool is kept on its query as unresolved gold.
     *
     * @return query key -> the deleted tools its gold named, now unresolved gold, in the catalog's query order
     */
    public static Map<String, List<String>> deleteTools(Connection c, List<Long> toolIds) throws SQLException {
        Map<Long, String> queryKeys = new LinkedHashMap<>();
        Map<Long, List<String>> lost = new LinkedHashMap<>();
        Map<Long, String> unresolvedBefore = new LinkedHashMap<>();
        Map<Long, Long> ordinals = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT q.id, q.query_key, q.unresolved_gold_json, t.tool_key, q.ordinal FROM gold g
                JOIN query q ON q.id = g.query_id JOIN tool t ON t.id = g.tool_id WHERE g.tool_id = ?""")) {
            for (long id : toolIds) {
                st.setLong(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        queryKeys.put(rs.getLong(1), rs.getString(2));
                        ordinals.put(rs.getLong(1), rs.getLong(5));
                        unresolvedBefore.put(rs.getLong(1), rs.getString(3));
                        lost.computeIfAbsent(rs.getLong(1), q -> new ArrayList<>()).add(rs.getString(4));
                    }
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement("UPDATE query SET unresolved_gold_json = ? WHERE id = ?")) {
            for (var entry : lost.entrySet()) {
                List<String> unresolved = new ArrayList<>(Json.read(unresolvedBefore.get(entry.getKey()), STRINGS));
                entry.getValue().stream().filter(k -> !unresolved.contains(k)).forEach(unresolved::add);
                st.setString(1, Json.write(unresolved));
                st.setLong(2, entry.getKey());
                st.executeUpdate();
            }
        }
        deleteRows(c, "DELETE FROM tool WHERE id = ?", toolIds);
        Map<String, List<String>> byQuery = new LinkedHashMap<>();
        lost.keySet().stream().sorted(java.util.Comparator.comparing(ordinals::get))
                .forEach(id -> byQuery.put(queryKeys.get(id), List.copyOf(lost.get(id))));
        return byQuery;
    }

    /** Deletes queries by key with their gold sets, in one transaction; an unknown key deletes nothing. */
    public Deletion deleteQueries(Catalog catalog, List<String> keys, boolean dryRun) {
        return change(dryRun, c -> {
            List<Long> ids = ids(c, "SELECT id FROM query WHERE catalog_id = ? AND query_key = ?", catalog, keys, "query");
            int gold = 0;
            for (long id : ids) {
                gold += count(c, "SELECT count(*) FROM gold WHERE query_id = ?", id);
            }
            deleteRows(c, "DELETE FROM query WHERE id = ?", ids);
            int evalRuns = count(c, "SELECT count(*) FROM eval_run WHERE catalog_id = ?", catalog.id());
            return new Deletion(catalog.name(), 0, ids.size(), gold, Map.of(), 0, evalRuns);
        });
    }

    private <T> T change(boolean dryRun, Workspace.SqlWork<T> work) {
        return dryRun ? workspace.dryRun(work) : workspace.write(work);
    }

    /** The row ids of {@code keys} (duplicates once), or an error naming every key that has none. */
    private static List<Long> ids(Connection c, String sql, Catalog catalog, List<String> keys, String what) throws SQLException {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("name at least one " + what + " key to delete");
        }
        List<Long> ids = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (String key : new java.util.LinkedHashSet<>(keys)) {
                st.setLong(1, catalog.id());
                st.setString(2, key);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        ids.add(rs.getLong(1));
                    } else {
                        unknown.add(key);
                    }
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no " + what + " with key " + String.join(", ", unknown) + " in catalog '"
                    + catalog.name() + "'; nothing was deleted");
        }
        return ids;
    }

    private static void deleteRows(Connection c, String sql, List<Long> ids) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (long id : ids) {
                st.setLong(1, id);
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private static int count(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * A fingerprint of the catalog's tools (keys, contents, order): derived artifacts such as search
     * indexes are rebuilt exactly when it changes.
     */
    public String toolsFingerprint(long catalogId) {
        return workspace.read(c -> {
            var digest = Hashing.sha256();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT tool_key, content_hash FROM tool WHERE catalog_id = ? ORDER BY ordinal")) {
                st.setLong(1, catalogId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        digest.update(rs.getString(1).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        digest.update((byte) 0);
                        digest.update(rs.getString(2).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        digest.update((byte) 0);
                    }
                }
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        });
    }

    private static long queryId(Connection c, long catalogId, String queryKey) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM query WHERE catalog_id = ? AND query_key = ?")) {
            st.setLong(1, catalogId);
            st.setString(2, queryKey);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no query with key '" + queryKey + "' in this catalog");
                }
                return rs.getLong(1);
            }
        }
    }

    private static Tool toolFrom(ResultSet rs) throws SQLException {
        return new Tool(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Json.read(rs.getString(6), PARAMETERS), rs.getString(7), Json.read(rs.getString(8), STRINGS),
                rs.getString(9), rs.getString(10));
    }

    /** The ordinal a query added to the catalog now gets: after every query it has. */
    private static long nextOrdinal(Connection c, long catalogId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT coalesce(max(ordinal) + 1, 0) FROM query WHERE catalog_id = ?")) {
            st.setLong(1, catalogId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
