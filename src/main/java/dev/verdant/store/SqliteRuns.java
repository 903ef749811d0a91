package dev.verdant.store;

import dev.verdant.result.Provenance;
import dev.verdant.result.ResultJson;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ExperimentSpec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code runs} table: a run's life (created running, finished, imported, deleted, found interrupted) and
 * reading runs back whole or as list rows.
 */
final class SqliteRuns {

    /** Child tables of a run, deleted explicitly: other tools may open the file without foreign_keys = ON. */
    private static final List<String> CHILD_TABLES =
            List.of("epochs", "batches", "power_samples", "compression_steps", "tags", "notes");

    private final SqliteDb db;

    SqliteRuns(SqliteDb db) {
        this.db = db;
    }

    long createRun(ExperimentSpec spec, Provenance provenance) {
        OwnerProcess owner = OwnerProcess.current();
        String now = Instant.now().toString();
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (name, status, spec_json, "
                    + "provenance_json, dataset, arch, seed, created_at, started_at, owner_pid, owner_started_ms) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, spec.name());
                ps.setString(2, RunStatus.RUNNING.label());
                ps.setString(3, Rows.specJson(spec));
                ps.setString(4, Rows.provenanceJson(provenance));
                ps.setString(5, spec.dataset().name());
                ps.setString(6, spec.model().arch().label());
                ps.setLong(7, spec.seed());
                ps.setString(8, now);
                ps.setString(9, now);
                ps.setLong(10, owner.pid());
                if (owner.startedMs() == null) {
                    ps.setNull(11, Types.INTEGER);
                } else {
                    ps.setLong(11, owner.startedMs());
                }
                ps.executeUpdate();
            }
            return SqliteDb.lastId(c);
        });
    }

    void finishRun(long runId, RunResult result) {
        db.write(c -> {
            SqliteDb.requireRun(c, runId);
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET status = ?, message = ?, ended_at = ?, "
                    + "provenance_json = COALESCE(?, provenance_json), started_at = COALESCE(?, started_at), "
                    + Rows.FINAL_COLUMNS.replace(",", " = ?,") + " = ? WHERE id = ?")) {
                ps.setString(1, result.status().label());
                ps.setString(2, result.message());
                ps.setString(3, result.endedAt() != null ? result.endedAt() : Instant.now().toString());
                ps.setString(4, Rows.provenanceJson(result.provenance()));
                ps.setString(5, result.startedAt());
                Rows.bindFinal(ps, 6, result.finalMetrics());
                ps.setLong(6 + Rows.FINAL_COLUMN_COUNT, runId);
                ps.executeUpdate();
            }
            SqliteMetrics.insertEpochs(c, runId, result.epochs());
            if (!result.power().isEmpty() && SqliteDb.count(c, "power_samples", runId) == 0) {
                SqliteMetrics.insertPower(c, runId, result.power());
            }
            return null;
        });
    }

    long importRun(RunResult result) {
        Checks.requireSpec(result);
        ExperimentSpec spec = result.spec();
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (name, status, message, spec_json, "
                    + "provenance_json, dataset, arch, seed, created_at, started_at, ended_at, " + Rows.FINAL_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?" + ", ?".repeat(Rows.FINAL_COLUMN_COUNT) + ")")) {
                ps.setString(1, result.name() != null ? result.name() : spec.name());
                ps.setString(2, (result.status() != null ? result.status() : RunStatus.COMPLETED).label());
                ps.setString(3, result.message());
                ps.setString(4, Rows.specJson(spec));
                ps.setString(5, Rows.provenanceJson(result.provenance()));
                ps.setString(6, spec.dataset().name());
                ps.setString(7, spec.model().arch().label());
                ps.setLong(8, spec.seed());
                ps.setString(9, Instant.now().toString());
                ps.setString(10, result.startedAt());
                ps.setString(11, result.endedAt());
                Rows.bindFinal(ps, 12, result.finalMetrics());
                ps.executeUpdate();
            }
            long id = SqliteDb.lastId(c);
            SqliteMetrics.insertEpochs(c, id, result.epochs());
            SqliteMetrics.insertPower(c, id, result.power());
            for (int i = 0; i < result.compression().size(); i++) {
                SqliteMetrics.insertStep(c, id, i, ResultJson.write(result.compression().get(i)));
            }
            return id;
        });
    }

    Optional<ExperimentSpec> spec(long runId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT spec_json FROM runs WHERE id = ?")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Rows.spec(rs.getString(1))) : Optional.<ExperimentSpec>empty();
                }
            }
        });
    }

    Optional<RunResult> load(long runId) {
        return db.snapshot(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM runs WHERE id = ?")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<RunResult>empty();
                    }
                    return Optional.of(new RunResult(runId, rs.getString("name"),
                            RunStatus.fromLabel(rs.getString("status")), rs.getString("message"),
                            Rows.spec(rs.getString("spec_json")), Rows.provenance(rs.getString("provenance_json")),
                            Rows.finalMetrics(rs), SqliteMetrics.epochs(c, runId), SqliteMetrics.power(c, runId),
                            rs.getString("started_at"), rs.getString("ended_at"),
                            SqliteMetrics.compressionReports(c, runId)));
                }
            }
        });
    }

    List<RunSummary> list(RunFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT r.*, (SELECT count(*) FROM epochs e WHERE e.run_id = r.id) "
                + "AS epoch_rows, (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM tags t "
                + "WHERE t.run_id = r.id ORDER BY tag)) AS tag_list FROM runs r WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (filter.status() != null) {
            sql.append(" AND r.status = ?");
            args.add(filter.status().label());
        }
        if (filter.tag() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM tags t WHERE t.run_id = r.id AND t.tag = ?)");
            args.add(filter.tag());
        }
        if (filter.nameGlob() != null) {
            sql.append(" AND r.name GLOB ?");
            args.add(filter.nameGlob());
        }
        sql.append(" ORDER BY r.id DESC");
        if (filter.limit() != null) {
            sql.append(" LIMIT ?");
            args.add(filter.limit());
        }
        return db.read(c -> {
            List<RunSummary> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(summary(rs));
                    }
                }
            }
            return out;
        });
    }

    private static RunSummary summary(ResultSet rs) throws SQLException {
        String tagList = rs.getString("tag_list");
        Integer epochs = Rows.nullableInt(rs, "epochs_completed");
        return new RunSummary(rs.getLong("id"), rs.getString("name"), RunStatus.fromLabel(rs.getString("status")),
                rs.getString("dataset"), rs.getString("arch"), Rows.nullable(rs, "accuracy"),
                Rows.nullable(rs, "energy_joules"), Rows.nullable(rs, "co2e_grams"), Rows.nullableLong(rs, "params"),
                epochs != null ? epochs : rs.getInt("epoch_rows"), rs.getString("created_at"),
                rs.getString("started_at"), rs.getString("ended_at"),
                tagList == null ? List.of() : Arrays.asList(tagList.split("\u001f")));
    }

    /** Deletes the run's row and every child row; its model folder is the artifacts' business. */
    void delete(long runId) {
        db.write(c -> {
            SqliteDb.requireRun(c, runId);
            OwnerProcess owner = trainingOwner(c, runId);
            if (owner != null) {
                throw Checks.training(runId, owner);
            }
            for (String table : CHILD_TABLES) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE run_id = ?")) {
                    ps.setLong(1, runId);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM runs WHERE id = ?")) {
                ps.setLong(1, runId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** True when the run's status is running and the process training it is alive (here or elsewhere). */
    boolean isTraining(long runId) {
        return db.read(c -> trainingOwner(c, runId) != null);
    }

    private static OwnerProcess trainingOwner(Connection c, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT owner_pid, owner_started_ms FROM runs "
                + "WHERE id = ? AND status = 'running' AND owner_pid IS NOT NULL")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                OwnerProcess owner = new OwnerProcess(rs.getLong(1), Rows.nullableLong(rs, "owner_started_ms"));
                return owner.isAlive() ? owner : null;
            }
        }
    }

    List<Long> recoverInterrupted() {
        return db.write(c -> {
            List<Long> dead = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, owner_pid, "
                    + "owner_started_ms FROM runs WHERE status = 'running' AND owner_pid IS NOT NULL")) {
                while (rs.next()) {
                    OwnerProcess owner = new OwnerProcess(rs.getLong(2), Rows.nullableLong(rs, "owner_started_ms"));
                    if (!owner.isAlive()) {
                        dead.add(rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET status = 'interrupted', message = ? "
                    + "WHERE id = ? AND status = 'running'")) {
                for (long id : dead) {
                    ps.setString(1, Checks.INTERRUPTED_MESSAGE);
                    ps.setLong(2, id);
                    ps.executeUpdate();
                }
            }
            return dead;
        });
    }
}
