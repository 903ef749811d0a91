package dev.verdant.energy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fake {@code /proc/self} tree: threads with a name and CPU ticks (utime), as Linux lays them out. */
final class FakeProcTasks {

    private final Path self;

    FakeProcTasks(Path root) {
        this.self = root;
    }

    ProcTasks tasks() {
        return new ProcTasks(self);
    }

    /** Creates or updates thread {@code tid}: name and user-mode ticks (10 ms each); stime is 1/4 of it. */
    FakeProcTasks thread(int tid, String comm, long ticks) {
        try {
            Path dir = Files.createDirectories(self.resolve("task/" + tid));
            Files.writeString(dir.resolve("comm"), comm + "\n");
            long stime = ticks / 4;
            long utime = ticks - stime;
            // a real stat line: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
            Files.writeString(dir.resolve("stat"), tid + " (" + comm + ") S 1 1 1 0 -1 4194560 10 0 0 0 " + utime
                    + " " + stime + " 0 0 20 0 40 0 100 0 0\n");
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes thread {@code tid} (it ended). */
    FakeProcTasks end(int tid) {
        try {
            Path dir = self.resolve("task/" + tid);
            Files.deleteIfExists(dir.resolve("comm"));
            Files.deleteIfExists(dir.resolve("stat"));
            Files.deleteIfExists(dir);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
