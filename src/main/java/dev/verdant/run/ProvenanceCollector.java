package dev.verdant.run;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.verdant.energy.CpuEstimatorProbe;
import dev.verdant.result.Provenance;

/** Records where and how a run is made: versions, OS, CPU, device, dataset hash and seed. */
final class ProvenanceCollector {

    private ProvenanceCollector() {
    }

    static Provenance collect(Device device, String deviceNotice, String datasetSha256, long seed) {
        Engine engine = Engine.getInstance();
        return new Provenance(verdantVersion(), Engine.getDjlVersion(),
                engine.getEngineName() + " " + engine.getVersion(), device.toString(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                        + System.getProperty("os.arch") + ")",
                CpuEstimatorProbe.cpuModelName(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                datasetSha256, seed, deviceNotice, null);
    }

    static String verdantVersion() {
        String v = ProvenanceCollector.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
