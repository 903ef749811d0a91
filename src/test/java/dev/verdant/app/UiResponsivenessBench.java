package dev.verdant.app;

import dev.verdant.app.live.Charts;
import dev.verdant.app.live.LiveChartsViewModel;
import dev.verdant.app.queue.RunItem;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.TrainingSpec;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The UI figures of issue 7, printed on stdout (run by {@code bench/ui-responsiveness.sh}):
 * time from JVM start to a usable window, FX pulse gaps during a live run with per-batch events, and the time of
 * one full redraw of a chart holding 10k points. Not a test: figures depend on the machine and its load.
 */
public final class UiResponsivenessBench {

    private UiResponsivenessBench() {
    }

    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainStart = System.nanoTime();
        Warmup.start(); // as Launcher does
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        double toolkitSeconds = (System.nanoTime() - mainStart) / 1e9;
        double[] buildSeconds = new double[1];

        // 1. launch to a usable window: built, shown, and its first frame rendered
        var settingsDir = Files.createTempDirectory("verdant-bench");
        FxUiExecutor executor = new FxUiExecutor();
        CompletableFuture<MainWindow> windowReady = new CompletableFuture<>();
        Platform.runLater(() -> {
            AppSettings settings = AppSettings.in(settingsDir);
            settings.putDouble(AppSettings.WIDTH, 1280);
            settings.putDouble(AppSettings.HEIGHT, 800);
            // dialogs are recorded, not shown: a pop-up would stall the measurement
            AppContext ctx = AppContext.inMemory(settings, executor).withDialogs(new RecordingDialogService());
            long b0 = System.nanoTime();
            MainWindow w = new MainWindow(ctx);
            Stage stage = new Stage();
            w.install(stage);
            stage.show();
            buildSeconds[0] = (System.nanoTime() - b0) / 1e9;
            FirstFrame.then(() -> windowReady.complete(w)); // drawn, not only laid out
        });
        MainWindow window = windowReady.get(60, TimeUnit.SECONDS);
        double launchSeconds = (System.currentTimeMillis() - jvmStart) / 1000.0;
        double fromMain = (System.nanoTime() - mainStart) / 1e9;
        double launchCpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;

        // baseline: pulse gaps of the idle window for 3 s (shows what the machine's load alone costs)
        long[] idle = pulseGaps(3000);

