package dev.verdant.energy;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The CPU time one run is charged with: the CPU time of its own thread plus its share of the compute threads that
 * no run owns alone (libtorch's intra-op pool, created once and shared by every run in the process). The
 * window's FX thread, the garbage collector, the JIT compilers, the energy sampler and other runs' threads are
 * not charged. When several runs are active, the pool's time in each interval is split in proportion to the
 * runs' own-thread CPU time in that interval (each run's thread drives the pool while it waits for it).
 *
 * <p>Which threads are compute threads: libtorch's workers are native threads that inherit the name of the
 * thread that created them, so they cannot be told apart by name alone. A thread counts as compute when it is
 * not a run's own thread, not one of the JVM's service threads (names such as {@code GC Thread#0},
 * {@code C2 CompilerThre}, {@code VM Thread}) and not named like a live Java thread that is not a run thread
 * (the FX thread, the sampler, ...). Registered on the run's own thread ({@link #forCurrentThread}); closing it
 * unregisters the run.
 */
public final class RunCpuClock implements AutoCloseable {

    /** Name prefixes of HotSpot's own threads, which the JDK's thread bean does not list. */
    private static final List<String> JVM_SERVICE = List.of("GC Thread", "G1 ", "VM Thread", "VM Periodic",
            "C1 CompilerThre", "C2 CompilerThre", "Sweeper thread", "ZGC", "Shenandoah", "Signal Dispatch",
            "Service Thread", "Monitor Deflati", "Reference Handl", "Finalizer", "Common-Cleaner",
            "Notification Th", "Attach Listener", "process reaper", "JNA Cleaner");

    private static final long NAMES_REFRESH_NANOS = 1_000_000_000L;

    private static final List<RunCpuClock> ACTIVE = new CopyOnWriteArrayList<>();

    private final ProcTasks tasks;
    private final int tid;
    private final String comm;
    private final Supplier<Set<String>> javaThreadNames;
    private final Map<Integer, Long> lastTicks = new HashMap<>();
    private final Map<Integer, String> names = new HashMap<>();
    private Set<String> javaNames = Set.of();
    private long javaNamesRead;
    private boolean javaNamesKnown;
    private long charged;
    private volatile boolean closed;

    RunCpuClock(ProcTasks tasks, int tid, Supplier<Set<String>> javaThreadNames) {
        this.tasks = tasks;
        this.tid = tid;
        this.comm = tasks.comm(tid);
        this.javaThreadNames = javaThreadNames;
        ACTIVE.add(this);
        snapshot(true);
    }

    /**
     * A clock for the run whose work happens on the calling thread; empty where per-thread CPU times cannot be
     * read (not Linux), and the caller then falls back to the whole process's CPU time.
     */
    public static java.util.Optional<RunCpuClock> forCurrentThread() {
        ProcTasks tasks = new ProcTasks();
        OptionalInt tid = ProcTasks.currentTid();
        if (tid.isEmpty() || !tasks.readable() || tasks.cpuNanos(tid.getAsInt()) < 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new RunCpuClock(tasks, tid.getAsInt(), RunCpuClock::liveJavaThreadNames));
    }

    /** A clock over an explicit task tree (tests). */
    static RunCpuClock of(ProcTasks tasks, int tid, Supplier<Set<String>> javaThreadNames) {
        return new RunCpuClock(tasks, tid, javaThreadNames);
    }

    /** The runs being clocked in this process now. */
    static List<RunCpuClock> active() {
        return List.copyOf(ACTIVE);
    }

    /** The run thread's kernel id. */
    public int tid() {
        return tid;
    }

    /** CPU time charged to this run since the clock started, in ns; never decreases. */
    public synchronized long nanos() {
        if (!closed) {
            snapshot(false);
        }
        return charged;
    }

    /** Stops charging and unregisters the run, so other runs' shares no longer count it. */
    @Override
    public synchronized void close() {
        if (!closed) {
            snapshot(false);
            closed = true;
            ACTIVE.remove(this);
        }
    }

    /**
     * Reads every thread's CPU time and charges this run with its own thread's increase plus its share of the
     * compute threads' increase since the last read.
     */
    private void snapshot(boolean first) {
        Set<Integer> runTids = new HashSet<>();
        Set<String> runComms = new HashSet<>();
        for (RunCpuClock c : ACTIVE) {
            runTids.add(c.tid);
            if (c.comm != null) {
                runComms.add(c.comm);
            }
        }
        long wall = System.nanoTime();
        if (!javaNamesKnown || wall - javaNamesRead > NAMES_REFRESH_NANOS) {
            // the set of Java threads changes rarely; listing it once a second keeps the sampler cheap
            javaNames = javaThreadNames.get();
            javaNamesRead = wall;
            javaNamesKnown = true;
        }
        Set<String> notCompute = new HashSet<>(javaNames);
        notCompute.removeAll(runComms);
        long own = 0;
        long allRuns = 0;
        long pool = 0;
        Map<Integer, Long> now = new HashMap<>();
        List<Integer> alive = tasks.tids();
        for (int t : alive) {
            // a thread's name is read once: tids are not reused while the process has threads to spare
            String name = t == tid ? comm : names.computeIfAbsent(t, tasks::comm);
            boolean run = runTids.contains(t);
            if (name == null || (!run && (isJvmService(name) || notCompute.contains(name)))) {
                continue;
            }
            long ns = tasks.cpuNanos(t);
            if (ns < 0) {
                continue;
            }
            now.put(t, ns);
            long delta = Math.max(0, ns - lastTicks.getOrDefault(t, first ? ns : 0L));
            if (t == tid) {
                own = delta;
                allRuns += delta;
            } else if (run) {
                allRuns += delta;
            } else {
                pool += delta;
            }
        }
        lastTicks.clear();
        lastTicks.putAll(now);
        names.keySet().retainAll(new HashSet<>(alive));
        if (first) {
            return;
        }
        double share = allRuns > 0 ? (double) own / allRuns : 1.0 / Math.max(1, runTids.size());
        charged += own + Math.round(pool * share);
    }

    private static boolean isJvmService(String name) {
        for (String p : JVM_SERVICE) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Names of the JVM's live Java threads as the kernel shows them (15 characters at most). */
    static Set<String> liveJavaThreadNames() {
        Set<String> names = new HashSet<>();
        var bean = ManagementFactory.getThreadMXBean();
        for (var info : bean.getThreadInfo(bean.getAllThreadIds(), 0)) {
            if (info == null) {
                continue; // ended since it was listed
            }
            String n = info.getThreadName();
            names.add(n.length() > 15 ? n.substring(0, 15) : n);
        }
        // the JVM's main thread keeps the launcher's name in the kernel ("java"), not "main"
        names.remove("main");
        return names.isEmpty() ? Set.of() : names;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "run thread %d (%s)", tid, comm);
    }
}
