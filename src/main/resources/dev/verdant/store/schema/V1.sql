-- Verdant store, schema version 1. Applied once, in one transaction; never edit a released script,
-- add a new V<n>.sql instead. Statements are separated by a semicolon at the end of a line.

-- One row per run. The spec and provenance are kept whole as JSON (they are the reproducible record);
-- the columns beside them are copies of what lists filter and sort on.
CREATE TABLE runs (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    name               TEXT    NOT NULL,
    status             TEXT    NOT NULL,
    message            TEXT,
    spec_json          TEXT    NOT NULL,
    provenance_json    TEXT,
    dataset            TEXT,
    arch               TEXT,
    seed               INTEGER,
    created_at         TEXT    NOT NULL,
    started_at         TEXT,
    ended_at           TEXT,
    owner_pid          INTEGER,
    owner_started_ms   INTEGER,
    accuracy           REAL,
    loss               REAL,
    params             INTEGER,
    flops_per_sample   INTEGER,
    model_bytes        INTEGER,
    train_seconds      REAL,
    samples_per_second REAL,
    epochs_completed   INTEGER,
    stop_reason        TEXT,
    energy_joules      REAL,
    train_energy_joules REAL,
    eval_energy_joules REAL,
    avg_power_watts    REAL,
    co2e_grams         REAL,
    cost_usd           REAL,
    energy_method      TEXT,
    joules_to_target   REAL
);

CREATE TABLE epochs (
    run_id                   INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    epoch                    INTEGER NOT NULL,
    train_loss               REAL,
    train_accuracy           REAL,
    val_loss                 REAL,
    val_accuracy             REAL,
    seconds                  REAL,
    samples_per_second       REAL,
    learning_rate            REAL,
    flops_per_sample         INTEGER,
    energy_joules            REAL,
    cumulative_energy_joules REAL,
    PRIMARY KEY (run_id, epoch)
);

CREATE TABLE batches (
    run_id             INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    epoch              INTEGER NOT NULL,
    batch              INTEGER NOT NULL,
    loss               REAL,
    accuracy           REAL,
    samples_per_second REAL,
    seconds            REAL,
    PRIMARY KEY (run_id, epoch, batch)
);

CREATE TABLE power_samples (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id  INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seconds REAL    NOT NULL,
    watts   REAL,
    phase   TEXT,
    method  TEXT
);
CREATE INDEX power_samples_run ON power_samples (run_id, id);

CREATE TABLE compression_steps (
    run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step_index INTEGER NOT NULL,
    step_json  TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    PRIMARY KEY (run_id, step_index)
);
