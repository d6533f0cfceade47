-- Experiments: a named grid over alignment settings, run as a queue of cells (alignment + rewrite evaluation).
-- Numbered 100 above the highest migration of the branch it was written on, so that a migration added elsewhere meanwhile does not clash.
CREATE TABLE experiment (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    kind       TEXT    NOT NULL,
    spec_json  TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);

-- One cell of the grid: a grid point (cells of a point differ only by seed), its plan, its state and its runs.
-- A cell is committed as done together with its results, so a resumed experiment never reruns it.
CREATE TABLE experiment_cell (
    id              INTEGER PRIMARY KEY,
    experiment_id   INTEGER NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
    ordinal         INTEGER NOT NULL,
    point           TEXT    NOT NULL,
    seed            INTEGER NOT NULL,
    plan_json       TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'aligning', 'evaluating', 'done', 'failed', 'cancelled')),
    error           TEXT,
    align_run_id    INTEGER REFERENCES align_run (id) ON DELETE SET NULL,
    rewrite_eval_id INTEGER REFERENCES rewrite_eval (id) ON DELETE SET NULL,
    results_json    TEXT,
    updated_at      TEXT    NOT NULL,
    UNIQUE (experiment_id, ordinal)
);
