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
 * Every run Verdant makes: runs (created, finished, imported, listed, loaded, deleted), their metrics (epochs,
 * batches, power samples, compression steps), their artifacts (model folders) and what people add to them (tags,
 * notes). Implementations: {@link SqliteRunStore}, the real one (one SQLite file, see {@code docs/store.md}),
 * opened with {@link #open}; and {@link InMemoryRunStore}, for tests that are not about the store. Both pass the
 * same contract test. Implementations are thread-safe, and each write has taken effect when its method returns
 * (for SQLite: committed, so it survives the process being killed).
 */
public interface RunStore extends AutoCloseable {

    /** Per run, more batch rows than this are thinned to every other row (keeps the curve's shape, bounds the file). */
    int MAX_BATCHES_PER_RUN = 5_000;
    /** Per run, more power samples than this are thinned to every other sample. */
    int MAX_POWER_SAMPLES_PER_RUN = 5_000;

    /**
     * Opens the SQLite store at {@code dbFile}, creating the file (and its folder) or migrating it to this build's
     * schema, and marks runs whose writing process has died as {@link RunStatus#INTERRUPTED}.
     *
     * @throws StoreException if the file is not a Verdant store or comes from a newer Verdant; the file is left untouched
     */
    static RunStore open(Path dbFile) {
        return SqliteRunStore.open(dbFile);
    }

    /**
     * Opens the SQLite store for commands that only read: as {@link #open}, or, where that fails because nothing
     * can be written (full disk, read-only folder), read-only ({@link #isReadOnly()}, {@link #readOnlyReason()}).
     */
    static RunStore openForReading(Path dbFile) {
        return SqliteRunStore.openForReading(dbFile);
    }

    /** True when this store was opened read-only: every write fails. */
    default boolean isReadOnly() {
        return false;
    }

    /** Why the store is read-only; null when it is not. */
    default String readOnlyReason() {
        return null;
    }

    /** True when the run's status is running and the process training it is alive (here or elsewhere). */
    boolean isTraining(long runId);

    /** The store's file; {@code :memory:} (SQLite's name for "no file") for a store kept in memory. */
    Path dbFile();

    // ---- runs ----

    /** Starts a run: status running, started now, owned by this process. Returns its id. */
    long createRun(ExperimentSpec spec, Provenance provenance);

    /**
     * Ends a run: status, message, start and end time, provenance and final metrics from {@code result}
     * (null start or provenance keep what {@link #createRun} stored; a null end is now). The result's epochs
     * replace stored epochs of the same number (they may carry energy filled in at the end); its power samples
     * are stored only if none were appended while it ran.
     */
    void finishRun(long runId, RunResult result);

    /** Stores a run made elsewhere (e.g. an exported JSON) as a new run; its own id is ignored. Returns the new id. */
    long importRun(RunResult result);

    /** Only the spec of a run, without loading its epochs and samples (for lists that show strategy and compression). */
    Optional<ExperimentSpec> spec(long runId);

    /** The full run: spec, provenance, final metrics, epochs, power samples and compression steps, with its id set. */
    Optional<RunResult> load(long runId);

    /** Runs matching the filter, newest first. */
    List<RunSummary> list(RunFilter filter);

    /**
     * Deletes a run, everything stored with it, and its model folder. A run still training (status running, its
     * process alive) is refused: its trainer would fail on the missing row.
     */
    void delete(long runId);

    /**
     * Marks running runs whose owning process has died as interrupted; their completed epochs stay. Runs of live
     * processes (this one or another) are untouched. Called on open; the window may call it again.
     * Returns the ids it marked.
     */
    List<Long> recoverInterrupted();

    // ---- metrics ----

    /** Records a completed epoch (replacing one with the same number). */
    void appendEpoch(long runId, EpochRecord epoch);

    /** Records training batches; beyond {@link #MAX_BATCHES_PER_RUN} rows the run's batches are thinned. */
    void appendBatches(long runId, List<BatchRecord> batches);

    /** Records power samples in order; beyond {@link #MAX_POWER_SAMPLES_PER_RUN} the run's samples are thinned. */
    void appendPower(long runId, List<PowerSample> samples);

    /** Records compression step {@code index} (0-based) as JSON, replacing an earlier record of the same index. */
    void appendCompressionStep(long runId, int index, String stepJson);

    /** The compression steps' JSON, in step order. */
    List<String> compressionSteps(long runId);

    /** The run's stored training batches, in order. */
    List<BatchRecord> batches(long runId);

    // ---- artifacts ----

    /**
     * The folder for the run's model artifacts, owned by this store and no other (for SQLite
     * {@code <file name>.models/<runId>/} beside the file); created if needed and recorded with the run.
     */
    Path modelDir(long runId);

    /** The run's model folder, if {@link #modelDir} was called for it and the folder exists. */
    Optional<Path> modelPath(long runId);

    // ---- run groups ----

    /**
     * Records a run group for {@code spec} (its name and repeats; members are added as they are stored). Returns
     * the group's id.
     */
    long createGroup(ExperimentSpec spec);

    /** Makes a stored run a member of a group (a run belongs to one group at most: the latest call wins). */
    void addToGroup(long groupId, long runId);

    /** Every group, newest first, each with its members' ids in run order. */
    List<StoredGroup> groups();

    /** One group, if stored. */
    default Optional<StoredGroup> group(long groupId) {
        return groups().stream().filter(g -> g.id() == groupId).findFirst();
    }

    // ---- tags and notes ----

    /** Adds a tag (no effect if the run has it already). */
    void tag(long runId, String tag);

    /** Removes a tag (no effect if the run does not have it). */
    void untag(long runId, String tag);

    /** Adds a note to a run; returns the note's id. */
    long note(long runId, String text);

    /** The run's tags, sorted. */
    List<String> tags(long runId);

    /** The run's notes, oldest first. */
    List<Note> notes(long runId);

    // ---- sweeps ----

    /**
     * The sweeps kept in this store (schema version 5 in a store file). The in-memory store keeps them too, for as
     * long as it lives: only a store file lets a killed sweep be resumed.
     *
     * @throws StoreException for a store that keeps no sweeps
     */
    default SweepStore sweeps() {
        throw new StoreException("this store keeps no sweeps (only a store file does); open one with --db");
    }

    /** Closes the store; closing twice is harmless, and any later call fails with "closed". */
    @Override
    void close();
}
