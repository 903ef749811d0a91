package dev.verdant.energy;

import dev.verdant.result.ProbeStatus;

/**
 * One source of energy figures for one kind of hardware. A probe reports a cumulative energy counter in
 * joules; probes that can only read power (NVML on older GPUs, estimators) integrate it between reads, so
 * the meter treats every probe alike. A probe that cannot work on this machine says why and how to fix it,
 * and is never read.
 *
 * <p>Probes are read from the meter's sampling thread and from the thread that calls
 * {@code begin}/{@code end}; implementations are thread-safe.
 */
public interface EnergyProbe extends AutoCloseable {

    /** What a probe covers; the meter uses the first available probe of each kind. */
    enum Hardware {
        /** CPU package(s) and memory. */
        CPU,
        /** Accelerators (GPUs). */
        GPU
    }

    /** Short name, e.g. {@code rapl}, {@code nvml}, {@code estimator}. */
    String name();

    /** The hardware whose energy this probe reports. */
    Hardware hardware();

    /** Whether the probe can be read on this machine: exactly when there is no reason it cannot. */
    default boolean available() {
        return unavailableReason() == null;
    }

    /** Why the probe is unavailable and the usual fix; null when it is available. */
    String unavailableReason();

    /** How its figures are obtained, e.g. {@code measured:rapl} or {@code estimated:cpu-tdp}. */
    String method();

    /** What it measures when available (domains, devices, model constants), for probe listings. */
    String covers();

    /**
     * Energy in joules since an arbitrary origin fixed by the probe (its creation or first read). It never
     * decreases. Throws {@link java.io.UncheckedIOException} or another runtime exception when a read fails
     * mid-run; the meter then keeps the last good value.
     *
     * @throws IllegalStateException when the probe is not available
     */
    double readJoules();

    /** The probe's status as recorded in a run's provenance. */
    default ProbeStatus status() {
        return new ProbeStatus(name(), available(), available() ? method() + ": " + covers() : unavailableReason());
    }

    /** Releases native handles; the default holds none. */
    @Override
    default void close() {
    }
}
