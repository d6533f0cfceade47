-- Catalogs, tools, queries, gold sets, splits and where each import came from.
CREATE TABLE catalog (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    created_at  TEXT    NOT NULL
);

CREATE TABLE import_event (
    id          INTEGER PRIMARY KEY,
    catalog_id  INTEGER NOT NULL REFERENCES catalog (id) ON DELETE CASCADE,
    source      TEXT    NOT NULL,
    format      TEXT    NOT NULL,
    imported_at TEXT    NOT NULL,
    report_json TEXT    NOT NULL
);

CREATE TABLE tool (
    id              INTEGER PRIMARY KEY,
    catalog_id      INTEGER NOT NULL REFERENCES catalog (id) ON DELETE CASCADE,
    tool_key        TEXT    NOT NULL,
    ordinal         INTEGER NOT NULL,
    name            TEXT    NOT NULL,
    description     TEXT    NOT NULL,
    method          TEXT,
    path            TEXT,
    parameters_json TEXT    NOT NULL,
    category        TEXT,
    tags_json       TEXT    NOT NULL,
    format          TEXT    NOT NULL,
    document_json   TEXT    NOT NULL,
    content_hash    TEXT    NOT NULL,
    import_id       INTEGER REFERENCES import_event (id) ON DELETE SET NULL,
    UNIQUE (catalog_id, tool_key)
);
CREATE INDEX tool_catalog_ordinal ON tool (catalog_id, ordinal);

-- Full-text search over name and description, kept in step with tool by triggers.
CREATE VIRTUAL TABLE tool_fts USING fts5 (
    name, description, content = 'tool', content_rowid = 'id', tokenize = 'porter unicode61'
);
CREATE TRIGGER tool_fts_insert AFTER INSERT ON tool BEGIN
    INSERT INTO tool_fts (rowid, name, description) VALUES (new.id, new.name, new.description);
END;
CREATE TRIGGER tool_fts_delete AFTER DELETE ON tool BEGIN
    INSERT INTO tool_fts (tool_fts, rowid, name, description) VALUES ('delete', old.id, old.name, old.description);
END;
CREATE TRIGGER tool_fts_update AFTER UPDATE OF name, description ON tool BEGIN
    INSERT INTO tool_fts (tool_fts, rowid, name, description) VALUES ('delete', old.id, old.name, old.description);
    INSERT INTO tool_fts (rowid, name, description) VALUES (new.id, new.name, new.description);
END;

CREATE TABLE query (
    id           INTEGER PRIMARY KEY,
    catalog_id   INTEGER NOT NULL REFERENCES catalog (id) ON DELETE CASCADE,
    query_key    TEXT    NOT NULL,
    ordinal      INTEGER NOT NULL,
    text         TEXT    NOT NULL,
    split        TEXT    NOT NULL CHECK (split IN ('train', 'test', 'unlabelled')),
    content_hash TEXT    NOT NULL,
    -- gold references from the source that matched no tool, kept so they are never silently lost
    unresolved_gold_json TEXT NOT NULL DEFAULT '[]',
    import_id    INTEGER REFERENCES import_event (id) ON DELETE SET NULL,
    UNIQUE (catalog_id, query_key)
);
CREATE INDEX query_catalog_ordinal ON query (catalog_id, ordinal);

CREATE TABLE gold (
    query_id INTEGER NOT NULL REFERENCES query (id) ON DELETE CASCADE,
    tool_id  INTEGER NOT NULL REFERENCES tool (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (query_id, tool_id)
);
CREATE INDEX gold_tool ON gold (tool_id);
