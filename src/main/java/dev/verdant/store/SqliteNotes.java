package dev.verdant.store;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;

/** What people add to a run after the fact, in SQLite: tags and notes. */
final class SqliteNotes {

    private final SqliteDb db;

    SqliteNotes(SqliteDb db) {
        this.db = db;
    }

    void tag(long runId, String tag) {
        String clean = Checks.requireText(tag, "tag");
        db.write(c -> {
            SqliteDb.requireRun(c, runId);
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO tags (run_id, tag) VALUES (?, ?)")) {
                ps.setLong(1, runId);
                ps.setString(2, clean);
                ps.executeUpdate();
            }
            return null;
        });
    }

    void untag(long runId, String tag) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tags WHERE run_id = ? AND tag = ?")) {
                ps.setLong(1, runId);
                ps.setString(2, tag);
                ps.executeUpdate();
            }
            return null;
        });
    }

    long note(long runId, String text) {
        String clean = Checks.requireText(text, "note");
        return db.write(c -> {
            SqliteDb.requireRun(c, runId);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO notes (run_id, created_at, text) VALUES (?, ?, ?)")) {
                ps.setLong(1, runId);
                ps.setString(2, Instant.now().toString());
                ps.setString(3, clean);
                ps.executeUpdate();
            }
            return SqliteDb.lastId(c);
        });
    }

    List<String> tags(long runId) {
        return db.read(c -> SqliteDb.rows(c, "SELECT tag FROM tags WHERE run_id = ? ORDER BY tag", runId,
                rs -> rs.getString(1)));
    }

    List<Note> notes(long runId) {
        return db.read(c -> SqliteDb.rows(c, "SELECT * FROM notes WHERE run_id = ? ORDER BY id", runId,
                rs -> new Note(rs.getLong("id"), rs.getLong("run_id"), rs.getString("created_at"),
                        rs.getString("text"))));
    }
}
