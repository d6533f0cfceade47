-- The query log of a tool-search server (off unless asked for): one row per answered request. The query itself is an
-- unlabelled query of the catalog (the same text served twice is one query), so the Annotate screen can label it;
-- deleting that query deletes its requests too.
CREATE TABLE served_request (
    id             INTEGER PRIMARY KEY,
    catalog_id     INTEGER NOT NULL REFERENCES catalog (id) ON DELETE CASCADE,
    query_id       INTEGER NOT NULL REFERENCES query (id) ON DELETE CASCADE,
    served_at      TEXT    NOT NULL,
    -- what answered: catalog, retriever and rewriter, as the server described itself
    configuration  TEXT    NOT NULL,
    k              INTEGER NOT NULL,
    namespace      TEXT,
    rewrite        TEXT,
    fallback       TEXT,
    micros         INTEGER NOT NULL,
    -- the keys of the returned tools, best first, as a JSON array
    tool_keys_json TEXT    NOT NULL
);
CREATE INDEX served_request_catalog_time ON served_request (catalog_id, served_at);
CREATE INDEX served_request_query ON served_request (query_id);
