package dev.verdant.app;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Where the window's start spends its time, for whoever makes it faster: with {@code -Dverdant.startupTrace=true}
 * each {@link #mark} prints one stderr line (wall seconds since JVM start, process CPU seconds, classes loaded so
 * far). Off by default, and then a mark costs one boolean test.
 */
public final class StartupTrace {

    /** System property that turns the trace on. */
    public static final String PROPERTY = "verdant.startupTrace";

    private static final boolean ON = Boolean.getBoolean(PROPERTY);

    private StartupTrace() {
    }

    /** Records that the start reached {@code phase}. */
    public static void mark(String phase) {
        if (!ON) {
            return;
        }
        var runtime = ManagementFactory.getRuntimeMXBean();
        double wall = (System.currentTimeMillis() - runtime.getStartTime()) / 1000.0;
        double cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        System.err.printf(Locale.ROOT, "verdant-startup %6.3f s wall %6.3f s CPU %5d classes  %s [%s]%n", wall, cpu,
                classes, phase, Thread.currentThread().getName());
    }

    /**
     * Prints every thread's CPU seconds so far, busiest first, JIT compiler and GC threads included (read from
     * {@code /proc/self/task} where there is one): which thread the start's CPU went to.
     */
    public static void threads() {
        if (!ON) {
            return;
        }
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
        if (!java.nio.file.Files.isDirectory(tasks)) {
            return;
        }
        java.util.Map<String, Double> seconds = new java.util.TreeMap<>();
        try (var dirs = java.nio.file.Files.list(tasks)) {
            for (java.nio.file.Path d : dirs.toList()) {
                try {
                    String stat = java.nio.file.Files.readString(d.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double s = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime + stime, clock ticks
                    seconds.merge(name.replaceAll("\\d+$", "#"), s, Double::sum);
                } catch (java.io.IOException | RuntimeException e) {
                    // a thread that ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            return;
        }
        seconds.entrySet().stream().sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
                .filter(e -> e.getValue() >= 0.05)
                .forEach(e -> System.err.printf(Locale.ROOT, "verdant-startup   %6.2f s CPU  thread %s%n",
                        e.getValue(), e.getKey()));
    }
}
