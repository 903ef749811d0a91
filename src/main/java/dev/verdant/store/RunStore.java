package dev.verdant.store;

import dev.verdant.result.BatchRecord;
import dev.verdant.result.CompressionReport;
import dev.verdant.result.ResultJson;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.PowerSample;
import dev.verdant.result.Provenance;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ExperimentSpec;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Every run Verdant makes, in one SQLite file. Thread-safe: one connection per store, used under a lock;
 * writes also take a lock shared by all stores on the same file in this JVM, and every write transaction is
 * {@code BEGIN IMMEDIATE} under WAL with a 10 s busy timeout, so writers in several stores or processes queue
 * instead of failing with "database is locked", and readers never wait for writers.
 * Each write method commits before it returns; what it wrote survives the process being killed.
 */
public final class RunStore implements AutoCloseable {

    /** How long a write waits for another process's transaction before failing. */
    static final int BUSY_TIMEOUT_MS = 10_000;
    /** Per run, more batch rows than this are thinned to every other row (keeps the curve's shape, bounds the file). */
    public static final int MAX_BATCHES_PER_RUN = 5_000;
    /** Per run, more power samples than this are thinned to every other sample. */
    public static final int MAX_POWER_SAMPLES_PER_RUN = 5_000;

    private static final Map<Path, ReentrantLock> WRITE_LOCKS = new ConcurrentHashMap<>();

    private final Path dbFile;
    private final Connection connection;
    private final ReentrantLock connectionLock = new ReentrantLock();
    private final ReentrantLock writeLock;
    private volatile boolean closed;

    private RunStore(Path dbFile, Connection connection) {
        this.dbFile = dbFile;
        this.connection = connection;
        this.writeLock = WRITE_LOCKS.computeIfAbsent(dbFile, f -> new ReentrantLock());
    }

    /**
     * Opens the store, creating the file (and its folder) or migrating it to this build's schema, and marks
     * runs whose writing process has died as {@link RunStatus#INTERRUPTED}.
     *
     * @throws StoreException if the file is not a Verdant store or comes from a newer Verdant; the file is left untouched
     */
    public static RunStore open(Path dbFile) {
        Path file = dbFile.toAbsolutePath().normalize();
        Schema.checkHeader(file);
        try {
            Path parent = file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the folder of the store " + file + ": " + e.getMessage(), e);
        }
        Connection connection = connect(file);
        try {
            Schema.checkOpen(connection, file);
            try (Statement st = connection.createStatement()) {
                // Only now may the file change: it is a Verdant store of a version we know (or a new file).
                st.execute("PRAGMA journal_mode = WAL");
                // FULL: a commit is on disk before appendEpoch returns, even across a power cut, not only a kill.
                st.execute("PRAGMA synchronous = FULL");
            }
            Schema.migrate(connection, Schema.latestVersion());
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (e instanceof StoreException se) {
                throw se;
            }
            if (e instanceof SQLException sql && sql.getMessage() != null && sql.getMessage().contains("NOTADB")) {
                throw Schema.notSqlite(file);
            }
            throw new StoreException("cannot open the store " + file + ": " + e.getMessage(), e);
        }
        RunStore store = new RunStore(file, connection);
        store.recoverInterrupted();
        return store;
    }

