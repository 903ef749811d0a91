package dev.verdant.result;

/**
 * Metrics of one training batch (kept downsampled for the loss curve).
 *
 * @param epoch            1-based epoch
 * @param batch            0-based batch index within the epoch
 * @param loss             the batch's mean training loss
 * @param accuracy         the batch's training accuracy
 * @param samplesPerSecond training throughput over this batch
 * @param seconds          seconds since the run started
 */
public record BatchRecord(int epoch, int batch, double loss, double accuracy, double samplesPerSecond,
                          double seconds) {
}
