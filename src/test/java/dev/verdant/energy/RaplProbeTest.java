package dev.verdant.energy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RaplProbeTest {

    @TempDir
    Path root;

    @Test
    void oneSocketSumsPackageAndDram() {
        FakePowercap fake = new FakePowercap(root)
                .zone("intel-rapl:0", "package-0", 1_000_000)
                .zone("intel-rapl:0:0", "core", 500_000)
                .zone("intel-rapl:0:1", "dram", 2_000_000);
        RaplProbe probe = new RaplProbe(root);
        assertTrue(probe.available(), probe.unavailableReason());
        assertNull(probe.unavailableReason());
        assertEquals("measured:rapl", probe.method());
        assertEquals(0.0, probe.readJoules(), 1e-9);
        fake.set("intel-rapl:0", 11_000_000);   // +10 J package
        fake.set("intel-rapl:0:0", 9_500_000);  // core is inside the package: must not be added
        fake.set("intel-rapl:0:1", 4_500_000);  // +2.5 J dram
        assertEquals(12.5, probe.readJoules(), 1e-9);
        assertEquals(10.0, probe.domainJoules().get("package-0"), 1e-9);
        assertEquals(2.5, probe.domainJoules().get("dram-0"), 1e-9);
    }

    @Test
    void twoSocketsAreAdded() {
        FakePowercap fake = new FakePowercap(root)
                .zone("intel-rapl:0", "package-0", 0).zone("intel-rapl:0:0", "dram", 0)
                .zone("intel-rapl:1", "package-1", 0).zone("intel-rapl:1:0", "dram", 0);
        RaplProbe probe = new RaplProbe(root);
        assertTrue(probe.available(), probe.unavailableReason());
        fake.set("intel-rapl:0", 30_000_000);
        fake.set("intel-rapl:1", 20_000_000);
        fake.set("intel-rapl:0:0", 3_000_000);
        fake.set("intel-rapl:1:0", 1_000_000);
        assertEquals(54.0, probe.readJoules(), 1e-9);
        assertTrue(probe.covers().contains("package-1"), probe.covers());
        assertTrue(probe.covers().contains("dram-1"), probe.covers());
    }

    @Test
    void wrapAroundAddsTheRange() {
        long nearTop = FakePowercap.RANGE - 1_000_000; // 1 J below the wrap
        FakePowercap fake = new FakePowercap(root).zone("intel-rapl:0", "package-0", nearTop);
        RaplProbe probe = new RaplProbe(root);
        fake.set("intel-rapl:0", 2_000_000);           // wrapped: 1 J to the top, then 2 J
        assertEquals(3.0, probe.readJoules(), 1e-6);
        fake.set("intel-rapl:0", 5_000_000);
        assertEquals(6.0, probe.readJoules(), 1e-6);
    }

    @Test
    void withoutDramOnlyThePackageCountsAndCoversSaysSo() {
        FakePowercap fake = new FakePowercap(root).zone("intel-rapl:0", "package-0", 0);
        RaplProbe probe = new RaplProbe(root);
        assertTrue(probe.available());
        fake.set("intel-rapl:0", 7_000_000);
        assertEquals(7.0, probe.readJoules(), 1e-9);
        assertTrue(probe.covers().contains("no dram domain"), probe.covers());
    }

    @Test
    void psysIsReadButNotAddedToThePackages() {
        FakePowercap fake = new FakePowercap(root)
                .zone("intel-rapl:0", "package-0", 0).zone("intel-rapl:1", "psys", 0);
        RaplProbe probe = new RaplProbe(root);
        fake.set("intel-rapl:0", 5_000_000);
        fake.set("intel-rapl:1", 9_000_000);
        assertEquals(5.0, probe.readJoules(), 1e-9);
        assertEquals(9.0, probe.domainJoules().get("psys-1"), 1e-9);
        assertTrue(probe.covers().contains("psys"), probe.covers());
    }

    /**
     * Tests run as root here, and chmod 000 does not stop root from reading. So the denial is injected at the
     * hardware edge, the file reader, which throws what the JDK throws for an EACCES: AccessDeniedException.
     */
    @Test
    void rootOnlyCounterIsUnavailableWithTheFix() {
        new FakePowercap(root).zone("intel-rapl:0", "package-0", 1);
        RaplProbe.FileReader deniesEnergy = file -> {
            if (file.getFileName().toString().equals("energy_uj")) {
                throw new AccessDeniedException(file.toString());
            }
            return Files.readString(file);
        };
        RaplProbe probe = new RaplProbe(root, deniesEnergy);
        assertFalse(probe.available());
        assertTrue(probe.unavailableReason().contains("readable only by root"), probe.unavailableReason());
        assertTrue(probe.unavailableReason().contains("CVE-2020-8694"), probe.unavailableReason());
        assertTrue(probe.unavailableReason().contains("udev"), probe.unavailableReason());
        assertTrue(probe.unavailableReason().contains("chmod"), probe.unavailableReason());
        assertThrows(IllegalStateException.class, probe::readJoules);
        assertFalse(probe.status().available());
    }

    /** The same path without an injected reader: a directory where energy_uj should be fails even for root. */
    @Test
    void unreadableCounterOnDiskIsUnavailable() throws IOException {
        new FakePowercap(root).zone("intel-rapl:0", "package-0", 1);
        Path energy = root.resolve("intel-rapl:0").resolve("energy_uj");
        Files.delete(energy);
        Files.createDirectory(energy);
        RaplProbe probe = new RaplProbe(root);
        assertFalse(probe.available());
        assertTrue(probe.unavailableReason().startsWith("cannot read RAPL counter"), probe.unavailableReason());
    }

    @Test
    void noPowercapIsUnavailableWithReason() {
        RaplProbe missing = new RaplProbe(root.resolve("absent"));
        assertFalse(missing.available());
        assertTrue(missing.unavailableReason().contains("virtual machines"), missing.unavailableReason());
        RaplProbe empty = new RaplProbe(root);
        assertFalse(empty.available());
    }
}
