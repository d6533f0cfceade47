package org.qtastudio.catalog.imports;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qtastudio.catalog.CatalogNames;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.importers.CatalogImporter;
import org.qtastudio.catalog.importers.ImportSink;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.importers.QueryDraft;
import org.qtastudio.common.Hashing;
import org.qtastudio.common.Json;
import org.qtastudio.common.Progress;

/**
 * The workspace side of one import, inside the transaction {@link ImportService} opened: tools upserted in
 * batches and compared by content hash, queries matched by key or text, gold resolved against the catalog, the
 * import event and its report. Nothing here commits; the service's transaction does, or rolls all of it back.
 */
final class ImportStore implements ImportSink {

    private static final int BATCH = 1000;
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final Connection c;
    private final ImportSource source;
    private final CatalogImporter importer;
    private final String catalogName;
    private final Progress progress;
    private final boolean dryRun;
    private final Map<String, ExistingRow> existingTools = new HashMap<>();
    private final Map<String, String> existingToolSources = new HashMap<>();
    private final Set<String> seenToolKeys = new HashSet<>();
    private final Map<String, QueryDraft> drafts = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Tool> firstTools = new ArrayList<>();
    private final List<QueryDraft> firstQueries = new ArrayList<>();
    private long catalogId;
    private long importId;
    private long nextOrdinal;
    private int added;
    private int updated;
    private int unchanged;
    private int removed;
    private PreparedStatement insertTool;
    private PreparedStatement updateTool;
    private int pending;

    ImportStore(Connection c, ImportSource source, CatalogImporter importer, String catalogName, Progress progress, boolean dryRun) {
        this.c = c;
        this.source = source;
        this.importer = importer;
        this.catalogName = catalogName;
        this.progress = progress;
        this.dryRun = dryRun;
    }

