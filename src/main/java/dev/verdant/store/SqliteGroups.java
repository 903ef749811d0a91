package dev.verdant.store;

import dev.verdant.spec.ExperimentSpec;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Run groups in SQLite: the {@code run_groups} table and the {@code runs.group_id} column. */
final class SqliteGroups {

    private final SqliteDb db;

    SqliteGroups(SqliteDb db) {
        this.db = db;
    }

    long createGroup(ExperimentSpec spec) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO run_groups (name, repeats, spec_json, created_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, spec.name());
                ps.setInt(2, spec.repeats());
                ps.setString(3, Rows.specJson(spec));
                ps.setString(4, Instant.now().toString());
                ps.executeUpdate();
            }
            return SqliteDb.lastId(c);
        });
    }

    void addToGroup(long groupId, long runId) {
        db.write(c -> {
            SqliteDb.requireRun(c, runId);
            try (PreparedStatement check = c.prepareStatement("SELECT 1 FROM run_groups WHERE id = ?")) {
                check.setLong(1, groupId);
                try (ResultSet rs = check.executeQuery()) {
                    if (!rs.next()) {
                        throw Checks.noGroup(groupId);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET group_id = ? WHERE id = ?")) {
                ps.setLong(1, groupId);
                ps.setLong(2, runId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    List<StoredGroup> groups() {
        return db.snapshot(c -> {
            Map<Long, List<Long>> members = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT group_id, id FROM runs WHERE group_id IS NOT NULL ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    members.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                }
            }
            List<StoredGroup> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, name, repeats, created_at FROM run_groups ORDER BY id DESC");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    out.add(new StoredGroup(id, rs.getString(2), rs.getInt(3), rs.getString(4),
                            members.getOrDefault(id, List.of())));
                }
            }
            return out;
        });
    }
}
