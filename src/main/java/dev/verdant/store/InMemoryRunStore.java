package dev.verdant.store;

import dev.verdant.result.BatchRecord;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.FinalMetrics;
import dev.verdant.result.PowerSample;
import dev.verdant.result.Provenance;
import dev.verdant.result.ResultJson;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ExperimentSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A run store kept in memory, for tests that are not about the store (and for callers that want no file). It
 * passes the same contract test as {@link SqliteRunStore}, so code tested against it behaves alike on SQLite.
 * Model folders are real folders (training saves parameters there): under the root given to the constructor, or
 * under a temporary folder made on first use and deleted on {@link #close}. Thread-safe (every method is
 * synchronized); nothing survives the store. One class of about 430 lines because it implements the whole
 * {@link RunStore} interface over one set of maps that runs, metrics, artifacts, notes and groups share; splitting it
 * as the SQLite side is split would only pass those maps around.
 */
public final class InMemoryRunStore implements RunStore {

    /** The name SQLite gives a database without a file. */
    private static final Path NO_FILE = Path.of(":memory:");

    private final TreeMap<Long, Run> runs = new TreeMap<>();
    private final Path givenModelsRoot;
    private Path tempModelsRoot;
    private long lastId;
    private long lastNoteId;
    private boolean closed;
    private final InMemorySweeps sweepStore = new InMemorySweeps();

    /** A store whose model folders live in a temporary folder, deleted on {@link #close}. */
    public InMemoryRunStore() {
        this.givenModelsRoot = null;
    }

    /** A store whose model folders are {@code modelsRoot/<runId>/}; they stay after {@link #close}. */
    public InMemoryRunStore(Path modelsRoot) {
        this.givenModelsRoot = modelsRoot.toAbsolutePath().normalize();
    }

    /** One run and everything stored with it. */
    private static final class Run {
        String name;
        RunStatus status;
        String message;
        ExperimentSpec spec;
        Provenance provenance;
        FinalMetrics finalMetrics;
        String createdAt;
        String startedAt;
        String endedAt;
        OwnerProcess owner;
        boolean modelDirHandedOut;
        final TreeMap<Integer, EpochRecord> epochs = new TreeMap<>();
        /** Keyed by (epoch, batch), in that order, as the SQLite table's key. */
        final TreeMap<Long, BatchRecord> batches = new TreeMap<>();
        final List<PowerSample> power = new ArrayList<>();
        final TreeMap<Integer, String> steps = new TreeMap<>();
        final TreeSet<String> tags = new TreeSet<>();
        final List<Note> notes = new ArrayList<>();
        Long groupId;
    }

    /** A run group's own fields; its members are the runs whose {@code groupId} names it. */
    private record Group(String name, int repeats, String createdAt) {
    }

    private final TreeMap<Long, Group> groups = new TreeMap<>();
    private long nextGroupId = 1;

    @Override
    public Path dbFile() {
        return NO_FILE;
    }

    @Override
    public synchronized long createRun(ExperimentSpec spec, Provenance provenance) {
        open();
        Run run = new Run();
        run.name = spec.name();
        run.status = RunStatus.RUNNING;
        run.spec = spec;
        run.provenance = provenance;
        run.createdAt = Instant.now().toString();
        run.startedAt = run.createdAt;
        run.owner = OwnerProcess.current();
        runs.put(++lastId, run);
        return lastId;
    }

    @Override
    public synchronized void finishRun(long runId, RunResult result) {
        Run run = require(runId);
        run.status = result.status();
        run.message = result.message();
        run.endedAt = result.endedAt() != null ? result.endedAt() : Instant.now().toString();
        if (result.provenance() != null) {
            run.provenance = result.provenance();
        }
        if (result.startedAt() != null) {
            run.startedAt = result.startedAt();
        }
        run.finalMetrics = result.finalMetrics();
        putEpochs(run, result.epochs());
        if (run.power.isEmpty()) {
            run.power.addAll(result.power());
        }
    }

    @Override
    public synchronized long importRun(RunResult result) {
        open();
        Checks.requireSpec(result);
        Run run = new Run();
        run.name = result.name() != null ? result.name() : result.spec().name();
        run.status = result.status() != null ? result.status() : RunStatus.COMPLETED;
        run.message = result.message();
        run.spec = result.spec();
        run.provenance = result.provenance();
        run.finalMetrics = result.finalMetrics();
        run.createdAt = Instant.now().toString();
        run.startedAt = result.startedAt();
        run.endedAt = result.endedAt();
        putEpochs(run, result.epochs());
        run.power.addAll(result.power());
        for (int i = 0; i < result.compression().size(); i++) {
            run.steps.put(i, ResultJson.write(result.compression().get(i)));
        }
        runs.put(++lastId, run);
        return lastId;
    }

