package dev.verdant.store;

import dev.verdant.result.BatchRecord;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.PowerSample;
import dev.verdant.result.Provenance;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ExperimentSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The run store in one SQLite file (the schema is {@code docs/store.md}). Delegates each responsibility to a
 * small part sharing one connection ({@link SqliteDb}): {@link SqliteRuns}, {@link SqliteMetrics},
 * {@link SqliteArtifacts}, {@link SqliteNotes} and {@link SqliteGroups}. Thread-safe; each write method commits before it returns.
 */
public final class SqliteRunStore implements RunStore {

    private final SqliteDb db;
    private final SqliteRuns runs;
    private final SqliteMetrics metrics;
    private final SqliteArtifacts artifacts;
    private final SqliteNotes notes;
    private final SqliteGroups groups;
    private final SqliteSweeps sweeps;

    private SqliteRunStore(SqliteDb db) {
        this.db = db;
        this.runs = new SqliteRuns(db);
        this.metrics = new SqliteMetrics(db);
        this.artifacts = new SqliteArtifacts(db);
        this.notes = new SqliteNotes(db);
        this.groups = new SqliteGroups(db);
        this.sweeps = new SqliteSweeps(db);
    }

    /**
     * Opens the store, creating the file (and its folder) or migrating it to this build's schema; marks runs
     * whose writing process has died as {@link RunStatus#INTERRUPTED}, and moves legacy shared model folders
     * that provably belong to this store into its own.
     *
     * @throws StoreException if the file is not a Verdant store or comes from a newer Verdant; the file is left untouched
     */
    public static SqliteRunStore open(Path dbFile) {
        SqliteDb db = SqliteDb.open(dbFile);
        SqliteRunStore store = new SqliteRunStore(db);
        try {
            store.recoverInterrupted();
            store.sweeps.recoverInterruptedSweeps();
            store.artifacts.adoptLegacyFolders();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return store;
    }

    /**
     * Opens an existing store for reading only (see {@link SqliteDb#openReadOnly}): nothing is created, migrated,
     * recovered or adopted, so it works on a full disk or in a read-only folder; writes fail.
     */
    public static SqliteRunStore openReadOnly(Path dbFile) {
        return new SqliteRunStore(SqliteDb.openReadOnly(dbFile, null));
    }

    /**
     * Opens the store for commands that only read ({@code runs list}, {@code show}, {@code export}): normally, so
     * runs of dead processes are marked interrupted; if that fails because nothing can be written there (full
     * disk, read-only folder or file), read-only, with {@link #readOnlyReason()} saying why.
     */
    public static SqliteRunStore openForReading(Path dbFile) {
        try {
            return open(dbFile);
        } catch (StoreException e) {
            Path file = dbFile.toAbsolutePath().normalize();
            if (e.getCause() == null || !java.nio.file.Files.isRegularFile(file)) {
                throw e; // not a store, a newer one, or nothing there yet: read-only would not help
            }
            return new SqliteRunStore(SqliteDb.openReadOnly(file, e.getMessage()));
        }
    }

    @Override
    public boolean isReadOnly() {
        return db.readOnlyReason() != null;
    }

    @Override
    public String readOnlyReason() {
        return db.readOnlyReason();
    }

    @Override
    public boolean isTraining(long runId) {
        return runs.isTraining(runId);
    }

    @Override
    public Path dbFile() {
        return db.file();
    }

    /** The schema version of the open file (this build's latest once opened). */
    public int schemaVersion() {
        return db.read(c -> Schema.pragmaInt(c, "user_version"));
    }

    /** The folder holding this store's model folders: {@code <file name>.models} beside the file. */
    public Path modelsRoot() {
        return artifacts.root();
    }

    @Override
    public long createRun(ExperimentSpec spec, Provenance provenance) {
        return runs.createRun(spec, provenance);
    }

    @Override
    public void finishRun(long runId, RunResult result) {
        runs.finishRun(runId, result);
    }

    @Override
    public long importRun(RunResult result) {
        return runs.importRun(result);
    }

    @Override
    public Optional<ExperimentSpec> spec(long runId) {
        return runs.spec(runId);
    }

    @Override
    public Optional<RunResult> load(long runId) {
        return runs.load(runId);
    }

    @Override
    public List<RunSummary> list(RunFilter filter) {
        return runs.list(filter);
    }

    /** Deletes the run's rows, then its own model folder {@code <file>.models/<id>/}. */
    @Override
    public void delete(long runId) {
        runs.delete(runId);
        artifacts.deleteFolder(runId);
    }

    @Override
    public List<Long> recoverInterrupted() {
        return runs.recoverInterrupted();
    }

    @Override
    public void appendEpoch(long runId, EpochRecord epoch) {
        metrics.appendEpoch(runId, epoch);
    }

    @Override
    public void appendBatches(long runId, List<BatchRecord> batches) {
        metrics.appendBatches(runId, batches);
    }

    @Override
    public void appendPower(long runId, List<PowerSample> samples) {
        metrics.appendPower(runId, samples);
    }

    @Override
    public void appendCompressionStep(long runId, int index, String stepJson) {
        metrics.appendCompressionStep(runId, index, stepJson);
    }

    @Override
    public List<String> compressionSteps(long runId) {
        return metrics.compressionSteps(runId);
    }

    @Override
    public List<BatchRecord> batches(long runId) {
        return metrics.batches(runId);
    }

    @Override
    public Path modelDir(long runId) {
        return artifacts.modelDir(runId);
    }

    @Override
    public Optional<Path> modelPath(long runId) {
        return artifacts.modelPath(runId);
    }

    @Override
    public long createGroup(ExperimentSpec spec) {
        return groups.createGroup(spec);
    }

    @Override
    public void addToGroup(long groupId, long runId) {
        groups.addToGroup(groupId, runId);
    }

    @Override
    public List<StoredGroup> groups() {
        return groups.groups();
    }

    @Override
    public void tag(long runId, String tag) {
        notes.tag(runId, tag);
    }

    @Override
    public void untag(long runId, String tag) {
        notes.untag(runId, tag);
    }

    @Override
    public long note(long runId, String text) {
        return notes.note(runId, text);
    }

    @Override
    public List<String> tags(long runId) {
        return notes.tags(runId);
    }

    @Override
    public List<Note> notes(long runId) {
        return notes.notes(runId);
    }

    @Override
    public void close() {
        db.close();
    }

    @Override
    public SweepStore sweeps() {
        return sweeps;
    }
}
