package dev.verdant.run;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.verdant.result.Provenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

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
                cpuModel(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                datasetSha256, seed, deviceNotice, null);
    }

    static String verdantVersion() {
        String v = ProvenanceCollector.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The CPU model name: /proc/cpuinfo on Linux, PROCESSOR_IDENTIFIER on Windows, else the architecture. */
    static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (var lines = Files.lines(cpuinfo)) {
                var model = lines.filter(l -> l.toLowerCase(Locale.ROOT).startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
                if (model.isPresent()) {
                    return model.get();
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // fall through to the portable answers
            }
        }
        String win = System.getenv("PROCESSOR_IDENTIFIER");
        return win != null ? win : System.getProperty("os.arch");
    }
}
