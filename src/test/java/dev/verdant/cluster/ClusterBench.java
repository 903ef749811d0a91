package dev.verdant.cluster;

import dev.verdant.result.RunResult;
import dev.verdant.run.RunListener;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecCodec;
import dev.verdant.store.RunStore;
import dev.verdant.sweep.TrialAttempt;
import dev.verdant.sweep.TrialRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * bench/cluster.sh: a coordinator in this JVM with a SQLite store and {@code verdant worker} child JVMs on
 * 127.0.0.1. Prints the dispatch overhead per trial (coordinator wall time minus the worker's own run time, trials
 * one after another), the delay from a worker's epoch end to the coordinator's listener (p50, p95), and trials per
 * hour with 1 and 2 workers. Arguments: [trials per throughput round=6] [epochs per trial=2].
 */
public final class ClusterBench {

    private ClusterBench() {
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path dir = Files.createTempDirectory("verdant-cluster-bench");
        Path keyFile = dir.resolve("cluster.key");
        ClusterKey key = ClusterKey.create(keyFile);
        int port = ClusterTestSupport.freePort();
        List<Process> children = new ArrayList<>();
        try (RunStore store = RunStore.open(dir.resolve("verdant.db"));
             ClusterTrialExecutor c = ClusterTrialExecutor.start(
                     ClusterTrialExecutor.Settings.defaults().withPort(port), key, store)) {
            children.add(ClusterTestSupport.startWorker("w1", port, keyFile, dir.resolve("w1.log")));
            if (!ClusterTestSupport.waitFor(() -> c.workers().size() == 1, 120)) {
                throw new IllegalStateException("worker did not join; see " + dir.resolve("w1.log"));
            }
            int n = 0;
            runAll(c, List.of(spec(++n, epochs)));                        // warm-up: engine load, first epochs
            int overheadFrom = c.stats().overheadMillis().size();
            int delayFrom = c.stats().epochDelayMillis().size();
            for (int i = 0; i < trials; i++) {                             // one after another: no queueing
                runAll(c, List.of(spec(++n, epochs)));
            }
            List<Long> overhead = c.stats().overheadMillis().subList(overheadFrom, c.stats().overheadMillis().size());
            List<Long> delays = c.stats().epochDelayMillis().subList(delayFrom, c.stats().epochDelayMillis().size());
            List<Long> claims = c.stats().claimMillis().subList(overheadFrom, c.stats().claimMillis().size());
            System.out.printf(Locale.ROOT, "dispatch overhead per trial: median %d ms, p95 %d ms over %d trials "
                    + "(goal < 100 ms)%n", pct(overhead, 50), pct(overhead, 95), overhead.size());
            System.out.printf(Locale.ROOT, "  of which offered -> leased: median %d ms; the rest is setting up the "
                    + "job, sending the model back and committing%n", pct(claims, 50));
            System.out.printf(Locale.ROOT, "epoch end -> coordinator listener: median %d ms, p95 %d ms over %d epochs "
                    + "(goal p95 < 500 ms)%n", pct(delays, 50), pct(delays, 95), delays.size());

            double one = throughput(c, trials, epochs, n);
            n += trials;
            System.out.printf(Locale.ROOT, "1 worker:  %.0f trials/hour (%d trials of %d epochs)%n", one, trials, epochs);
            children.add(ClusterTestSupport.startWorker("w2", port, keyFile, dir.resolve("w2.log")));
            if (!ClusterTestSupport.waitFor(() -> c.workers().size() == 2, 120)) {
                throw new IllegalStateException("second worker did not join; see " + dir.resolve("w2.log"));
            }
            runAll(c, List.of(spec(++n, epochs), spec(++n, epochs)));     // warm the second worker up
            double two = throughput(c, trials, epochs, n);
            System.out.printf(Locale.ROOT, "2 workers: %.0f trials/hour (%d trials of %d epochs; x%.2f)%n", two, trials,
                    epochs, two / one);
            System.out.printf(Locale.ROOT, "rejected %d, duplicates %d, retried %d%n", c.stats().rejected(),
                    c.stats().duplicates(), c.stats().retried());
        } finally {
            ClusterTestSupport.kill(children);
        }
    }

    private static double throughput(ClusterTrialExecutor c, int trials, int epochs, int first) throws Exception {
        List<ExperimentSpec> specs = new ArrayList<>();
        for (int i = 1; i <= trials; i++) {
            specs.add(spec(first + i, epochs));
        }
        long t0 = System.nanoTime();
        runAll(c, specs);
        return trials * 3600.0 / ((System.nanoTime() - t0) / 1e9);
    }

    private static void runAll(ClusterTrialExecutor c, List<ExperimentSpec> specs) throws Exception {
        List<TrialRun> runs = new ArrayList<>();
        for (ExperimentSpec s : specs) {
            runs.add(c.start(new TrialAttempt("bench/" + s.name(), 1, s), new RunListener() { }));
        }
        for (TrialRun r : runs) {
            RunResult result = r.result().get(10, TimeUnit.MINUTES);
            if (result.status() != dev.verdant.result.RunStatus.COMPLETED) {
                throw new IllegalStateException(s(result));
            }
        }
    }

    private static String s(RunResult r) {
        return r.name() + " ended " + r.status().label() + ": " + r.message();
    }

    private static ExperimentSpec spec(int n, int epochs) {
        return SpecCodec.parse("name: t" + n + "\nseed: " + n + "\ntraining: { epochs: " + epochs + " }\ndevice: cpu\n"
                + "dataset: { name: digits }\n");
    }

    private static long pct(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
