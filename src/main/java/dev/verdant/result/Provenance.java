package dev.verdant.result;

import java.util.List;

/**
 * Where and how a run was made, recorded automatically so that it can be reproduced and compared.
 *
 * @param verdantVersion Verdant's version
 * @param djlVersion     DJL's version
 * @param engine         deep-learning engine and its version, e.g. {@code PyTorch 2.7.1}
 * @param device         the DJL device trained on, e.g. {@code cpu()} or {@code gpu(0)}
 * @param os             operating system name, version and architecture
 * @param cpu            CPU model name
 * @param cpuCores       logical processors available to the JVM
 * @param javaVersion    Java runtime version
 * @param datasetSha256  SHA-256 of the dataset content actually used
 * @param seed           the run's seed
 * @param deviceNotice   why the device differs from what the spec asked (e.g. no GPU found); null when it does not
 * @param energyProbes   each energy probe, available or not, with the reason
 * @param worker         the cluster worker that ran it, {@code name (host)}; null for a run made in this process
 */
public record Provenance(String verdantVersion, String djlVersion, String engine, String device, String os,
                         String cpu, int cpuCores, String javaVersion, String datasetSha256, long seed,
                         String deviceNotice, List<ProbeStatus> energyProbes, String worker) {

    public Provenance {
        energyProbes = energyProbes == null ? List.of() : List.copyOf(energyProbes);
    }

    /** A provenance of a run made in this process (no worker); the arity before cluster mode. */
    public Provenance(String verdantVersion, String djlVersion, String engine, String device, String os,
                      String cpu, int cpuCores, String javaVersion, String datasetSha256, long seed,
                      String deviceNotice, List<ProbeStatus> energyProbes) {
        this(verdantVersion, djlVersion, engine, device, os, cpu, cpuCores, javaVersion, datasetSha256, seed,
                deviceNotice, energyProbes, null);
    }

    /** The same provenance, recorded as made by cluster worker {@code workerName}. */
    public Provenance withWorker(String workerName) {
        return new Provenance(verdantVersion, djlVersion, engine, device, os, cpu, cpuCores, javaVersion,
                datasetSha256, seed, deviceNotice, energyProbes, workerName);
    }

    /** The same provenance with the energy probes' status recorded. */
    public Provenance withEnergyProbes(List<ProbeStatus> probes) {
        return new Provenance(verdantVersion, djlVersion, engine, device, os, cpu, cpuCores, javaVersion,
                datasetSha256, seed, deviceNotice, probes, worker);
    }
}
