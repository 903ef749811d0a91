package dev.verdant.store;

import dev.verdant.result.EpochRecord;
import dev.verdant.result.PowerSample;
import dev.verdant.result.RunResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

/**
 * Writes {@code src/test/resources/store/verdant-v1.db}: a store at schema version 1 (rollback journal, one
 * file) with two finished runs, written with plain SQL against the V1 tables exactly as build 0.1 did.
 * Kept so the fixture can be recreated; never rewrite the committed file for a later schema.
 * Run: {@code java -cp target/classes:target/test-classes:<deps> dev.verdant.store.FixtureWriter OUT.db}.
 */
public final class FixtureWriter {

    private FixtureWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/store/verdant-v1.db");
        Files.deleteIfExists(out);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out)) {
            Schema.migrate(c, 1);
            insert(c, Samples.result("fixture-mlp", 0.91, 123.0), "2025-06-01T10:00:00Z");
            insert(c, Samples.result("fixture-noenergy", 0.87, null), "2025-06-02T10:00:00Z");
            c.createStatement().execute("VACUUM");
        }
    }

    private static void insert(Connection c, RunResult r, String createdAt) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (name, status, message, spec_json, "
                + "provenance_json, dataset, arch, seed, created_at, started_at, ended_at, " + Rows.FINAL_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?" + ", ?".repeat(Rows.FINAL_COLUMN_COUNT) + ")")) {
            ps.setString(1, r.name());
            ps.setString(2, r.status().label());
            ps.setString(3, r.message());
            ps.setString(4, Rows.specJson(r.spec()));
            ps.setString(5, Rows.provenanceJson(r.provenance()));
            ps.setString(6, r.spec().dataset().name());
            ps.setString(7, r.spec().model().arch().label());
            ps.setLong(8, r.spec().seed());
            ps.setString(9, createdAt);
            ps.setString(10, r.startedAt());
            ps.setString(11, r.endedAt());
            Rows.bindFinal(ps, 12, r.finalMetrics());
            ps.executeUpdate();
        }
        long id;
        try (var rs = c.createStatement().executeQuery("SELECT last_insert_rowid()")) {
            rs.next();
            id = rs.getLong(1);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO epochs (run_id, " + Rows.EPOCH_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (EpochRecord e : r.epochs()) {
                Rows.bindEpoch(ps, id, e);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO power_samples (run_id, seconds, watts, phase, method) VALUES (?, ?, ?, ?, ?)")) {
            for (PowerSample p : r.power()) {
                Rows.bindPower(ps, id, p);
                ps.executeUpdate();
            }
        }
    }
}
