package dev.verdant.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The sweeps of an {@link InMemoryRunStore}: the same rules as the SQLite tables (one commit per trial id and
 * attempt, open attempts interrupted on request), kept in this process only. Nothing survives the store, so a
 * sweep in memory cannot be resumed by another process; {@link #recoverInterruptedSweeps} has nothing to find.
 */
final class InMemorySweeps implements SweepStore {

    private final Map<Long, StoredSweep> sweeps = new TreeMap<>();
    private final Map<String, TrialRecord> trials = new LinkedHashMap<>(); // key: trial id + "#" + attempt
    private long nextId = 1;

    @Override
    public synchronized long createSweep(String name, String method, String specJson) {
        long id = nextId++;
        sweeps.put(id, new StoredSweep(id, name, method, SweepStatus.RUNNING, null, null, specJson,
                Instant.now().toString(), null, 0, null));
        return id;
    }

    @Override
    public synchronized Optional<StoredSweep> sweep(long sweepId) {
        return Optional.ofNullable(sweeps.get(sweepId));
    }

    @Override
    public synchronized List<StoredSweep> sweeps() {
        List<StoredSweep> out = new ArrayList<>(sweeps.values());
        out.sort(Comparator.comparingLong(StoredSweep::id).reversed());
        return out;
    }

    @Override
    public synchronized void claimSweep(long sweepId) {
        StoredSweep s = require(sweepId);
        sweeps.put(sweepId, new StoredSweep(s.id(), s.name(), s.method(), SweepStatus.RUNNING, null, null,
                s.specJson(), s.createdAt(), null, s.elapsedSeconds(), s.summaryJson()));
    }

    @Override
    public synchronized void addElapsed(long sweepId, double seconds) {
        StoredSweep s = require(sweepId);
        sweeps.put(sweepId, new StoredSweep(s.id(), s.name(), s.method(), s.status(), s.stopReason(), s.message(),
                s.specJson(), s.createdAt(), s.endedAt(), s.elapsedSeconds() + seconds, s.summaryJson()));
    }

    @Override
    public synchronized void finishSweep(long sweepId, SweepStatus status, String stopReason, String message,
                                         String summaryJson) {
        StoredSweep s = require(sweepId);
        sweeps.put(sweepId, new StoredSweep(s.id(), s.name(), s.method(), status, stopReason, message, s.specJson(),
                s.createdAt(), Instant.now().toString(), s.elapsedSeconds(), summaryJson));
    }

    @Override
    public List<Long> recoverInterruptedSweeps() {
        return List.of(); // every sweep here belongs to this living process
    }

    @Override
    public synchronized void addTrial(TrialRecord t) {
        require(t.sweepId());
        if (trials.putIfAbsent(key(t.trialId(), t.attempt()), t) != null) {
            throw new StoreException("trial " + t.trialId() + " attempt " + t.attempt() + " is already stored; a new "
                    + "attempt needs the next attempt number");
        }
    }

    @Override
    public synchronized void trialStarted(String trialId, int attempt, String worker) {
        TrialRecord t = trials.get(key(trialId, attempt));
        if (t != null && open(t)) {
            put(new TrialRecord(t.sweepId(), t.trialId(), t.attempt(), t.config(), t.bracket(), t.rung(), t.repeat(),
                    t.epochs(), t.paramsJson(), TrialStatus.RUNNING, t.runId(), worker, t.accuracy(),
                    t.energyJoules(), t.energyMethod(), t.seconds(), t.metricsJson(), t.message(),
                    Instant.now().toString(), t.endedAt()));
        }
    }

    @Override
    public synchronized void trialRun(String trialId, int attempt, long runId) {
        TrialRecord t = trials.get(key(trialId, attempt));
        if (t != null) {
            put(new TrialRecord(t.sweepId(), t.trialId(), t.attempt(), t.config(), t.bracket(), t.rung(), t.repeat(),
                    t.epochs(), t.paramsJson(), t.status(), runId, t.worker(), t.accuracy(), t.energyJoules(),
                    t.energyMethod(), t.seconds(), t.metricsJson(), t.message(), t.startedAt(), t.endedAt()));
        }
    }

    @Override
    public synchronized boolean commitTrial(TrialRecord r) {
        TrialRecord t = trials.get(key(r.trialId(), r.attempt()));
        if (t == null || !open(t)) {
            return false;
        }
        put(new TrialRecord(t.sweepId(), t.trialId(), t.attempt(), t.config(), t.bracket(), t.rung(), t.repeat(),
                r.epochs(), t.paramsJson(), r.status(), r.runId() != null ? r.runId() : t.runId(),
                r.worker() != null ? r.worker() : t.worker(), r.accuracy(), r.energyJoules(), r.energyMethod(),
                r.seconds(), r.metricsJson(), r.message(), t.startedAt(),
                r.endedAt() != null ? r.endedAt() : Instant.now().toString()));
        return true;
    }

    @Override
    public synchronized void setTrialStatus(String trialId, int attempt, TrialStatus status, String message) {
        TrialRecord t = trials.get(key(trialId, attempt));
        if (t == null) {
            throw new StoreException("no trial " + trialId + " attempt " + attempt + " in the store");
        }
        put(new TrialRecord(t.sweepId(), t.trialId(), t.attempt(), t.config(), t.bracket(), t.rung(), t.repeat(),
                t.epochs(), t.paramsJson(), status, t.runId(), t.worker(), t.accuracy(), t.energyJoules(),
                t.energyMethod(), t.seconds(), t.metricsJson(), message != null ? message : t.message(),
                t.startedAt(), t.endedAt()));
    }

    @Override
    public synchronized int interruptOpenTrials(long sweepId) {
        int n = 0;
        for (TrialRecord t : new ArrayList<>(trials.values())) {
            if (t.sweepId() == sweepId && open(t)) {
                put(t.withResult(TrialStatus.INTERRUPTED, t.runId(), t.accuracy(), t.energyJoules(),
                        t.energyMethod(), t.seconds(), t.metricsJson(), t.message()));
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized List<TrialRecord> trials(long sweepId) {
        return trials.values().stream().filter(t -> t.sweepId() == sweepId)
                .sorted(Comparator.comparingInt(TrialRecord::config).thenComparingInt(TrialRecord::rung)
                        .thenComparingInt(TrialRecord::repeat).thenComparingInt(TrialRecord::attempt))
                .toList();
    }

    @Override
    public synchronized void deleteSweep(long sweepId) {
        sweeps.remove(sweepId);
        trials.values().removeIf(t -> t.sweepId() == sweepId);
    }

    private StoredSweep require(long sweepId) {
        StoredSweep s = sweeps.get(sweepId);
        if (s == null) {
            throw new StoreException("there is no sweep " + sweepId + " in the store");
        }
        return s;
    }

    private void put(TrialRecord t) {
        trials.put(key(t.trialId(), t.attempt()), t);
    }

    private static boolean open(TrialRecord t) {
        return t.status() == TrialStatus.PENDING || t.status() == TrialStatus.RUNNING;
    }

    private static String key(String trialId, int attempt) {
        return trialId + "#" + attempt;
    }
}
