package dev.verdant.store;

import java.util.List;
import java.util.Optional;

/**
 * Sweeps and their trials ({@code sweeps}, {@code sweep_trials}; see {@code docs/store.md}). Each write commits
 * before it returns, so a sweep killed at any point resumes from what is stored: trials with a result are kept,
 * open attempts of a dead process are marked interrupted and run again as the next attempt. A trial's result is
 * committed once per (trial id, attempt): {@link #commitTrial} refuses a second commit (a late duplicate from a
 * worker that was presumed lost).
 */
public interface SweepStore {

    /** Records a new sweep (status running, owned by this process); returns its id. */
    long createSweep(String name, String method, String specJson);

    /** The sweep, if stored. */
    Optional<StoredSweep> sweep(long sweepId);

    /** Every sweep, newest first. */
    List<StoredSweep> sweeps();

    /** Takes a sweep over for this process (resuming it): status running, owner this process. */
    void claimSweep(long sweepId);

    /** Adds wall time spent on the sweep (called as trials finish, so a killed sweep keeps most of it). */
    void addElapsed(long sweepId, double seconds);

    /** Ends a sweep: status, stop reason (null when it ran to its end), message and the summary JSON. */
    void finishSweep(long sweepId, SweepStatus status, String stopReason, String message, String summaryJson);

    /** Marks running sweeps whose owning process has died as interrupted; returns their ids. */
    List<Long> recoverInterruptedSweeps();

    /**
     * Records a new attempt (normally {@link TrialStatus#PENDING}).
     *
     * @throws StoreException if that (trial id, attempt) is already stored
     */
    void addTrial(TrialRecord trial);

    /** An attempt was handed to a runner: status running, with where it runs; the run id may come later. */
    void trialStarted(String trialId, int attempt, String worker);

    /** The attempt's run has its id. */
    void trialRun(String trialId, int attempt, long runId);

    /**
     * Commits an attempt's result (status, run, figures, epochs trained, message, end time) if the attempt is still
     * open (pending or running). Returns false, changing nothing, when it was committed before or is not stored.
     */
    boolean commitTrial(TrialRecord result);

    /** Changes a committed attempt's status (completed to pruned when it is not promoted), with a reason. */
    void setTrialStatus(String trialId, int attempt, TrialStatus status, String message);

    /** Marks the sweep's open attempts (pending, running) as interrupted; returns how many. */
    int interruptOpenTrials(long sweepId);

    /** Every attempt of the sweep, by configuration, rung, repeat and attempt. */
    List<TrialRecord> trials(long sweepId);

    /** Deletes a sweep and its trial rows (their runs stay, as ordinary runs). */
    void deleteSweep(long sweepId);
}