    private static Connection connect(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        try {
            return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
        } catch (SQLException e) {
            throw new StoreException("cannot open the store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The store's file. */
    public Path dbFile() {
        return dbFile;
    }

    /** The schema version of the open file (this build's latest once opened). */
    public int schemaVersion() {
        return read(c -> Schema.pragmaInt(c, "user_version"));
    }

    /** Starts a run: status running, started now, owned by this process. Returns its id. */
    public long createRun(ExperimentSpec spec, Provenance provenance) {
        OwnerProcess owner = OwnerProcess.current();
        String now = Instant.now().toString();
        return write(c -> {
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
            return lastId(c);
        });
    }

    /** Records a completed epoch (replacing one with the same number); committed before this returns. */
    public void appendEpoch(long runId, EpochRecord epoch) {
        write(c -> {
            requireRun(c, runId);
            insertEpochs(c, runId, List.of(epoch));
            return null;
        });
    }

    /** Records training batches; beyond {@link #MAX_BATCHES_PER_RUN} rows the run's batches are thinned. */
    public void appendBatches(long runId, List<BatchRecord> batches) {
        if (batches.isEmpty()) {
            return;
        }
        write(c -> {
            requireRun(c, runId);
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO batches (run_id, epoch, batch, "
                    + "loss, accuracy, samples_per_second, seconds) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (BatchRecord b : batches) {
                    Rows.bindBatch(ps, runId, b);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            thin(c, "batches", "epoch, batch", runId, MAX_BATCHES_PER_RUN);
            return null;
        });
    }

    /** Records power samples in order; beyond {@link #MAX_POWER_SAMPLES_PER_RUN} the run's samples are thinned. */
    public void appendPower(long runId, List<PowerSample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        write(c -> {
            requireRun(c, runId);
            insertPower(c, runId, samples);
            thin(c, "power_samples", "id", runId, MAX_POWER_SAMPLES_PER_RUN);
            return null;
        });
    }

    /** Records compression step {@code index} (0-based) as JSON, replacing an earlier record of the same index. */
    public void appendCompressionStep(long runId, int index, String stepJson) {
        write(c -> {
            requireRun(c, runId);
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO compression_steps (run_id, "
                    + "step_index, step_json, created_at) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, runId);
                ps.setInt(2, index);
                ps.setString(3, stepJson);
                ps.setString(4, Instant.now().toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The compression steps' JSON, in step order. */
    public List<String> compressionSteps(long runId) {
        return read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT step_json FROM compression_steps WHERE run_id = ? ORDER BY step_index")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Ends a run: status, message, start and end time, provenance and final metrics from {@code result}
     * (null start or provenance keep what {@link #createRun} stored). The result's epochs replace
     * stored epochs of the same number (they may carry energy filled in at the end); its power samples are
     * stored only if none were appended while it ran.
     */
    public void finishRun(long runId, RunResult result) {
        write(c -> {
            requireRun(c, runId);
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
            insertEpochs(c, runId, result.epochs());
            if (!result.power().isEmpty() && count(c, "power_samples", runId) == 0) {
                insertPower(c, runId, result.power());
            }
            return null;
        });
    }

    /** Only the spec of a run, without loading its epochs and samples (for lists that show strategy and compression). */
    public Optional<ExperimentSpec> spec(long runId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT spec_json FROM runs WHERE id = ?")) {
                ps.setLong(1, runId);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Rows.spec(rs.getString(1))) : Optional.<ExperimentSpec>empty();
                }
            }
        });
    }

    /** The full run: spec, provenance, final metrics, epochs, power samples and compression steps, with its id set. */
    public Optional<RunResult> load(long runId) {
        return read(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("BEGIN"); // one snapshot for the row and its children
                try {
                    return loadIn(c, runId);
                } finally {
                    st.execute("COMMIT");
                }
            }
        });
    }

    private Optional<RunResult> loadIn(Connection c, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM runs WHERE id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<EpochRecord> epochs = children(c, "SELECT * FROM epochs WHERE run_id = ? ORDER BY epoch",
                        runId, Rows::epoch);
                List<PowerSample> power = children(c, "SELECT * FROM power_samples WHERE run_id = ? ORDER BY id",
                        runId, Rows::power);
                return Optional.of(new RunResult(runId, rs.getString("name"),
                        RunStatus.fromLabel(rs.getString("status")), rs.getString("message"),
                        Rows.spec(rs.getString("spec_json")), Rows.provenance(rs.getString("provenance_json")),
                        Rows.finalMetrics(rs), epochs, power, rs.getString("started_at"), rs.getString("ended_at"),
                        compressionReports(c, runId)));
            }
        }
    }

    private static List<CompressionReport> compressionReports(Connection c, long runId) throws SQLException {
        List<CompressionReport> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT step_json FROM compression_steps WHERE run_id = ? ORDER BY step_index")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        out.add(ResultJson.mapper().readValue(rs.getString(1), CompressionReport.class));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new StoreException("run " + runId + " has a compression step that is not a report: "
                                + e.getOriginalMessage(), e);
                    }
                }
            }
        }
        return out;
    }

    /** The run's stored training batches, in order. */
    public List<BatchRecord> batches(long runId) {
        return read(c -> children(c, "SELECT * FROM batches WHERE run_id = ? ORDER BY epoch, batch", runId,
                Rows::batch));
    }

    /** Runs matching the filter, newest first. */
    public List<RunSummary> list(RunFilter filter) {
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
        return read(c -> {
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

    /** Stores a run made elsewhere (e.g. an exported JSON) as a new run; its own id is ignored. Returns the new id. */
    public long importRun(RunResult result) {
        if (result.spec() == null) {
            throw new StoreException("the run to import has no spec, so it could not be reproduced");
        }
        ExperimentSpec spec = result.spec();
        return write(c -> {
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
            long id = lastId(c);
            insertEpochs(c, id, result.epochs());
            insertPower(c, id, result.power());
            for (int i = 0; i < result.compression().size(); i++) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO compression_steps (run_id, step_index, "
                        + "step_json, created_at) VALUES (?, ?, ?, ?)")) {
                    ps.setLong(1, id);
                    ps.setInt(2, i);
                    ps.setString(3, ResultJson.write(result.compression().get(i)));
                    ps.setString(4, Instant.now().toString());
                    ps.executeUpdate();
                }
            }
            return id;
        });
    }

    /** Deletes a run, everything stored with it, and its model folder {@code models/<id>/}. */
    public void delete(long runId) {
        write(c -> {
            requireRun(c, runId);
            // Children first, explicitly: other tools may open the file without foreign_keys = ON.
            for (String table : List.of("epochs", "batches", "power_samples", "compression_steps", "tags", "notes")) {
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
        deleteTree(modelsRoot().resolve(Long.toString(runId)));
    }

    /** Adds a tag (no effect if the run has it already). */
    public void tag(long runId, String tag) {
        String clean = requireText(tag, "tag");
        write(c -> {
            requireRun(c, runId);
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO tags (run_id, tag) VALUES (?, ?)")) {
                ps.setLong(1, runId);
                ps.setString(2, clean);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Removes a tag (no effect if the run does not have it). */
    public void untag(long runId, String tag) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tags WHERE run_id = ? AND tag = ?")) {
                ps.setLong(1, runId);
                ps.setString(2, tag);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Adds a note to a run; returns the note's id. */
    public long note(long runId, String text) {
        String clean = requireText(text, "note");
        return write(c -> {
            requireRun(c, runId);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO notes (run_id, created_at, text) VALUES (?, ?, ?)")) {
                ps.setLong(1, runId);
                ps.setString(2, Instant.now().toString());
                ps.setString(3, clean);
                ps.executeUpdate();
            }
            return lastId(c);
        });
    }

    /** The run's tags, sorted. */
    public List<String> tags(long runId) {
        return read(c -> children(c, "SELECT tag FROM tags WHERE run_id = ? ORDER BY tag", runId,
                rs -> rs.getString(1)));
    }

    /** The run's notes, oldest first. */
    public List<Note> notes(long runId) {
        return read(c -> children(c, "SELECT * FROM notes WHERE run_id = ? ORDER BY id", runId,
                rs -> new Note(rs.getLong("id"), rs.getLong("run_id"), rs.getString("created_at"),
                        rs.getString("text"))));
    }

    /**
     * The folder for the run's model artifacts, {@code models/<runId>/} beside the store file; created if needed
     * and recorded in the run's row (relative to the store's folder, so the pair can be moved together).
     */
    public Path modelDir(long runId) {
        Path dir = modelsRoot().resolve(Long.toString(runId));
        write(c -> {
            requireRun(c, runId);
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET model_dir = ? WHERE id = ?")) {
                ps.setString(1, "models/" + runId);
                ps.setLong(2, runId);
                ps.executeUpdate();
            }
            return null;
        });
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create the model folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The run's model folder if {@link #modelDir} was ever called for it. */
    public Optional<Path> modelPath(long runId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT model_dir FROM runs WHERE id = ?")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getString(1) != null
                            ? Optional.of(storeFolder().resolve(rs.getString(1))) : Optional.<Path>empty();
                }
            }
        });
    }

    /**
     * Marks running runs whose owning process has died as interrupted; their completed epochs stay. Runs of live
     * processes (this one or another) are untouched. Called by {@link #open}; the window may call it again.
     * Returns the ids it marked.
     */
    public List<Long> recoverInterrupted() {
        return write(c -> {
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
                    ps.setString(1, "the process running it stopped before the run finished (killed or crashed); "
                            + "the epochs completed before that are kept");
                    ps.setLong(2, id);
                    ps.executeUpdate();
                }
            }
            return dead;
        });
    }

    @Override
    public void close() {
        connectionLock.lock();
        try {
            if (!closed) {
                closed = true;
                closeQuietly(connection);
            }
        } finally {
            connectionLock.unlock();
        }
    }

    // ---- plumbing ----

    /** Work on the connection inside one SQL transaction. */
    @FunctionalInterface
    private interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** A write transaction: this JVM's writers to the file queue on a lock; other processes wait in busy_timeout. */
    private <T> T write(SqlWork<T> work) {
        writeLock.lock();
        try {
            return read(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("BEGIN IMMEDIATE");
                    try {
                        T value = work.apply(c);
                        st.execute("COMMIT");
                        return value;
                    } catch (SQLException | RuntimeException e) {
                        Schema.rollbackKeeping(st, e);
                        throw e;
                    }
                }
            });
        } finally {
            writeLock.unlock();
        }
    }

    private <T> T read(SqlWork<T> work) {
        connectionLock.lock();
        try {
            if (closed) {
                throw new StoreException("the store " + dbFile + " is closed");
            }
            return work.apply(connection);
        } catch (SQLException e) {
            throw new StoreException("store " + dbFile + ": " + e.getMessage(), e);
        } finally {
            connectionLock.unlock();
        }
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> children(Connection c, String sql, long runId, RowReader<T> reader)
            throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
        }
        return out;
    }

    private static void insertEpochs(Connection c, long runId, List<EpochRecord> epochs) throws SQLException {
        if (epochs.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO epochs (run_id, " + Rows.EPOCH_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (EpochRecord e : epochs) {
                Rows.bindEpoch(ps, runId, e);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertPower(Connection c, long runId, List<PowerSample> samples) throws SQLException {
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

    /** Keeps every other row of the run (in {@code order}) once it has more than {@code max} rows. */
    private static void thin(Connection c, String table, String order, long runId, int max) throws SQLException {
        if (count(c, table, runId) <= max) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE rowid IN (SELECT rowid FROM "
                + "(SELECT rowid, row_number() OVER (ORDER BY " + order + ") AS n FROM " + table
                + " WHERE run_id = ?) WHERE n % 2 = 0)")) {
            ps.setLong(1, runId);
            ps.executeUpdate();
        }
    }

    private static int count(Connection c, String table, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE run_id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static void requireRun(Connection c, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM runs WHERE id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("no run with id " + runId + " (see 'verdant runs list')");
                }
            }
        }
    }

    private static long lastId(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT last_insert_rowid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String requireText(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new StoreException("the " + what + " is empty");
        }
        return text.strip();
    }

    private Path storeFolder() {
        Path parent = dbFile.getParent();
        return parent != null ? parent : Path.of(".").toAbsolutePath();
    }

    private Path modelsRoot() {
        return storeFolder().resolve("models");
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new StoreException("the run was deleted but its model folder " + dir + " could not be: "
                    + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new StoreException("the run was deleted but its model folder " + dir + " could not be: "
                    + e.getCause().getMessage(), e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a connection we are abandoning; nothing useful to report
        }
    }
}
