package dev.verdant.app.sweep;

import dev.verdant.store.TrialRecord;

/**
 * A row of the live trial table: one trial attempt as last heard of.
 *
 * @param trial    the stored record
 * @param liveAcc  validation accuracy of its last epoch while it runs (null before the first)
 * @param liveEpoch epochs done while it runs
 */
public record TrialRow(TrialRecord trial, Double liveAcc, int liveEpoch) {

    public String trialId() {
        return trial.trialId();
    }

    public String status() {
        return trial.status().label();
    }

    public int rung() {
        return trial.rung();
    }

    public String epochs() {
        return trial.status().isOpen() ? liveEpoch + " / " + trial.epochs() : String.valueOf(trial.epochs());
    }

    public String accuracy() {
        Double a = trial.accuracy() != null ? trial.accuracy() : liveAcc;
        return a == null ? "" : String.format(java.util.Locale.ROOT, "%.4f", a);
    }

    public String joules() {
        return trial.energyJoules() == null ? "" : String.format(java.util.Locale.ROOT, "%.1f", trial.energyJoules());
    }

    public String params() {
        return trial.paramsJson();
    }
}
