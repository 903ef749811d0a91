package dev.verdant.store;

/**
 * One attempt at one trial of a sweep, as stored (a row of {@code sweep_trials}).
 *
 * @param sweepId      the sweep
 * @param trialId      unique in the store, stable across restarts: {@code 3/t07} (sweep 3, configuration 7), with
 *                     {@code /r1} for rung 1 and {@code /s2} for the third seed
 * @param attempt      1 for the first attempt; a trial run again after an interruption gets the next one
 * @param config       the configuration's number in the sweep (1-based)
 * @param bracket      Hyperband's bracket (0 otherwise)
 * @param rung         the rung (0 for grid and random)
 * @param repeat       the seed's index (0 .. repeats-1)
 * @param epochs       epochs this trial trains
 * @param paramsJson   the configuration's parameter values as a JSON object (path -> value)
 * @param status       where it stands
 * @param runId        the run it made, once it has one
 * @param worker       where it ran ({@code local} or a worker's name)
 * @param accuracy     the sweep's accuracy objective of the run (null before its result)
 * @param energyJoules the run's total energy (null before its result or without a meter)
 * @param energyMethod how that energy was obtained ({@code measured:rapl}, {@code estimated:cpu-tdp}, ...)
 * @param seconds      the run's wall time
 * @param metricsJson  every objective's value as a JSON object
 * @param message      why it failed or was pruned, or null
 * @param startedAt    ISO-8601, when handed to a runner
 * @param endedAt      ISO-8601, when its result was committed
 */
public record TrialRecord(long sweepId, String trialId, int attempt, int config, int bracket, int rung, int repeat,
                          int epochs, String paramsJson, TrialStatus status, Long runId, String worker,
                          Double accuracy, Double energyJoules, String energyMethod, Double seconds,
                          String metricsJson, String message, String startedAt, String endedAt) {

    /** A planned attempt: pending, without run or figures. */
    public static TrialRecord pending(long sweepId, String trialId, int attempt, int config, int bracket, int rung,
                                      int repeat, int epochs, String paramsJson) {
        return new TrialRecord(sweepId, trialId, attempt, config, bracket, rung, repeat, epochs, paramsJson,
                TrialStatus.PENDING, null, null, null, null, null, null, null, null, null, null);
    }

    /** The same attempt with its result's figures and status. */
    public TrialRecord withResult(TrialStatus newStatus, Long newRunId, Double newAccuracy, Double joules,
                                  String method, Double secs, String metrics, String why) {
        return new TrialRecord(sweepId, trialId, attempt, config, bracket, rung, repeat, epochs, paramsJson,
                newStatus, newRunId, worker, newAccuracy, joules, method, secs, metrics, why, startedAt, endedAt);
    }
}
