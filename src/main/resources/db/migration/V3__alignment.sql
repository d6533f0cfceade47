-- QTA alignment runs: settings, status, preference pairs (reviewable), per-step training records, checkpoints.
CREATE TABLE align_run (
    id           INTEGER PRIMARY KEY,
    catalog_id   INTEGER NOT NULL REFERENCES catalog (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    model        TEXT    NOT NULL,
    settings_json TEXT   NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('created', 'sampling', 'review', 'training', 'completed', 'failed', 'cancelled')),
    error        TEXT,
    round        INTEGER NOT NULL DEFAULT 1,
    summary_json TEXT,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);

CREATE TABLE preference_pair (
    id                  INTEGER PRIMARY KEY,
    run_id              INTEGER NOT NULL REFERENCES align_run (id) ON DELETE CASCADE,
    round               INTEGER NOT NULL,
    query_key           TEXT    NOT NULL,
    query_text          TEXT    NOT NULL,
    prompt              TEXT    NOT NULL,
    chosen              TEXT    NOT NULL,
    rejected            TEXT    NOT NULL,
    chosen_score_json   TEXT    NOT NULL,
    rejected_score_json TEXT    NOT NULL,
    candidates_json     TEXT    NOT NULL,
    status              TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
    edited              INTEGER NOT NULL DEFAULT 0,
    reference_chosen    REAL,
    reference_rejected  REAL,
    UNIQUE (run_id, round, query_key)
);

CREATE TABLE train_step (
    run_id           INTEGER NOT NULL REFERENCES align_run (id) ON DELETE CASCADE,
    round            INTEGER NOT NULL,
    step             INTEGER NOT NULL,
    epoch            INTEGER NOT NULL,
    loss             REAL    NOT NULL,
    reward_chosen    REAL    NOT NULL,
    reward_rejected  REAL    NOT NULL,
    reward_margin    REAL    NOT NULL,
    reward_accuracy  REAL    NOT NULL,
    learning_rate    REAL    NOT NULL,
    tokens_per_second REAL   NOT NULL,
    PRIMARY KEY (run_id, round, step)
);

CREATE TABLE align_checkpoint (
    run_id      INTEGER NOT NULL REFERENCES align_run (id) ON DELETE CASCADE,
    round       INTEGER NOT NULL,
    epoch       INTEGER NOT NULL,
    step        INTEGER NOT NULL,
    path        TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (run_id, round, epoch)
);
