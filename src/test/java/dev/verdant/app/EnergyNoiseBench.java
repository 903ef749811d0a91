package dev.verdant.app;

import dev.verdant.result.GroupStatistics;
import dev.verdant.result.RunResult;
import dev.verdant.run.JobRunner;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecCodec;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How repeatable a run's energy figure is on this machine (issue 11), printed on stdout by
 * {@code bench/energy-noise.sh}: the same spec and seed run {@code repeats} times headless (no window), then
 * {@code repeats} times inside the workbench window while its live charts draw. For each set it prints every
 * run's energy and time, and the coefficient of variation (sd / mean). Goal on a quiet machine: CV of energy
 * at most 5% headless and 10% with the window. Not a test: the figures depend on the machine and its load.
 */
public final class EnergyNoiseBench {

    private EnergyNoiseBench() {
    }

    public static void main(String[] args) throws Exception {
        Path specFile = Path.of(args.length > 0 ? args[0] : "assets/presets/quickstart.yaml");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        // The first runs in a fresh JVM are slower (JIT, libtorch's first allocations): on the 2-core VM the first
        // two of a lenet5 set took 1.5-1.7x the time of the rest, and CV fell below 5% only after 4. Warm-up runs
        // are left out of both sets.
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        ExperimentSpec spec = SpecCodec.read(specFile).withDevice("cpu");
        System.out.printf(Locale.ROOT, "spec %s, %d repeats after %d warm-up runs, load average %.2f%n", specFile,
                repeats, warmups, load());

        List<RunResult> headless = new ArrayList<>();
        try (JobRunner runner = new JobRunner(1, null)) {
            for (int i = 0; i < warmups; i++) {
                runner.submit(spec).await(10, TimeUnit.MINUTES);
            }
            for (int i = 0; i < repeats; i++) {
                headless.add(runner.submit(spec).await(10, TimeUnit.MINUTES));
            }
        }
        report("headless", headless);

        List<RunResult> windowed = inWindow(spec, repeats, warmups);
        report("window (live charts drawing)", windowed);
        System.out.printf(Locale.ROOT, "load average at the end %.2f%n", load());
        Platform.exit();
        System.exit(0);
    }

    private static List<RunResult> inWindow(ExperimentSpec spec, int repeats, int warmups) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Path settingsDir = Files.createTempDirectory("verdant-noise");
        CompletableFuture<MainWindow> ready = new CompletableFuture<>();
        Platform.runLater(() -> {
            AppSettings settings = AppSettings.in(settingsDir);
            settings.putDouble(AppSettings.WIDTH, 1280);
            settings.putDouble(AppSettings.HEIGHT, 800);
            AppContext ctx = AppContext.inMemory(settings, new FxUiExecutor())
                    .withDialogs(new RecordingDialogService());
            MainWindow w = new MainWindow(ctx);
            Stage stage = new Stage();
            w.install(stage);
            stage.show();
            ready.complete(w);
        });
        MainWindow window = ready.get(60, TimeUnit.SECONDS);
        List<RunResult> out = new ArrayList<>();
        // the charts' own code warms up in the first window runs: as many warm-up runs there too
        for (int i = 0; i < repeats + warmups; i++) {
            CompletableFuture<dev.verdant.run.RunHandle> handle = new CompletableFuture<>();
            Platform.runLater(() -> handle.complete(window.queue().submit(spec).handle()));
            RunResult r = handle.get().await(10, TimeUnit.MINUTES);
            if (i >= warmups) {
                out.add(r);
            }
        }
        return out;
    }

    private static void report(String label, List<RunResult> runs) {
        double[] joules = new double[runs.size()];
        double[] seconds = new double[runs.size()];
        String method = "";
        for (int i = 0; i < runs.size(); i++) {
            RunResult r = runs.get(i);
            if (r.finalMetrics() == null || r.finalMetrics().energyJoules() == null) {
                throw new IllegalStateException("run " + i + " has no energy figure: " + r.status() + " " + r.message());
            }
            joules[i] = r.finalMetrics().energyJoules();
            seconds[i] = r.finalMetrics().trainSeconds();
            method = r.finalMetrics().energyMethod();
        }
        GroupStatistics e = GroupStatistics.of(joules);
        GroupStatistics t = GroupStatistics.of(seconds);
        System.out.printf(Locale.ROOT, "%-30s energy %s J  mean %.2f J  CV %.1f%%  (%s)%n", label, list(joules),
                e.mean(), 100 * e.cv(), method);
        System.out.printf(Locale.ROOT, "%-30s time   %s s  mean %.2f s  CV %.1f%%%n", "", list(seconds), t.mean(),
                100 * t.cv());
    }

    private static String list(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (double d : v) {
            sb.append(sb.length() > 1 ? ", " : "").append(String.format(Locale.ROOT, "%.2f", d));
        }
        return sb.append(']').toString();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
