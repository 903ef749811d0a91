package dev.verdant.energy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The threads of this process as Linux lists them under {@code /proc/self/task/<tid>/}: their names
 * ({@code comm}) and CPU time ({@code stat}'s utime + stime). Unlike the JDK's thread beans, this sees native
 * threads too, e.g. libtorch's intra-op workers, which do most of a run's arithmetic. The root is injectable so
 * tests build a fake tree.
 */
public final class ProcTasks {

    /**
     * Nanoseconds per clock tick of {@code stat}'s times: {@code USER_HZ} is 100 on every Linux architecture we
     * run on (x86-64, arm64), whatever the kernel's internal tick rate.
     */
    static final long NANOS_PER_TICK = 10_000_000L;

    private final Path self;

    /** This process's tasks ({@code /proc/self}). */
    public ProcTasks() {
        this(Path.of("/proc/self"));
    }

    /** The tasks under {@code self}, a folder shaped like {@code /proc/self} (it holds {@code task/<tid>/...}). */
    public ProcTasks(Path self) {
        this.self = self;
    }

    /** Whether per-thread CPU times can be read here (Linux with procfs). */
    public boolean readable() {
        return Files.isDirectory(self.resolve("task"));
    }

    /** The calling thread's kernel thread id, from {@code /proc/thread-self}; empty where there is none. */
    public static OptionalInt currentTid() {
        try {
            Path link = Files.readSymbolicLink(Path.of("/proc/thread-self")); // "<pid>/task/<tid>"
            return OptionalInt.of(Integer.parseInt(link.getFileName().toString()));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /** The ids of the process's threads now alive. */
    public List<Integer> tids() {
        List<Integer> out = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(self.resolve("task"))) {
            for (Path p : dir) {
                try {
                    out.add(Integer.parseInt(p.getFileName().toString()));
                } catch (NumberFormatException e) {
                    // not a task folder
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }

    /** A thread's name (at most 15 characters, as the kernel keeps it), or null when it has ended. */
    public String comm(int tid) {
        try {
            return Files.readString(self.resolve("task/" + tid + "/comm")).strip();
        } catch (IOException e) {
            return null;
        }
    }

    /** A thread's CPU time in ns (user + system), or -1 when it has ended. */
    public long cpuNanos(int tid) {
        try {
            String stat = Files.readString(self.resolve("task/" + tid + "/stat"));
            // the name in parentheses may hold spaces: fields are counted after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // after the name: state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15)
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
