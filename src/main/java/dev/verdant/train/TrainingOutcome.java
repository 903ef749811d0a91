package dev.verdant.train;

import dev.verdant.result.StopReason;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.RunStatus;

import java.util.List;

/**
 * How training ended and what it produced.
 *
 * @param status           completed, diverged or cancelled
 * @param message          why it did not complete (and what to do), or null
 * @param stopReason       why the epochs ended
 * @param epochs           every completed epoch
 * @param finalEvaluation  the final model on the validation split
 * @param trainSeconds     wall time of all epochs (training and validation)
 * @param samplesPerSecond training samples per second of training-phase time
 */
public record TrainingOutcome(RunStatus status, String message, StopReason stopReason, List<EpochRecord> epochs,
                              Evaluation finalEvaluation, double trainSeconds, double samplesPerSecond) {
}