    ImportReport execute() throws SQLException {
        catalogId = catalogId();
        importId = insertImportEvent();
        loadExistingTools();
        try (PreparedStatement ins = c.prepareStatement("""
                INSERT INTO tool (catalog_id, tool_key, ordinal, name, description, method, path, parameters_json,
                                  category, tags_json, format, document_json, content_hash, import_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
             PreparedStatement upd = c.prepareStatement("""
                UPDATE tool SET name = ?, description = ?, method = ?, path = ?, parameters_json = ?, category = ?,
                                tags_json = ?, format = ?, document_json = ?, content_hash = ?, import_id = ?
                WHERE id = ?""")) {
            insertTool = ins;
            updateTool = upd;
            try {
                importer.read(source, this);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            flush();
        }
        Map<String, List<String>> goldOfRemovedTools = source.server() != null ? removeUnlisted() : Map.of();
        if (seenToolKeys.isEmpty() && drafts.isEmpty()) {
            throw source.problem("no tools and no queries found; is this the right file for format '"
                    + importer.format() + "'?");
        }
        // tool keys are loaded only when there are queries: a tools-only import of 100,000 tools needs no index of them
        Map<String, Long> toolIds = drafts.isEmpty() ? Map.of() : toolIds();
        GoldResolver resolver = new GoldResolver(new ArrayList<>(toolIds.keySet()));
        if (!drafts.isEmpty() && resolver.isEmpty()) {
            throw source.problem("the queries name gold tools, but catalog '" + catalogName
                    + "' has no tools; import the tool catalog first, or pass --catalog with the catalog they belong to");
        }
        ImportReport.Counts queryCounts = storeQueries(resolver, toolIds);
        progress.checkCancelled();
        ImportReport report = new ImportReport(catalogName, importer.format(), source.shown(),
                new ImportReport.Counts(added, updated, unchanged, removed), queryCounts,
                resolver.resolvedByNormalisation(), resolver.unmatched(), goldOfRemovedTools, List.copyOf(warnings));
        try (PreparedStatement st = c.prepareStatement("UPDATE import_event SET report_json = ? WHERE id = ?")) {
            st.setString(1, Json.write(report));
            st.setLong(2, importId);
            st.executeUpdate();
        }
        progress.update((dryRun ? "Would import " : "Imported ") + report.summary(), 1, 1);
        return report;
    }

    @Override
    public void tool(Tool tool) {
        if (!seenToolKeys.add(tool.key())) {
            throw source.problem("duplicate tool key '" + tool.key()
                    + "': every tool of a source needs its own key (rename one, or use --format generic with another key field)");
        }
        if (firstTools.size() < ImportPreview.SAMPLE) {
            firstTools.add(tool);
        }
        try {
            String parameters = Json.write(tool.parameters());
            String tags = Json.write(tool.tags());
            String hash = Hashing.sha256Hex(tool.name(), tool.description(), tool.method(), tool.path(),
                    parameters, tool.category(), tags, tool.format(), tool.documentJson());
            ExistingRow existing = existingTools.get(tool.key());
            if (existing == null) {
                insertTool.setLong(1, catalogId);
                insertTool.setString(2, tool.key());
                insertTool.setLong(3, nextOrdinal++);
                bindContent(insertTool, 4, tool, parameters, tags, hash);
                insertTool.addBatch();
                added++;
            } else if (!existing.hash().equals(hash)) {
                checkSameSource(tool.key());
                bindContent(updateTool, 1, tool, parameters, tags, hash);
                updateTool.setLong(12, existing.id());
                updateTool.addBatch();
                updated++;
            } else {
                unchanged++;
            }
            if (++pending >= BATCH) {
                flush();
                progress.update("Read " + seenToolKeys.size() + " tools", seenToolKeys.size(), -1);
                progress.checkCancelled();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing tool '" + tool.key() + "' failed: " + e.getMessage(), e);
        }
    }

    /**
     * Removes the tools of this server's namespace that it no longer lists: a live server's {@code tools/list} is the
     * whole of what it offers, so a tool missing from it is gone. Only MCP tools of the namespace (their category) are
     * touched, and with bare keys (no namespace) only those this same server stored; other sources' tools stay. Gold
     * that named a removed tool is kept on its query as unresolved gold, as a delete keeps it
     * ({@link CatalogStore#deleteTools(Connection, List)}).
     *
     * @return query key -> the removed tools its gold named
     */
    private Map<String, List<String>> removeUnlisted() throws SQLException {
        String namespace = source.namespace() == null || source.namespace().isBlank() ? null : source.namespace().strip();
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT t.id, t.tool_key FROM tool t LEFT JOIN import_event e ON e.id = t.import_id
                WHERE t.catalog_id = ? AND t.format = 'mcp' AND (t.category = ? OR (? IS NULL AND t.category IS NULL AND e.source = ?))
                ORDER BY t.ordinal""")) {
            st.setLong(1, catalogId);
            st.setString(2, namespace);
            st.setString(3, namespace);
            st.setString(4, source.origin());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (!seenToolKeys.contains(rs.getString(2))) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
        }
        removed = ids.size();
        return CatalogStore.deleteTools(c, ids);
    }

    /**
     * A changed tool is an update only when it comes from the source that stored it; from another source it is
     * a different tool under the same key (two APIs' {@code GET /search}), and overwriting it would lose one.
     */
    private void checkSameSource(String key) {
        String earlier = existingToolSources.get(key);
        String now = source.origin();
        if (earlier != null && !earlier.equals(now)) {
            throw source.problem("tool key '" + key + "' collides: catalog '" + catalogName + "' has a different tool"
                    + " under that key, imported from " + earlier + "; nothing was imported. To keep both, import with"
                    + " --namespace NAME (OpenAPI, MCP) or into another catalog; to replace it, delete the old tools first"
                    + " (tools delete --catalog " + catalogName + " KEY...)");
        }
    }

    /** Binds a tool's stored content (name .. import id, 11 columns) from parameter {@code first} on. */
    private void bindContent(PreparedStatement st, int first, Tool tool, String parameters, String tags, String hash)
            throws SQLException {
        st.setString(first, tool.name());
        st.setString(first + 1, tool.description());
        st.setString(first + 2, tool.method());
        st.setString(first + 3, tool.path());
        st.setString(first + 4, parameters);
        st.setString(first + 5, tool.category());
        st.setString(first + 6, tags);
        st.setString(first + 7, tool.format());
        st.setString(first + 8, tool.documentJson());
        st.setString(first + 9, hash);
        st.setLong(first + 10, importId);
    }

    private void flush() throws SQLException {
        insertTool.executeBatch();
        updateTool.executeBatch();
        pending = 0;
    }