        // 2. pulse gaps during a live run (the full digits set, per-batch events, CPU)
        GapRecorder meter = new GapRecorder();
        ExperimentSpec spec = ExperimentSpec.defaults().withName("bench").withDevice("cpu")
                .withDataset(DatasetSpec.defaults().withName("digits"))
                .withTraining(TrainingSpec.defaults().withEpochs(epochs).withBatchSize(32));
        CompletableFuture<RunItem> item = new CompletableFuture<>();
        CompletableFuture<Long> fxThread = new CompletableFuture<>();
        Platform.runLater(() -> fxThread.complete(Thread.currentThread().getId()));
        var threads = ManagementFactory.getThreadMXBean();
        long fxId = fxThread.get();
        long fxCpu0 = threads.getThreadCpuTime(fxId);
        long renderId = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("QuantumRenderer")).mapToLong(Thread::getId).findFirst().orElse(-1);
        long renderCpu0 = renderId < 0 ? 0 : threads.getThreadCpuTime(renderId);
        long wall0 = System.nanoTime();
        long redraws0 = window.liveView().redraws();
        Platform.runLater(() -> {
            if (Boolean.getBoolean("bench.hideCharts")) {
                window.showTab(MainWindow.ENERGY_TAB); // baseline: the same run with the charts off screen
            }
            meter.start();
            item.complete(window.queue().submit(spec));
        });
        RunItem run = item.get();
        if (Boolean.getBoolean("bench.detached")) {
            // baseline: the same run again with no subscriber at all, to see what the training alone costs the FX thread
            run.handle().await(10, TimeUnit.MINUTES);
            meter.clear();
            try (var bare = new dev.verdant.run.JobRunner(1, null)) {
                bare.submit(spec).await(10, TimeUnit.MINUTES);
            }
        }
        run.handle().await(10, TimeUnit.MINUTES);
        double fxBusy = (threads.getThreadCpuTime(fxId) - fxCpu0) / (double) (System.nanoTime() - wall0);
        double runSeconds = (System.nanoTime() - wall0) / 1e9;
        double renderBusy = renderId < 0 ? Double.NaN
                : (threads.getThreadCpuTime(renderId) - renderCpu0) / (runSeconds * 1e9);
        long redraws = window.liveView().redraws() - redraws0;
        Thread.sleep(300);
        CompletableFuture<Integer> batches = new CompletableFuture<>();
        Platform.runLater(() -> {
            meter.stop();
            batches.complete(window.live().batchLossDataset().getItemCount(0));
        });
        int points = batches.get();
        long[] g = meter.sorted();

        // 3. one full redraw of a chart with 10k points: into an image (AWT) and onto the window's canvas (FX)
        LiveChartsViewModel vm = new LiveChartsViewModel();
        JFreeChart chart = Charts.loss(vm);
        XYSeries big = new XYSeries("10k");
        java.util.Random rnd = new java.util.Random(1);
        for (int i = 0; i < 10_000; i++) {
            big.add(i / 100.0, 2.0 * Math.exp(-i / 3000.0) + 0.1 * rnd.nextGaussian(), false);
        }
        ((XYSeriesCollection) chart.getXYPlot().getDataset(1)).addSeries(big);
        BufferedImage image = new BufferedImage(1000, 650, BufferedImage.TYPE_INT_ARGB);
        double[] awt = new double[25];
        for (int i = 0; i < awt.length; i++) {
            Graphics2D g2 = image.createGraphics();
            long t = System.nanoTime();
            chart.draw(g2, new Rectangle2D.Double(0, 0, 1000, 650));
            awt[i] = (System.nanoTime() - t) / 1e6;
            g2.dispose();
        }
        CompletableFuture<double[]> fx = new CompletableFuture<>();
        Platform.runLater(() -> {
            ChartViewer viewer = new ChartViewer(chart);
            Stage s = new Stage();
            s.setScene(new javafx.scene.Scene(viewer, 1000, 650));
            s.show();
            double[] times = new double[50];
            for (int i = 0; i < 25; i++) {
                long t = System.nanoTime();
                chart.fireChartChanged(); // the canvas listens and records the whole chart's drawing commands
                times[i] = (System.nanoTime() - t) / 1e6;
            }
            for (int i = 25; i < 50; i++) {
                long t = System.nanoTime();
                chart.fireChartChanged();
                viewer.snapshot(null, null); // and rasterises them (what the render thread does each redraw)
                times[i] = (System.nanoTime() - t) / 1e6;
            }
            s.close();
            fx.complete(times);
        });
        double[] fxTimes = fx.get(60, TimeUnit.SECONDS);

        System.out.println("Verdant UI responsiveness (" + System.getProperty("glass.platform", "default glass") + ", "
                + System.getProperty("prism.order", "default prism") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, load average "
                + String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + ")");
        System.out.printf(Locale.ROOT, "launch to usable window:       %.2f s from JVM start, %.2f s from main() "
                + "(to the first rendered frame): toolkit %.2f s, window built and shown %.2f s, first frame %.2f s%n",
                launchSeconds, fromMain, toolkitSeconds, buildSeconds[0], fromMain - toolkitSeconds - buildSeconds[0]);
        System.out.printf(Locale.ROOT, "CPU time used until then:      %.2f s (all threads; wall time stretches "
                + "with the machine's load)%n", launchCpu);
        System.out.printf(Locale.ROOT, "FX pulse gaps, idle (%d):      p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                idle.length, pct(idle, 50), pct(idle, 95), idle.length == 0 ? 0 : idle[idle.length - 1] / 1e6);
        System.out.printf(Locale.ROOT, "live run:                      %d epochs, %d batch points, %s in %.1f s; "
                + "%d chart redraws (%.1f/s); busy: FX thread %.0f%%, render thread %.0f%% of the time%n", epochs, points,
                run.statusProperty().get(), runSeconds, redraws, redraws / runSeconds, 100 * fxBusy, 100 * renderBusy);
        System.out.printf(Locale.ROOT, "FX pulse gaps, live run (%d): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                g.length, pct(g, 50), pct(g, 95), pct(g, 99), g.length == 0 ? 0 : g[g.length - 1] / 1e6);
        System.out.printf(Locale.ROOT, "10k-point chart redraw (AWT):  median %.1f ms, min %.1f ms%n", median(awt),
                Arrays.stream(awt).min().orElse(0));
        double[] record = Arrays.copyOfRange(fxTimes, 0, 25);
        double[] full = Arrays.copyOfRange(fxTimes, 25, 50);
        System.out.printf(Locale.ROOT, "10k-point chart redraw (FX):   median %.1f ms, min %.1f ms drawing; with "
                + "rasterising (snapshot) median %.1f ms, min %.1f ms%n", median(record),
                Arrays.stream(record).min().orElse(0), median(full), Arrays.stream(full).min().orElse(0));
        executor.close();
        Platform.exit();
        System.exit(0);
    }

    private static long[] pulseGaps(long millis) throws InterruptedException {
        GapRecorder t = new GapRecorder();
        Platform.runLater(t::start);
        Thread.sleep(millis);
        Platform.runLater(t::stop);
        Thread.sleep(100);
        return t.sorted();
    }

    /** Records the intervals between FX pulses (an AnimationTimer fires once per pulse). */
    private static final class GapRecorder extends AnimationTimer {
        private final List<Long> gaps = new ArrayList<>();
        private long last;

        @Override
        public void handle(long now) {
            if (last != 0) {
                synchronized (gaps) {
                    gaps.add(now - last);
                }
            }
            last = now;
        }

        void clear() {
            synchronized (gaps) {
                gaps.clear();
            }
        }

        long[] sorted() {
            synchronized (gaps) {
                return gaps.stream().mapToLong(Long::longValue).sorted().toArray();
            }
        }
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
