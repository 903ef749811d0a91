package dev.verdant.result;

/**
 * The energy-to-target forecast made after an epoch of a run with a target accuracy: learning curves fitted to the
 * validation accuracies so far (a Bayesian average of power-law to exponential decays of the error, see
 * {@code run.TargetForecast}), projected to the epoch where the target is first reached. Estimated, not measured:
 * joules are the run's cumulative energy so far plus the remaining epochs at the run's median energy per epoch (as the
 * run's meter obtained it). An epoch's {@code forecast} is null when there is no target, fewer than three epochs, or
 * fewer than 30% of the posterior draws reach the target within the run's planned epochs ("not reachable").
 *
 * @param epochsToTarget the epoch (from the run's start) at which the target is first reached: the median over the
 *                       posterior draws (the run's planned epochs when that median lies beyond them)
 * @param joulesToTarget the run's cumulative joules at that epoch
 * @param low            10th percentile of joulesToTarget over the posterior draws
 * @param high           90th percentile of joulesToTarget; null when more than 10% of the draws do not reach the
 *                       target within the planned epochs
 */
public record EpochForecast(double epochsToTarget, Double joulesToTarget, Double low, Double high) {
}
