package dev.verdant.cli;

import dev.verdant.cluster.ClusterKey;
import dev.verdant.cluster.ClusterTrialExecutor;
import dev.verdant.store.RunStore;
import dev.verdant.sweep.LocalTrialExecutor;
import dev.verdant.sweep.TrialExecutor;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The options that make a command the cluster's coordinator ({@code verdant sweep FILE --cluster}), as a picocli
 * mixin: without {@code --cluster} nothing listens and trials run in this process.
 */
final class ClusterOptions {

    @Option(names = "--cluster", description = "coordinate a cluster: run the trials on workers that join "
            + "(verdant worker --join HOST:PORT); see docs/cluster.md")
    boolean enabled;

    @Option(names = "--interface", paramLabel = "IP", defaultValue = "127.0.0.1",
            description = "with --cluster: the one address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 means all)")
    String iface;

    @Option(names = "--port", paramLabel = "N", defaultValue = "5701",
            description = "with --cluster: the port to listen on (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--key", paramLabel = "FILE",
            description = "with --cluster: the key file (default ~/.verdant/cluster.key; make one with "
                    + "'verdant cluster init-key')")
    Path keyFile;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "with --cluster: wait until N workers have joined before the first trial (default ${DEFAULT-VALUE})")
    int workers;

    /** The executor the command's trials run on: the cluster's coordinator, or {@code parallel} threads here. */
    TrialExecutor executor(RunStore store, int parallel, PrintWriter err) throws InterruptedException {
        if (!enabled) {
            return new LocalTrialExecutor(parallel, store);
        }
        if (port < 1 || port > 65535) {
            throw new CliException("--port must be between 1 and 65535, was " + port);
        }
        Path file = keyFile == null ? ClusterKey.defaultFile() : keyFile;
        ClusterKey key = ClusterKey.load(file);
        ClusterTrialExecutor coordinator = ClusterTrialExecutor.start(
                ClusterTrialExecutor.Settings.defaults().withInterface(iface).withPort(port), key, store);
        err.println("cluster: coordinator on " + coordinator.address() + " (key " + key.fingerprint() + "); start "
                + "workers with: verdant worker --join " + coordinator.address() + " --key " + file);
        err.flush();
        try {
            long nextNote = 0;
            while (coordinator.workers().stream().filter(ClusterTrialExecutor.WorkerView::connected).count()
                    < workers) {
                if (System.nanoTime() > nextNote) {
                    err.println("cluster: waiting for " + workers + " worker(s) to join");
                    err.flush();
                    nextNote = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException | RuntimeException e) {
            coordinator.close();
            throw e;
        }
        coordinator.workers().forEach(w -> err.println("cluster: worker " + w.name() + " on " + w.host() + " ("
                + w.cpu() + ", " + w.cores() + " cores, GPU " + w.gpu() + ")"));
        err.flush();
        return coordinator;
    }
}
