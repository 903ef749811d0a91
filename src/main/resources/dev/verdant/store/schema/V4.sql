-- Verdant store, schema version 4: run groups (issue 11, repeats). A spec with repeats: N runs N times with seeds
-- seed .. seed+N-1; each member is an ordinary run row whose group_id names the group. NULL in runs recorded
-- before, and in single runs.

CREATE TABLE run_groups (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL,
    repeats     INTEGER NOT NULL,
    spec_json   TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
);

ALTER TABLE runs ADD COLUMN group_id INTEGER REFERENCES run_groups (id);

CREATE INDEX runs_group_id ON runs (group_id);
