package dev.verdant.result;

/**
 * What a transfer run reused and what it cost, against training the same network from scratch on the same data.
 * Joules are the meters' figures (measured or estimated, as the runs' energy methods say).
 *
 * @param fromRun               the stored run whose network was reused
 * @param mode                  {@code linear-probe}, {@code fine-tune-last} or {@code fine-tune-all}
 * @param shots                 labelled samples per class kept (null: all)
 * @param trainSamples          labelled training samples used
 * @param pretrainJoules        energy of the reused pre-training run (its stored total); null when it stored none
 * @param transferJoules        energy of this transfer run (all its phases), not counting the pre-training
 * @param transferAccuracy      validation accuracy of the transferred model
 * @param scratchAccuracy       best validation accuracy the same network reached from scratch on the same samples
 * @param scratchJoules         energy of that from-scratch comparison (all its epochs)
 * @param scratchJoulesToSameAccuracy joules the from-scratch network needed to reach {@code transferAccuracy};
 *                              null when it never did within {@code scratchEpochs}
 * @param scratchEpochs         epochs the from-scratch comparison was given
 */
public record TransferReport(long fromRun, String mode, Integer shots, int trainSamples, Double pretrainJoules,
                             double transferJoules, double transferAccuracy, Double scratchAccuracy,
                             Double scratchJoules, Double scratchJoulesToSameAccuracy, Integer scratchEpochs) {
}
