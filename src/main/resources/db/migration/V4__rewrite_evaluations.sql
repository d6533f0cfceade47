-- What the query side of an evaluation was: the original queries, an LM's rewrites, or a fusion of both.
ALTER TABLE eval_run ADD COLUMN queries TEXT NOT NULL DEFAULT 'original queries';

-- An evaluation with a rewriter: three comparable runs over the same queries.
CREATE TABLE rewrite_eval (
    id              INTEGER PRIMARY KEY,
    align_run_id    INTEGER REFERENCES align_run (id) ON DELETE SET NULL,
    adapter         TEXT,
    mode            TEXT    NOT NULL,
    original_run_id INTEGER NOT NULL REFERENCES eval_run (id) ON DELETE CASCADE,
    rewrite_run_id  INTEGER NOT NULL REFERENCES eval_run (id) ON DELETE CASCADE,
    fusion_run_id   INTEGER NOT NULL REFERENCES eval_run (id) ON DELETE CASCADE,
    created_at      TEXT    NOT NULL
);
