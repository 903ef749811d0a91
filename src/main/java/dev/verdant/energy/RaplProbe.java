package dev.verdant.energy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CPU energy from RAPL counters as Linux exposes them under powercap ({@code /sys/class/powercap/intel-rapl:*};
 * AMD Zen CPUs appear under the same names). Sums the {@code package-N} and {@code dram} domains of every
 * socket; {@code core}/{@code uncore} are parts of a package and are not added again. A {@code psys}
 * (platform) domain, where present, is read and listed but not added, because it already contains the
 * packages. Counters wrap at {@code max_energy_range_uj}: a smaller reading than the last one means one wrap,
 * which holds while reads are closer together than one full range (a typical 262 kJ range lasts ~44 min at
 * 100 W; the meter reads every 0.1 s).
 *
 * <p>Since Linux 5.10 (CVE-2020-8694, "Platypus") {@code energy_uj} is readable only by root; the probe then
 * is unavailable and says how to open it up.
 */
public final class RaplProbe implements EnergyProbe {

    /** Where Linux exposes powercap zones. */
    public static final Path DEFAULT_ROOT = Path.of("/sys/class/powercap");

    /** The hardware edge: reads one small sysfs file. Injectable so tests can simulate denied reads as root. */
    @FunctionalInterface
    public interface FileReader {
        /** The file's content. */
        String read(Path file) throws IOException;
    }

    static final String FIX = "Fix: 'sudo chmod a+r /sys/class/powercap/intel-rapl:*/energy_uj "
            + "/sys/class/powercap/intel-rapl:*/*/energy_uj' (until reboot), or permanently a udev rule "
            + "/etc/udev/rules.d/99-verdant-rapl.rules: ACTION==\"add\", SUBSYSTEM==\"powercap\", "
            + "KERNEL==\"intel-rapl:*\", RUN+=\"/bin/chmod a+r /sys%p/energy_uj\"";

    private static final Pattern ZONE = Pattern.compile("intel-rapl:\\d+(:\\d+)?");

    /** One counter: a package, dram or psys domain. */
    private static final class Domain {
        final String label;
        final Path energyFile;
        final long maxRangeUj;
        final boolean summed;
        long lastUj;
        double joules;

        Domain(String label, Path energyFile, long maxRangeUj, boolean summed, long firstUj) {
            this.label = label;
            this.energyFile = energyFile;
            this.maxRangeUj = maxRangeUj;
            this.summed = summed;
            this.lastUj = firstUj;
        }
    }

    private final Path root;
    private final FileReader reader;
    private final List<Domain> domains = new ArrayList<>();
    private final String unavailableReason;

    /** RAPL at {@link #DEFAULT_ROOT}. */
    public RaplProbe() {
        this(DEFAULT_ROOT);
    }

    /** RAPL under another root (a fake tree in tests). */
    public RaplProbe(Path root) {
        this(root, Files::readString);
    }

    /** RAPL under {@code root}, reading files through {@code reader}. */
    public RaplProbe(Path root, FileReader reader) {
        this.root = root;
        this.reader = reader;
        this.unavailableReason = discover();
    }

    /** Finds the zones and reads each counter once; returns why RAPL cannot be used, or null. */
    private String discover() {
        List<Path> zones = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root)) {
            for (Path p : dir) {
                if (ZONE.matcher(p.getFileName().toString()).matches()) {
                    zones.add(p);
                }
            }
        } catch (IOException e) {
            return noRapl();
        }
        zones.sort(null);
        for (Path zone : zones) {
            String name;
            try {
                name = reader.read(zone.resolve("name")).trim();
            } catch (IOException e) {
                continue; // a zone without a name is not one we know how to interpret
            }
            boolean isPackage = name.startsWith("package");
            boolean isDram = name.equals("dram");
            boolean isPsys = name.equals("psys");
            if (!isPackage && !isDram && !isPsys) {
                continue;
            }
            Path energy = zone.resolve("energy_uj");
            long first;
            long max;
            try {
                first = parse(energy);
                max = parse(zone.resolve("max_energy_range_uj"));
            } catch (AccessDeniedException e) {
                return "RAPL counters exist but " + energy + " is readable only by root (Linux 5.10+, "
                        + "CVE-2020-8694). " + FIX;
            } catch (IOException | NumberFormatException e) {
                return "cannot read RAPL counter " + energy + ": " + e.getMessage();
            }
            String socket = zone.getFileName().toString().split(":")[1];
            String label = isPackage ? name : name + "-" + socket;
            domains.add(new Domain(label, energy, max, !isPsys, first));
        }
        if (domains.stream().noneMatch(d -> d.label.startsWith("package"))) {
            return noRapl();
        }
        return null;
    }

    private String noRapl() {
        return "no RAPL package counters under " + root + "/intel-rapl:* (virtual machines and containers "
                + "usually hide them; on bare metal load the kernel module: 'sudo modprobe intel_rapl_common')";
    }

    private long parse(Path file) throws IOException {
        return Long.parseLong(reader.read(file).trim());
    }

    @Override
    public String name() {
        return "rapl";
    }

    @Override
    public Hardware hardware() {
        return Hardware.CPU;
    }

    @Override
    public String unavailableReason() {
        return unavailableReason;
    }

    @Override
    public String method() {
        return "measured:rapl";
    }

    @Override
    public String covers() {
        String summed = domains.stream().filter(d -> d.summed).map(d -> d.label).collect(Collectors.joining(" + "));
        String psys = domains.stream().anyMatch(d -> !d.summed) ? "; psys read, not added (it contains the packages)" : "";
        boolean dram = domains.stream().anyMatch(d -> d.label.startsWith("dram"));
        return summed + (dram ? "" : " (no dram domain: memory not counted)") + psys
                + "; excludes PSU losses, fans, disks, GPUs";
    }

    @Override
    public synchronized double readJoules() {
        requireAvailable();
        double total = 0;
        for (Domain d : domains) {
            long now;
            try {
                now = parse(d.energyFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + d.energyFile, e);
            }
            long delta = now - d.lastUj;
            if (delta < 0) {
                delta += d.maxRangeUj; // the counter wrapped once since the last read
            }
            d.lastUj = now;
            d.joules += delta / 1e6;
            if (d.summed) {
                total += d.joules;
            }
        }
        return total;
    }

    /** Joules per domain (e.g. {@code package-0}, {@code dram-0}, {@code psys-0}) as of the last read. */
    public synchronized Map<String, Double> domainJoules() {
        Map<String, Double> m = new LinkedHashMap<>();
        domains.forEach(d -> m.put(d.label, d.joules));
        return m;
    }

    private void requireAvailable() {
        if (!available()) {
            throw new IllegalStateException("rapl is unavailable: " + unavailableReason);
        }
    }
}
