package dev.verdant.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) and SIGTERM during {@code verdant run}: the first one asks the run to stop through its own cancel
 * path (it stops at the next batch, is stored as {@code cancelled}, and the command still writes the result and
 * exits 3); a second one quits at once (exit 130, the run then shows as {@code interrupted} with its committed
 * epochs). The JVM's default reaction to these signals is to exit straight away, which is why they are caught
 * here rather than in a shutdown hook: a hook cannot change the exit code and races the result being written.
 * Where the JVM does not let us catch them (started with {@code -Xrs}), a shutdown hook still cancels the run and
 * waits for the result to be written before the JVM ends.
 */
final class StopOnSignal implements AutoCloseable {

    /** Exit code of a forced quit: the shell's convention for "ended by SIGINT". */
    static final int FORCED_EXIT = 130;
    /** How long a shutdown hook (the fallback) waits for the result to be written. */
    private static final long HOOK_WAIT_SECONDS = 60;

    private final Runnable cancel;
    private final PrintWriter err;
    private final AtomicInteger signals = new AtomicInteger();
    private final CountDownLatch written = new CountDownLatch(1);
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private Thread hook;

    private StopOnSignal(Runnable cancel, PrintWriter err) {
        this.cancel = cancel;
        this.err = err;
    }

    /**
     * Catches SIGINT and SIGTERM until {@link #close()}.
     *
     * @param cancel asks the run to stop at its next batch; must return at once
     * @param err    where the "stopping" notice goes
     */
    static StopOnSignal install(Runnable cancel, PrintWriter err) {
        StopOnSignal s = new StopOnSignal(cancel, err);
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal signal = new Signal(name);
                s.previous.put(signal, Signal.handle(signal, s::onSignal));
            } catch (IllegalArgumentException notOurs) {
                // the JVM keeps this signal (-Xrs, or the platform lacks it): the shutdown hook below covers it
                s.installHook();
            }
        }
        return s;
    }

    /** How many stop signals arrived so far. */
    int received() {
        return signals.get();
    }

    private void onSignal(Signal signal) {
        if (signals.incrementAndGet() == 1) {
            err.println("verdant: SIG" + signal.getName() + ": stopping at the next batch and writing the result "
                    + "(press Ctrl-C again to quit at once)");
            err.flush();
            cancel.run();
        } else {
            err.println("verdant: quitting now; the epochs committed so far stay in the store");
            err.flush();
            Runtime.getRuntime().halt(FORCED_EXIT);
        }
    }

    private void installHook() {
        if (hook != null) {
            return;
        }
        hook = new Thread(() -> {
            signals.incrementAndGet();
            cancel.run();
            try {
                written.await(HOOK_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "verdant-stop-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The result is written: the fallback hook may let the JVM end; the previous signal handlers come back. */
    @Override
    public void close() {
        written.countDown();
        previous.forEach(Signal::handle);
        previous.clear();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and has just been released by the countDown above
            }
        }
    }
}
