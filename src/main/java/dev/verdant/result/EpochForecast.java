package dev.verdant.result;

/**
 * The energy-to-target forecast made after an epoch of a run with a target accuracy: a saturating learning curve
 * fitted to the validation accuracies so far, projected to the epoch where it crosses the target. Estimated, not
 * measured: joules are the run's cumulative energy so far plus the remaining epochs at the run's median energy per
 * epoch (as the run's meter obtained it). An epoch's {@code forecast} is null when there is no target, fewer than
 * three epochs, or the fit does not reach the target within the run's planned epochs.
 *
 * @param epochsToTarget the epoch (from the run's start) at which the fit first reaches the target
 * @param joulesToTarget the run's cumulative joules at that epoch
 * @param low            10th percentile of joulesToTarget over bootstrap refits (residuals resampled)
 * @param high           90th percentile of joulesToTarget; null when more than 10% of the refits do not reach the
 *                       target within the planned epochs
 */
public record EpochForecast(double epochsToTarget, Double joulesToTarget, Double low, Double high) {
}
