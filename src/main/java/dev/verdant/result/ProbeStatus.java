package dev.verdant.result;

/**
 * Whether one energy probe could measure on the run's machine, and if not, why and how to fix it.
 *
 * @param name      probe name, e.g. {@code rapl}, {@code nvml}, {@code estimator}
 * @param available whether it measured
 * @param reason    why it is unavailable (and the usual fix), or what it covers when available
 */
public record ProbeStatus(String name, boolean available, String reason) {
}
