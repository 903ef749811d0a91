-- Verdant store, schema version 2: tags, notes, the model artifact folder, and indexes for the run list.

ALTER TABLE runs ADD COLUMN model_dir TEXT;

CREATE TABLE tags (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    tag    TEXT    NOT NULL,
    PRIMARY KEY (run_id, tag)
);
CREATE INDEX tags_tag ON tags (tag);

CREATE TABLE notes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL,
    text       TEXT    NOT NULL
);
CREATE INDEX notes_run ON notes (run_id, id);

CREATE INDEX runs_status ON runs (status);
CREATE INDEX runs_created ON runs (created_at);