    @Override
    public synchronized Optional<ExperimentSpec> spec(long runId) {
        open();
        return Optional.ofNullable(runs.get(runId)).map(r -> r.spec);
    }

    @Override
    public synchronized Optional<RunResult> load(long runId) {
        open();
        Run r = runs.get(runId);
        if (r == null) {
            return Optional.empty();
        }
        return Optional.of(new RunResult(runId, r.name, r.status, r.message, r.spec, r.provenance, r.finalMetrics,
                List.copyOf(r.epochs.values()), List.copyOf(r.power), r.startedAt, r.endedAt,
                r.steps.values().stream().map(json -> Rows.compressionReport(runId, json)).toList()));
    }

    @Override
    public synchronized List<RunSummary> list(RunFilter filter) {
        open();
        Pattern glob = filter.nameGlob() == null ? null : Folders.glob(filter.nameGlob());
        List<RunSummary> out = new ArrayList<>();
        for (Map.Entry<Long, Run> e : runs.descendingMap().entrySet()) {
            Run r = e.getValue();
            if ((filter.status() != null && r.status != filter.status())
                    || (filter.tag() != null && !r.tags.contains(filter.tag()))
                    || (glob != null && !glob.matcher(r.name).matches())) {
                continue;
            }
            if (filter.limit() != null && out.size() >= filter.limit()) {
                break;
            }
            FinalMetrics m = r.finalMetrics;
            out.add(new RunSummary(e.getKey(), r.name, r.status, r.spec.dataset().name(),
                    r.spec.model().arch().label(),
                    m == null ? null : measured(m.accuracy()), m == null ? null : measured(m.energyJoules()),
                    m == null ? null : measured(m.co2eGrams()), m == null ? null : m.params(),
                    m != null ? m.epochsCompleted() : r.epochs.size(), r.createdAt, r.startedAt, r.endedAt,
                    List.copyOf(r.tags)));
        }
        return out;
    }

    @Override
    public void delete(long runId) {
        Path dir;
        synchronized (this) {
            Run run = require(runId);
            if (isTraining(runId)) {
                throw Checks.training(runId, run.owner);
            }
            runs.remove(runId);
            dir = givenModelsRoot != null || tempModelsRoot != null ? modelsRoot().resolve(Long.toString(runId)) : null;
        }
        if (dir != null) {
            Folders.deleteModelFolder(dir);
        }
    }

    @Override
    public synchronized boolean isTraining(long runId) {
        Run run = runs.get(runId);
        return run != null && run.status == RunStatus.RUNNING && run.owner != null && run.owner.isAlive();
    }

    @Override
    public synchronized List<Long> recoverInterrupted() {
        open();
        List<Long> dead = new ArrayList<>();
        for (Map.Entry<Long, Run> e : runs.entrySet()) {
            Run r = e.getValue();
            if (r.status == RunStatus.RUNNING && r.owner != null && !r.owner.isAlive()) {
                r.status = RunStatus.INTERRUPTED;
                r.message = Checks.INTERRUPTED_MESSAGE;
                dead.add(e.getKey());
            }
        }
        return dead;
    }

    @Override
    public synchronized void appendEpoch(long runId, EpochRecord epoch) {
        putEpochs(require(runId), List.of(epoch));
    }

    @Override
    public synchronized void appendBatches(long runId, List<BatchRecord> batches) {
        if (batches.isEmpty()) {
            return;
        }
        Run run = require(runId);
        for (BatchRecord b : batches) {
            run.batches.put(((long) b.epoch() << 32) | (b.batch() & 0xffff_ffffL), b);
        }
        if (run.batches.size() > MAX_BATCHES_PER_RUN) {
            List<Long> keys = new ArrayList<>(run.batches.keySet());
            for (int i = 1; i < keys.size(); i += 2) {
                run.batches.remove(keys.get(i));
            }
        }
    }

    @Override
    public synchronized void appendPower(long runId, List<PowerSample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        Run run = require(runId);
        run.power.addAll(samples);
        if (run.power.size() > MAX_POWER_SAMPLES_PER_RUN) {
            List<PowerSample> kept = new ArrayList<>();
            for (int i = 0; i < run.power.size(); i += 2) {
                kept.add(run.power.get(i));
            }
            run.power.clear();
            run.power.addAll(kept);
        }
    }

