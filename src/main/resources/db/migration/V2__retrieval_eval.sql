-- Retrieval and evaluation: registered embedding models, the embedding cache, evaluation runs.

-- ONNX embedding models a user added (the built-in all-MiniLM-L6-v2 is not listed here).
CREATE TABLE embedding_model (
    name          TEXT    PRIMARY KEY,
    folder        TEXT    NOT NULL,
    pooling       TEXT    NOT NULL CHECK (pooling IN ('mean', 'cls')),
    normalize     INTEGER NOT NULL,
    max_tokens    INTEGER NOT NULL,
    fingerprint   TEXT    NOT NULL,
    registered_at TEXT    NOT NULL
);

-- One vector per (model, text): a text is embedded once per model, whatever catalog or query it came from.
CREATE TABLE embedding_cache (
    model_id  TEXT    NOT NULL,
    text_hash TEXT    NOT NULL,
    dimension INTEGER NOT NULL,
    vector    BLOB    NOT NULL,
    PRIMARY KEY (model_id, text_hash)
) WITHOUT ROWID;

-- An evaluation: a retriever config over a catalog's queries, with its metrics (percent) and time taken.
-- Runs outlive their catalog (catalog_id becomes NULL) so reports stay comparable.
CREATE TABLE eval_run (
    id                INTEGER PRIMARY KEY,
    catalog_id        INTEGER REFERENCES catalog (id) ON DELETE SET NULL,
    catalog_name      TEXT    NOT NULL,
    split             TEXT,
    retriever_json    TEXT    NOT NULL,
    ks_json           TEXT    NOT NULL,
    metrics_json      TEXT    NOT NULL,
    query_count       INTEGER NOT NULL,
    excluded_count    INTEGER NOT NULL,
    tool_count        INTEGER NOT NULL,
    tools_fingerprint TEXT    NOT NULL,
    wall_ms           INTEGER NOT NULL,
    created_at        TEXT    NOT NULL
);

-- Per evaluated query: its gold tools with the rank each got, and the top of the ranking (for TREC export).
CREATE TABLE eval_query (
    run_id          INTEGER NOT NULL REFERENCES eval_run (id) ON DELETE CASCADE,
    ordinal         INTEGER NOT NULL,
    query_key       TEXT    NOT NULL,
    query_text      TEXT    NOT NULL,
    gold_json       TEXT    NOT NULL,
    gold_ranks_json TEXT    NOT NULL,
    top_json        TEXT    NOT NULL,
    PRIMARY KEY (run_id, ordinal)
);