    @Override
    public void query(QueryDraft query) {
        if (query.text() == null || query.text().isBlank()) {
            throw source.problem("query '" + query.key() + "' has no text");
        }
        if (drafts.putIfAbsent(query.key(), query) != null) {
            throw source.problem("duplicate query key '" + query.key() + "'");
        }
        if (firstQueries.size() < ImportPreview.SAMPLE) {
            // the preview shows the split a new query would get where the source names none
            firstQueries.add(query.split() != null ? query
                    : new QueryDraft(query.key(), query.text(), source.splitFor(!query.goldRefs().isEmpty()), query.goldRefs()));
        }
    }

    @Override
    public void warning(String message) {
        warnings.add(message);
    }

    private ImportReport.Counts storeQueries(GoldResolver resolver, Map<String, Long> toolIds) throws SQLException {
        Map<String, ExistingQuery> existing = new HashMap<>();
        Map<String, String> keyByText = new HashMap<>();
        long ordinal = 0;
        try (PreparedStatement st = c.prepareStatement(
                "SELECT query_key, id, content_hash, ordinal, text, split, unresolved_gold_json FROM query WHERE catalog_id = ?")) {
            st.setLong(1, catalogId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    existing.put(rs.getString(1), new ExistingQuery(rs.getLong(2), rs.getString(3), Split.parse(rs.getString(6)),
                            new ArrayList<>(), Json.read(rs.getString(7), STRINGS)));
                    ordinal = Math.max(ordinal, rs.getLong(4) + 1);
                    keyByText.putIfAbsent(rs.getString(5).strip(), rs.getString(1));
                }
            }
        }
        loadGold(existing);
        int qAdded = 0;
        int qUpdated = 0;
        int qUnchanged = 0;
        List<String> sameText = new ArrayList<>();
        try (PreparedStatement ins = c.prepareStatement("""
                INSERT INTO query (catalog_id, query_key, ordinal, text, split, content_hash, unresolved_gold_json, import_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS);
             PreparedStatement upd = c.prepareStatement(
                     "UPDATE query SET text = ?, split = ?, content_hash = ?, unresolved_gold_json = ?, import_id = ? WHERE id = ?");
             PreparedStatement deleteGold = c.prepareStatement("DELETE FROM gold WHERE query_id = ?");
             PreparedStatement insertGold = c.prepareStatement("INSERT INTO gold (query_id, tool_id, position) VALUES (?, ?, ?)")) {
            for (QueryDraft draft : drafts.values()) {
                progress.checkCancelled();
                ExistingQuery row = existing.get(draft.key());
                String other = keyByText.get(draft.text().strip());
                if (row == null && other != null) {
                    // the catalog holds this query already, from another source: keep that one and its gold
                    sameText.add(draft.key() + " = " + other);
                    qUnchanged++;
                    continue;
                }
                // gold the source does not state is kept, and so is a split it does not name
                boolean goldStated = !draft.goldRefs().isEmpty();
                GoldResolver.Resolution gold = goldStated || row == null ? resolver.resolve(draft)
                        : new GoldResolver.Resolution(row.gold(), row.unresolved());
                Split split = splitOf(draft, row, !gold.keys().isEmpty() || !gold.unresolved().isEmpty());
                String hash = Hashing.sha256Hex(draft.text(), split.id(), Json.write(gold.keys()), Json.write(gold.unresolved()));
                if (row != null && row.hash().equals(hash)) {
                    qUnchanged++;
                    continue;
                }
                long queryId;
                if (row == null) {
                    ins.setLong(1, catalogId);
                    ins.setString(2, draft.key());
                    ins.setLong(3, ordinal++);
                    ins.setString(4, draft.text());
                    ins.setString(5, split.id());
                    ins.setString(6, hash);
                    ins.setString(7, Json.write(gold.unresolved()));
                    ins.setLong(8, importId);
                    ins.executeUpdate();
                    try (ResultSet keys = ins.getGeneratedKeys()) {
                        keys.next();
                        queryId = keys.getLong(1);
                    }
                    qAdded++;
                } else {
                    upd.setString(1, draft.text());
                    upd.setString(2, split.id());
                    upd.setString(3, hash);
                    upd.setString(4, Json.write(gold.unresolved()));
                    upd.setLong(5, importId);
                    upd.setLong(6, row.id());
                    upd.executeUpdate();
                    queryId = row.id();
                    qUpdated++;
                    if (!goldStated) {
                        continue;
                    }
                    deleteGold.setLong(1, queryId);
                    deleteGold.executeUpdate();
                }
                int position = 0;
                for (String key : gold.keys()) {
                    insertGold.setLong(1, queryId);
                    insertGold.setLong(2, toolIds.get(key));
                    insertGold.setInt(3, position++);
                    insertGold.addBatch();
                }
            }
            insertGold.executeBatch();
        }
        if (!sameText.isEmpty()) {
            warnings.add(sameText.size() + " queries already in catalog '" + catalogName + "' with the same text under another key"
                    + " were kept as they are (counted unchanged), e.g. " + String.join(", ", sameText.subList(0, Math.min(3, sameText.size()))));
        }
        return new ImportReport.Counts(qAdded, qUpdated, qUnchanged);
    }

    /**
     * The split a query gets: the one its source names; else, for a query the catalog has, the split it has (an
     * unlabelled one that now has gold moves to train); else the user's choice, else train with gold, else unlabelled.
     */
    private Split splitOf(QueryDraft draft, ExistingQuery row, boolean hasGold) {
        if (draft.split() != null) {
            return draft.split();
        }
        if (row != null) {
            return row.split() == Split.UNLABELLED && hasGold ? Split.TRAIN : row.split();
        }
        return source.splitFor(hasGold);
    }

    /** Fills in the gold tool keys, in order, of the catalog's queries. */
    private void loadGold(Map<String, ExistingQuery> existing) throws SQLException {
        if (existing.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement("""
                SELECT q.query_key, t.tool_key FROM gold g JOIN query q ON q.id = g.query_id JOIN tool t ON t.id = g.tool_id
                WHERE q.catalog_id = ? ORDER BY q.id, g.position""")) {
            st.setLong(1, catalogId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    existing.get(rs.getString(1)).gold().add(rs.getString(2));
                }
            }
        }
    }

    private long catalogId() throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM catalog WHERE name = ?")) {
            st.setString(1, catalogName);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        CatalogNames.check(catalogName);
        try (PreparedStatement st = c.prepareStatement("INSERT INTO catalog (name, created_at) VALUES (?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            st.setString(1, catalogName);
            st.setString(2, Instant.now().toString());
            st.executeUpdate();
            try (ResultSet rs = st.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long insertImportEvent() throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO import_event (catalog_id, source, format, imported_at, report_json) VALUES (?, ?, ?, ?, '{}')",
                Statement.RETURN_GENERATED_KEYS)) {
            st.setLong(1, catalogId);
            st.setString(2, source.origin());
            st.setString(3, importer.format());
            st.setString(4, Instant.now().toString());
            st.executeUpdate();
            try (ResultSet rs = st.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void loadExistingTools() throws SQLException {
        Map<String, String> sources = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT t.tool_key, t.id, t.content_hash, t.ordinal, e.source
                FROM tool t LEFT JOIN import_event e ON e.id = t.import_id WHERE t.catalog_id = ?""")) {
            st.setLong(1, catalogId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    existingTools.put(rs.getString(1), new ExistingRow(rs.getLong(2), rs.getString(3)));
                    nextOrdinal = Math.max(nextOrdinal, rs.getLong(4) + 1);
                    String from = rs.getString(5);
                    if (from != null) {
                        // one String per source, not one per tool
                        existingToolSources.put(rs.getString(1), sources.computeIfAbsent(from, f -> f));
                    }
                }
            }
        }
    }

    /** The catalog's tool ids by key, in catalog order. */
    private Map<String, Long> toolIds() throws SQLException {
        Map<String, Long> ids = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT tool_key, id FROM tool WHERE catalog_id = ? ORDER BY ordinal")) {
            st.setLong(1, catalogId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return ids;
    }

    /** The report with the first tools and queries read, for a look before committing. */
    ImportPreview preview(ImportReport report) {
        return new ImportPreview(report, List.copyOf(firstTools), List.copyOf(firstQueries));
    }

    private record ExistingRow(long id, String hash) {
    }

    /** A query the catalog holds, with what a re-import keeps when the source does not restate it. */
    private record ExistingQuery(long id, String hash, Split split, List<String> gold, List<String> unresolved) {
    }
}
