package dev.verdant.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Sweeps in SQLite: the {@code sweeps} and {@code sweep_trials} tables (schema version 5). */
final class SqliteSweeps implements SweepStore {

    private static final String SWEEP_COLUMNS = "id, name, method, status, stop_reason, message, spec_json, "
            + "created_at, ended_at, elapsed_seconds, summary_json";
    private static final String TRIAL_COLUMNS = "sweep_id, trial_id, attempt, config, bracket, rung, repeat, epochs, "
            + "params_json, status, run_id, worker, accuracy, energy_joules, energy_method, seconds, metrics_json, "
            + "message, started_at, ended_at";

    private final SqliteDb db;

    SqliteSweeps(SqliteDb db) {
        this.db = db;
    }

    @Override
    public long createSweep(String name, String method, String specJson) {
        OwnerProcess owner = OwnerProcess.current();
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sweeps (name, method, status, spec_json, "
                    + "created_at, owner_pid, owner_started_ms) VALUES (?, ?, 'running', ?, ?, ?, ?)")) {
                ps.setString(1, name);
                ps.setString(2, method);
                ps.setString(3, specJson);
                ps.setString(4, Instant.now().toString());
                bindOwner(ps, 5, owner);
                ps.executeUpdate();
            }
            return SqliteDb.lastId(c);
        });
    }

    private static void bindOwner(PreparedStatement ps, int first, OwnerProcess owner) throws SQLException {
        ps.setLong(first, owner.pid());
        if (owner.startedMs() == null) {
            ps.setNull(first + 1, Types.INTEGER);
        } else {
            ps.setLong(first + 1, owner.startedMs());
        }
    }

    @Override
    public Optional<StoredSweep> sweep(long sweepId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SWEEP_COLUMNS + " FROM sweeps WHERE id = ?")) {
                ps.setLong(1, sweepId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(sweep(rs)) : Optional.<StoredSweep>empty();
                }
            }
        });
    }

    @Override
    public List<StoredSweep> sweeps() {
        return db.read(c -> {
            List<StoredSweep> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT " + SWEEP_COLUMNS + " FROM sweeps ORDER BY id DESC")) {
                while (rs.next()) {
                    out.add(sweep(rs));
                }
            }
            return out;
        });
    }

    private static StoredSweep sweep(ResultSet rs) throws SQLException {
        return new StoredSweep(rs.getLong("id"), rs.getString("name"), rs.getString("method"),
                SweepStatus.of(rs.getString("status")), rs.getString("stop_reason"), rs.getString("message"),
                rs.getString("spec_json"), rs.getString("created_at"), rs.getString("ended_at"),
                rs.getDouble("elapsed_seconds"), rs.getString("summary_json"));
    }

    @Override
    public void claimSweep(long sweepId) {
        OwnerProcess owner = OwnerProcess.current();
        db.write(c -> {
            requireSweep(c, sweepId);
            try (PreparedStatement ps = c.prepareStatement("UPDATE sweeps SET status = 'running', stop_reason = NULL, "
                    + "message = NULL, ended_at = NULL, owner_pid = ?, owner_started_ms = ? WHERE id = ?")) {
                bindOwner(ps, 1, owner);
                ps.setLong(3, sweepId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void addElapsed(long sweepId, double seconds) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE sweeps SET elapsed_seconds = elapsed_seconds + ? WHERE id = ?")) {
                ps.setDouble(1, seconds);
                ps.setLong(2, sweepId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void finishSweep(long sweepId, SweepStatus status, String stopReason, String message, String summaryJson) {
        db.write(c -> {
            requireSweep(c, sweepId);
            try (PreparedStatement ps = c.prepareStatement("UPDATE sweeps SET status = ?, stop_reason = ?, "
                    + "message = ?, summary_json = ?, ended_at = ? WHERE id = ?")) {
                ps.setString(1, status.label());
                ps.setString(2, stopReason);
                ps.setString(3, message);
                ps.setString(4, summaryJson);
                ps.setString(5, Instant.now().toString());
                ps.setLong(6, sweepId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Long> recoverInterruptedSweeps() {
        return db.write(c -> {
            List<Long> dead = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, owner_pid, "
                    + "owner_started_ms FROM sweeps WHERE status = 'running' AND owner_pid IS NOT NULL")) {
                while (rs.next()) {
                    OwnerProcess owner = new OwnerProcess(rs.getLong(2), Rows.nullableLong(rs, "owner_started_ms"));
                    if (!owner.isAlive()) {
                        dead.add(rs.getLong(1));
                    }
                }
            }
            for (long id : dead) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE sweeps SET status = 'interrupted', message = "
                        + "'its process died; resume it with verdant sweep --resume " + id + "' WHERE id = ?")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE sweep_trials SET status = 'interrupted' "
                        + "WHERE sweep_id = ? AND status IN ('pending', 'running')")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
            }
            return dead;
        });
    }

    @Override
    public void addTrial(TrialRecord t) {
        db.write(c -> {
            requireSweep(c, t.sweepId());
            try (PreparedStatement check = c.prepareStatement(
                    "SELECT 1 FROM sweep_trials WHERE trial_id = ? AND attempt = ?")) {
                check.setString(1, t.trialId());
                check.setInt(2, t.attempt());
                try (ResultSet rs = check.executeQuery()) {
                    if (rs.next()) {
                        throw new StoreException("trial " + t.trialId() + " attempt " + t.attempt()
                                + " is already stored; a new attempt needs the next attempt number");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sweep_trials (" + TRIAL_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bindTrial(ps, t);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static void bindTrial(PreparedStatement ps, TrialRecord t) throws SQLException {
        ps.setLong(1, t.sweepId());
        ps.setString(2, t.trialId());
        ps.setInt(3, t.attempt());
        ps.setInt(4, t.config());
        ps.setInt(5, t.bracket());
        ps.setInt(6, t.rung());
        ps.setInt(7, t.repeat());
        ps.setInt(8, t.epochs());
        ps.setString(9, t.paramsJson());
        ps.setString(10, t.status().label());
        if (t.runId() == null) {
            ps.setNull(11, Types.INTEGER);
        } else {
            ps.setLong(11, t.runId());
        }
        ps.setString(12, t.worker());
        Rows.setDouble(ps, 13, t.accuracy());
        Rows.setDouble(ps, 14, t.energyJoules());
        ps.setString(15, t.energyMethod());
        Rows.setDouble(ps, 16, t.seconds());
        ps.setString(17, t.metricsJson());
        ps.setString(18, t.message());
        ps.setString(19, t.startedAt());
        ps.setString(20, t.endedAt());
    }

    @Override
    public void trialStarted(String trialId, int attempt, String worker) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sweep_trials SET status = 'running', worker = ?, "
                    + "started_at = ? WHERE trial_id = ? AND attempt = ? AND status IN ('pending', 'running')")) {
                ps.setString(1, worker);
                ps.setString(2, Instant.now().toString());
                ps.setString(3, trialId);
                ps.setInt(4, attempt);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void trialRun(String trialId, int attempt, long runId) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE sweep_trials SET run_id = ? WHERE trial_id = ? AND attempt = ?")) {
                ps.setLong(1, runId);
                ps.setString(2, trialId);
                ps.setInt(3, attempt);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean commitTrial(TrialRecord r) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sweep_trials SET status = ?, "
                    + "run_id = coalesce(?, run_id), worker = coalesce(?, worker), accuracy = ?, energy_joules = ?, "
                    + "energy_method = ?, seconds = ?, metrics_json = ?, message = ?, ended_at = ?, epochs = ? "
                    + "WHERE trial_id = ? AND attempt = ? AND status IN ('pending', 'running')")) {
                ps.setString(1, r.status().label());
                if (r.runId() == null) {
                    ps.setNull(2, Types.INTEGER);
                } else {
                    ps.setLong(2, r.runId());
                }
                ps.setString(3, r.worker());
                Rows.setDouble(ps, 4, r.accuracy());
                Rows.setDouble(ps, 5, r.energyJoules());
                ps.setString(6, r.energyMethod());
                Rows.setDouble(ps, 7, r.seconds());
                ps.setString(8, r.metricsJson());
                ps.setString(9, r.message());
                ps.setString(10, r.endedAt() != null ? r.endedAt() : Instant.now().toString());
                ps.setInt(11, r.epochs()); // rungs in joules know a trial's epochs only at its end
                ps.setString(12, r.trialId());
                ps.setInt(13, r.attempt());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void setTrialStatus(String trialId, int attempt, TrialStatus status, String message) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sweep_trials SET status = ?, "
                    + "message = coalesce(?, message) WHERE trial_id = ? AND attempt = ?")) {
                ps.setString(1, status.label());
                ps.setString(2, message);
                ps.setString(3, trialId);
                ps.setInt(4, attempt);
                if (ps.executeUpdate() != 1) {
                    throw new StoreException("no trial " + trialId + " attempt " + attempt + " in the store");
                }
            }
            return null;
        });
    }

    @Override
    public int interruptOpenTrials(long sweepId) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sweep_trials SET status = 'interrupted' "
                    + "WHERE sweep_id = ? AND status IN ('pending', 'running')")) {
                ps.setLong(1, sweepId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<TrialRecord> trials(long sweepId) {
        return db.read(c -> SqliteDb.rows(c, "SELECT " + TRIAL_COLUMNS + " FROM sweep_trials WHERE sweep_id = ? "
                + "ORDER BY config, rung, repeat, attempt", sweepId, SqliteSweeps::trial));
    }

    private static TrialRecord trial(ResultSet rs) throws SQLException {
        return new TrialRecord(rs.getLong("sweep_id"), rs.getString("trial_id"), rs.getInt("attempt"),
                rs.getInt("config"), rs.getInt("bracket"), rs.getInt("rung"), rs.getInt("repeat"),
                rs.getInt("epochs"), rs.getString("params_json"), TrialStatus.of(rs.getString("status")),
                Rows.nullableLong(rs, "run_id"), rs.getString("worker"), Rows.nullable(rs, "accuracy"),
                Rows.nullable(rs, "energy_joules"), rs.getString("energy_method"), Rows.nullable(rs, "seconds"),
                rs.getString("metrics_json"), rs.getString("message"), rs.getString("started_at"),
                rs.getString("ended_at"));
    }

    @Override
    public void deleteSweep(long sweepId) {
        db.write(c -> {
            requireSweep(c, sweepId);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sweep_trials WHERE sweep_id = ?")) {
                ps.setLong(1, sweepId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sweeps WHERE id = ?")) {
                ps.setLong(1, sweepId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static void requireSweep(Connection c, long sweepId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sweeps WHERE id = ?")) {
            ps.setLong(1, sweepId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("there is no sweep " + sweepId + " in the store; 'verdant sweeps list' "
                            + "shows the stored ones");
                }
            }
        }
    }
}