    @Override
    public synchronized void appendCompressionStep(long runId, int index, String stepJson) {
        require(runId).steps.put(index, stepJson);
    }

    @Override
    public synchronized List<String> compressionSteps(long runId) {
        open();
        Run r = runs.get(runId);
        return r == null ? List.of() : List.copyOf(r.steps.values());
    }

    @Override
    public synchronized List<BatchRecord> batches(long runId) {
        open();
        Run r = runs.get(runId);
        return r == null ? List.of() : List.copyOf(r.batches.values());
    }

    @Override
    public Path modelDir(long runId) {
        Path dir;
        synchronized (this) {
            require(runId).modelDirHandedOut = true;
            dir = modelsRoot().resolve(Long.toString(runId));
        }
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create the model folder " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<Path> modelPath(long runId) {
        open();
        Run r = runs.get(runId);
        if (r == null || !r.modelDirHandedOut) {
            return Optional.empty();
        }
        Path dir = modelsRoot().resolve(Long.toString(runId));
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    @Override
    public synchronized long createGroup(ExperimentSpec spec) {
        open();
        long id = nextGroupId++;
        groups.put(id, new Group(spec.name(), spec.repeats(), java.time.Instant.now().toString()));
        return id;
    }

    @Override
    public synchronized void addToGroup(long groupId, long runId) {
        Run run = require(runId);
        if (!groups.containsKey(groupId)) {
            throw Checks.noGroup(groupId);
        }
        run.groupId = groupId;
    }

    @Override
    public synchronized List<StoredGroup> groups() {
        open();
        List<StoredGroup> out = new ArrayList<>();
        for (var g : groups.descendingMap().entrySet()) {
            List<Long> members = runs.entrySet().stream().filter(e -> g.getKey().equals(e.getValue().groupId))
                    .map(java.util.Map.Entry::getKey).toList();
            out.add(new StoredGroup(g.getKey(), g.getValue().name(), g.getValue().repeats(),
                    g.getValue().createdAt(), members));
        }
        return out;
    }

    @Override
    public synchronized void tag(long runId, String tag) {
        String clean = Checks.requireText(tag, "tag");
        require(runId).tags.add(clean);
    }

    @Override
    public synchronized void untag(long runId, String tag) {
        open();
        Run r = runs.get(runId);
        if (r != null) {
            r.tags.remove(tag);
        }
    }

    @Override
    public synchronized long note(long runId, String text) {
        String clean = Checks.requireText(text, "note");
        Run run = require(runId);
        run.notes.add(new Note(++lastNoteId, runId, Instant.now().toString(), clean));
        return lastNoteId;
    }

    @Override
    public synchronized List<String> tags(long runId) {
        open();
        Run r = runs.get(runId);
        return r == null ? List.of() : List.copyOf(r.tags);
    }

    @Override
    public synchronized List<Note> notes(long runId) {
        open();
        Run r = runs.get(runId);
        return r == null ? List.of() : List.copyOf(r.notes);
    }

    /** Sweeps kept in memory with the runs (tests, stores without a file); nothing outlives the store. */
    @Override
    public synchronized SweepStore sweeps() {
        open();
        return sweepStore;
    }

    @Override
    public void close() {
        Path temp;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            runs.clear();
            temp = tempModelsRoot;
        }
        if (temp != null) {
            Folders.deleteModelFolder(temp);
        }
    }

    // ---- helpers ----

    private void open() {
        if (closed) {
            throw new StoreException("the store " + NO_FILE + " is closed");
        }
    }

    private Run require(long runId) {
        open();
        Run run = runs.get(runId);
        if (run == null) {
            throw Checks.noRun(runId);
        }
        return run;
    }

    private static void putEpochs(Run run, List<EpochRecord> epochs) {
        for (EpochRecord e : epochs) {
            run.epochs.put(e.epoch(), e);
        }
    }

    /** SQLite keeps NaN as NULL, so a list row shows a NaN figure as "not measured"; so does this store. */
    private static Double measured(Double value) {
        return value == null || value.isNaN() ? null : value;
    }

    private Path modelsRoot() {
        if (givenModelsRoot != null) {
            return givenModelsRoot;
        }
        if (tempModelsRoot == null) {
            try {
                tempModelsRoot = Files.createTempDirectory("verdant-models-");
            } catch (IOException e) {
                throw new StoreException("cannot create a temporary model folder: " + e.getMessage(), e);
            }
        }
        return tempModelsRoot;
    }
}
