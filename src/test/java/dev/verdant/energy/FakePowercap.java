package dev.verdant.energy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds fake {@code /sys/class/powercap} trees in a temp dir, laid out flat as the kernel's class dir is. */
final class FakePowercap {

    static final long RANGE = 262_143_328_850L;

    private final Path root;

    FakePowercap(Path root) {
        this.root = root;
    }

    FakePowercap zone(String id, String name, long energyUj) {
        try {
            Path z = Files.createDirectories(root.resolve(id));
            Files.writeString(z.resolve("name"), name + "\n");
            Files.writeString(z.resolve("max_energy_range_uj"), RANGE + "\n");
            Files.writeString(z.resolve("energy_uj"), energyUj + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    void set(String id, long energyUj) {
        try {
            Files.writeString(root.resolve(id).resolve("energy_uj"), energyUj + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
