package dev.verdant.app.live;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;

/**
 * The CPU time of JavaFX's render thread ("QuantumRenderer-0"), in nanoseconds: what rasterising the scene has cost so
 * far, for {@link RedrawThrottle}. 0 when the thread is not (yet) there or the JVM cannot measure thread CPU time.
 */
final class RenderThreadClock implements LongSupplier {

    private static final String NAME = "QuantumRenderer";
    /** Lookups of the thread before giving up (it exists once the toolkit runs; tests without one never find it). */
    private static final int TRIES = 20;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long id = -1;
    private int tries;

    @Override
    public long getAsLong() {
        if (id < 0) {
            if (tries >= TRIES || !threads.isThreadCpuTimeSupported()) {
                return 0;
            }
            tries++;
            id = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(NAME))
                    .mapToLong(Thread::getId).findFirst().orElse(-1);
            if (id < 0) {
                return 0;
            }
        }
        long ns = threads.getThreadCpuTime(id);
        return Math.max(0, ns);
    }
}
