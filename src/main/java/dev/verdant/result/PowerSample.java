package dev.verdant.result;

/**
 * Power at one moment of a run, for the power-over-time chart.
 *
 * @param seconds seconds since the run started
 * @param watts   power drawn (measured or estimated, as {@code method} says)
 * @param phase   the phase running then: {@code train}, {@code eval}, {@code compress}, {@code inference}
 * @param method  how it was obtained, e.g. {@code measured:rapl} or {@code estimated:cpu-tdp}
 */
public record PowerSample(double seconds, double watts, String phase, String method) {
}
