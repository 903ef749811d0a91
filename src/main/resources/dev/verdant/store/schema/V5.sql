-- Verdant store, schema version 5: sweeps (issue 13). A sweep varies a base spec over parameters; each unit of work
-- (a configuration at a rung, for one seed) is a trial, and each time a trial is handed to a runner (this process or
-- a cluster worker) is an attempt: one row per (trial_id, attempt). A trial's result is committed once per attempt
-- (status leaves pending/running exactly once); a resumed sweep reruns trials whose attempts were interrupted and
-- keeps the ones that finished. A trial's run is an ordinary row of runs.

CREATE TABLE sweeps (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    name             TEXT    NOT NULL,
    method           TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    stop_reason      TEXT,
    message          TEXT,
    spec_json        TEXT    NOT NULL,
    created_at       TEXT    NOT NULL,
    ended_at         TEXT,
    elapsed_seconds  REAL    NOT NULL DEFAULT 0,
    summary_json     TEXT,
    owner_pid        INTEGER,
    owner_started_ms INTEGER
);

CREATE TABLE sweep_trials (
    sweep_id       INTEGER NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
    trial_id       TEXT    NOT NULL,
    attempt        INTEGER NOT NULL,
    config         INTEGER NOT NULL,
    bracket        INTEGER NOT NULL DEFAULT 0,
    rung           INTEGER NOT NULL DEFAULT 0,
    repeat         INTEGER NOT NULL DEFAULT 0,
    epochs         INTEGER NOT NULL,
    params_json    TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    run_id         INTEGER REFERENCES runs (id) ON DELETE SET NULL,
    worker         TEXT,
    accuracy       REAL,
    energy_joules  REAL,
    energy_method  TEXT,
    seconds        REAL,
    metrics_json   TEXT,
    message        TEXT,
    started_at     TEXT,
    ended_at       TEXT,
    PRIMARY KEY (trial_id, attempt)
);

CREATE INDEX sweep_trials_sweep ON sweep_trials (sweep_id, config, rung);

-- The energy-to-target forecast made after each epoch of a run with a target accuracy (JSON: epochsToTarget,
-- joulesToTarget, low, high); NULL without a target, before epoch 3, or when the target looks out of reach.
ALTER TABLE epochs ADD COLUMN forecast_json TEXT;
