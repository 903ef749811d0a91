package dev.verdant.store;

import dev.verdant.result.BatchRecord;
import dev.verdant.result.CompressionReport;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.PowerSample;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's measurements in SQLite: epochs, training batches, power samples and compression steps. The
 * connection-level helpers are also used by {@link SqliteRuns} inside its own transactions (finishing,
 * importing and loading a run touch its metrics in the same transaction).
 */
final class SqliteMetrics {

    private final SqliteDb db;

    SqliteMetrics(SqliteDb db) {
        this.db = db;
    }

    void appendEpoch(long runId, EpochRecord epoch) {
        db.write(c -> {
            SqliteDb.requireRun(c, runId);
            insertEpochs(c, runId, List.of(epoch));
            return null;
        });
    }

    void appendBatches(long runId, List<BatchRecord> batches) {
        if (batches.isEmpty()) {
            return;
        }
        db.write(c -> {
            SqliteDb.requireRun(c, runId);
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO batches (run_id, epoch, batch, "
                    + "loss, accuracy, samples_per_second, seconds) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (BatchRecord b : batches) {
                    Rows.bindBatch(ps, runId, b);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            thin(c, "batches", "epoch, batch", runId, RunStore.MAX_BATCHES_PER_RUN);
            return null;
        });
    }

    void appendPower(long runId, List<PowerSample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        db.write(c -> {
            SqliteDb.requireRun(c, runId);
            insertPower(c, runId, samples);
            thin(c, "power_samples", "id", runId, RunStore.MAX_POWER_SAMPLES_PER_RUN);
            return null;
        });
    }

    void appendCompressionStep(long runId, int index, String stepJson) {
        db.write(c -> {
            SqliteDb.requireRun(c, runId);
            insertStep(c, runId, index, stepJson);
            return null;
        });
    }

    List<String> compressionSteps(long runId) {
        return db.read(c -> SqliteDb.rows(c, "SELECT step_json FROM compression_steps WHERE run_id = ? "
                + "ORDER BY step_index", runId, rs -> rs.getString(1)));
    }

    List<BatchRecord> batches(long runId) {
        return db.read(c -> SqliteDb.rows(c, "SELECT * FROM batches WHERE run_id = ? ORDER BY epoch, batch", runId,
                Rows::batch));
    }

    // ---- inside a caller's transaction ----

    static List<EpochRecord> epochs(Connection c, long runId) throws SQLException {
        return SqliteDb.rows(c, "SELECT * FROM epochs WHERE run_id = ? ORDER BY epoch", runId, Rows::epoch);
    }

    static List<PowerSample> power(Connection c, long runId) throws SQLException {
        return SqliteDb.rows(c, "SELECT * FROM power_samples WHERE run_id = ? ORDER BY id", runId, Rows::power);
    }

    /** The compression steps read back as reports; a step that is not a report fails the load with its run id. */
    static List<CompressionReport> compressionReports(Connection c, long runId) throws SQLException {
        List<String> steps = SqliteDb.rows(c, "SELECT step_json FROM compression_steps WHERE run_id = ? "
                + "ORDER BY step_index", runId, rs -> rs.getString(1));
        List<CompressionReport> out = new ArrayList<>(steps.size());
        for (String json : steps) {
            out.add(Rows.compressionReport(runId, json));
        }
        return out;
    }

    /** Inserts epochs, replacing stored epochs with the same number. */
    static void insertEpochs(Connection c, long runId, List<EpochRecord> epochs) throws SQLException {
        if (epochs.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO epochs (run_id, " + Rows.EPOCH_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (EpochRecord e : epochs) {
                Rows.bindEpoch(ps, runId, e);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void insertPower(Connection c, long runId, List<PowerSample> samples) throws SQLException {
        if (samples.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO power_samples (run_id, seconds, watts, phase, method) VALUES (?, ?, ?, ?, ?)")) {
            for (PowerSample p : samples) {
                Rows.bindPower(ps, runId, p);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void insertStep(Connection c, long runId, int index, String stepJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO compression_steps (run_id, "
                + "step_index, step_json, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, runId);
            ps.setInt(2, index);
            ps.setString(3, stepJson);
            ps.setString(4, Instant.now().toString());
            ps.executeUpdate();
        }
    }

    /** Keeps every other row of the run (in {@code order}) once it has more than {@code max} rows. */
    private static void thin(Connection c, String table, String order, long runId, int max) throws SQLException {
        if (SqliteDb.count(c, table, runId) <= max) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE rowid IN (SELECT rowid FROM "
                + "(SELECT rowid, row_number() OVER (ORDER BY " + order + ") AS n FROM " + table
                + " WHERE run_id = ?) WHERE n % 2 = 0)")) {
            ps.setLong(1, runId);
            ps.executeUpdate();
        }
    }
}
