package dev.verdant.bench;

import dev.verdant.result.EpochForecast;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.run.Job;
import dev.verdant.run.TargetForecast;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecCodec;
import dev.verdant.store.RunFilter;
import dev.verdant.store.RunStore;
import dev.verdant.store.RunSummary;
import dev.verdant.train.DjlRuntime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Quality of the energy-to-target forecast (issue 13): for stored runs of an MLP, LeNet-5 and DS-CNN on the built-in
 * digits (3 learning rates x 9 seeds each, 81 runs), the forecast made after epoch {@code --after} (3 by default)
 * against the joules the run actually spent to reach its target.
 *
 * <p>The runs are trained once into the store {@code --db FILE} (kept; only runs it lacks are trained, so a second
 * call reuses them and takes seconds), or into a temporary store without {@code --db}. Each run keeps going to its
 * planned epochs: the spec has no target, the target is applied here. The targets are a fixed rule chosen before the
 * method was worked on: 0.93 for the MLP and LeNet-5, 0.85 for DS-CNN x0.5, the same for every learning rate and seed.
 *
 * <p>Guard against fitting the method to the bench: the runs of seeds 1 and 2 are the development part (the method
 * was tuned looking at them only, with {@code --dev-only}); seeds 3 to 9 are held out (seeds 7 to 9 were trained only
 * after the method was fixed, a second check). The bench prints the median absolute error separately for both parts
 * and overall, the band's coverage (how often the actual joules lie in [low, high]), and how often "not reachable"
 * was said of a run that did reach its target (counted as a 100% miss in the median), or a figure was given for a run
 * that never reached it. Joules are the runs' own (measured or estimated, as printed).
 * Usage: ForecastBench [epochs=12] [--db FILE] [--after N] [--dev-only]
 */
public final class ForecastBench {

    /** Per architecture: model and the target accuracy (fixed before the method work, see the class comment). */
    private static final String[][] KINDS = {
        {"mlp", "model: { arch: mlp, hidden: [32] }", "0.93"},
        {"lenet5", "model: { arch: lenet5 }", "0.93"},
        {"dscnn", "model: { arch: dscnn, width: 0.5 }", "0.85"},
    };
    private static final double[] LEARNING_RATES = {0.001, 0.002, 0.004};
    private static final long[] SEEDS = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    /** Seeds trained only after the method was fixed: held out from every choice, a second check. */
    private static final long FRESH_SEEDS_FROM = 7;
    /** The development seeds: the method was tuned on these runs only; the other seeds are held out. */
    private static final long DEV_SEEDS = 2;

    private static long forecastNanos;
    private static int forecasts;

    private ForecastBench() {
    }

    /** One evaluated run. */
    private record Row(String arch, long seed, double lr, boolean dev, Double error, Boolean covered,
                       boolean wrongUnreachable, boolean wrongReachable) {
    }

    public static void main(String[] args) throws Exception {
        DjlRuntime.configureOffline();
        int epochs = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 12;
        Path db = null;
        int after = 3;
        boolean devOnly = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--db") && i + 1 < args.length) {
                db = Path.of(args[i + 1]);
            } else if (args[i].equals("--after") && i + 1 < args.length) {
                after = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--dev-only")) {
                devOnly = true;
            }
        }
        if (db == null) {
            db = Files.createTempDirectory("verdant-forecast-bench").resolve("forecast.db");
        }
        try (RunStore store = RunStore.open(db)) {
            Map<String, Long> stored = new HashMap<>();
            for (RunSummary s : store.list(RunFilter.all())) {
                if (s.status() == RunStatus.COMPLETED) {
                    stored.put(s.name(), s.id());
                }
            }
            // train what the store lacks, seed by seed (the development seed first)
            for (long seed : SEEDS) {
                for (String[] kind : KINDS) {
                    for (double lr : LEARNING_RATES) {
                        String name = runName(kind[0], lr, seed, epochs);
                        if ((devOnly && seed > DEV_SEEDS) || stored.containsKey(name)) {
                            continue;
                        }
                        ExperimentSpec spec = SpecCodec.parse("name: " + name + "\nseed: " + seed + "\n"
                                + "dataset: { name: digits }\n" + kind[1] + "\ntraining: { epochs: " + epochs
                                + ", learningRate: " + lr + ", batchSize: 64 }\ndevice: cpu\n");
                        RunResult r = Job.of(spec, store).runHere();
                        System.out.printf(Locale.ROOT, "trained run %d %s: %d epochs, accuracy %.4f%n", r.id(), name,
                                r.epochs().size(), r.finalMetrics().accuracy());
                        stored.put(name, r.id());
                    }
                }
            }
            List<Row> rows = new ArrayList<>();
            System.out.printf(Locale.ROOT, "%-7s %4s %6s %4s %6s %7s %8s %8s %8s %17s %7s %s%n", "arch", "seed", "lr",
                    "part", "target", "reached", "actual J", "fc epoch", "fc J", "band (p10..p90)", "error", "in band");
            for (String[] kind : KINDS) {
                double target = Double.parseDouble(kind[2]);
                for (long seed : SEEDS) {
                    for (double lr : LEARNING_RATES) {
                        Long id = stored.get(runName(kind[0], lr, seed, epochs));
                        if (id != null && !(devOnly && seed > DEV_SEEDS)) {
                            rows.add(evaluate(kind[0], seed, lr, target, store.load(id).orElseThrow(), after));
                        }
                    }
                }
            }
            System.out.println();
            summary("development (seeds 1, 2)", rows.stream().filter(Row::dev).toList(), after);
            if (!devOnly) {
                summary("held out (seeds 3-9)", rows.stream().filter(r -> !r.dev()).toList(), after);
                summary("  of which seeds 3-6", rows.stream().filter(r -> !r.dev() && r.seed() < FRESH_SEEDS_FROM)
                        .toList(), after);
                summary("  of which seeds 7-9", rows.stream().filter(r -> r.seed() >= FRESH_SEEDS_FROM).toList(),
                        after);
                for (String[] kind : KINDS) {
                    summary(kind[0], rows.stream().filter(r -> r.arch().equals(kind[0])).toList(), after);
                }
                summary("all", rows, after);
            }
            System.out.printf(Locale.ROOT, "forecast time: %.2f ms per call (mean of %d calls, first included)%n",
                    forecastNanos / 1e6 / Math.max(1, forecasts), forecasts);
            String method = store.list(RunFilter.all()).isEmpty() ? "-"
                    : store.load(store.list(RunFilter.all()).get(0).id()).orElseThrow().finalMetrics().energyMethod();
            System.out.printf(Locale.ROOT, "goal: median absolute error <= 25%% (held out: %s, all: %s); energy %s%n",
                    verdict(rows.stream().filter(r -> !r.dev()).toList()), verdict(rows), method);
        }
    }

    private static String runName(String arch, double lr, long seed, int epochs) {
        return String.format(Locale.ROOT, "forecast-%s-lr%s-s%d-e%d", arch, lr, seed, epochs);
    }

    /** The forecast after epoch {@code after} of one run against what the run spent to reach its target. */
    private static Row evaluate(String arch, long seed, double lr, double target, RunResult r, int after) {
        boolean dev = seed <= DEV_SEEDS;
        String part = dev ? "dev" : "held";
        Double actual = null;
        int reachedAt = -1;
        for (EpochRecord e : r.epochs()) {
            if (e.valAccuracy() >= target) {
                actual = e.cumulativeEnergyJoules();
                reachedAt = e.epoch();
                break;
            }
        }
        String head = String.format(Locale.ROOT, "%-7s %4d %6s %4s %6.3f %7s", arch, seed, lr, part, target,
                reachedAt < 0 ? "never" : String.valueOf(reachedAt));
        if (r.epochs().size() <= after) {
            System.out.printf(Locale.ROOT, "%s  (left out: only %d epochs)%n", head, r.epochs().size());
            return new Row(arch, seed, lr, dev, null, null, false, false);
        }
        long started = System.nanoTime();
        EpochForecast f = TargetForecast.forecast(r.epochs().subList(0, after), target, r.spec().training().epochs(),
                r.spec().seed());
        forecastNanos += System.nanoTime() - started;
        forecasts++;
        if (reachedAt >= 1 && reachedAt <= after) {
            System.out.printf(Locale.ROOT, "%s  (left out: reached by epoch %d)%n", head, after);
            return new Row(arch, seed, lr, dev, null, null, false, false);
        }
        if (reachedAt < 0) {
            boolean wrong = f != null;
            System.out.printf(Locale.ROOT, "%s %8s  forecast: %s%s%n", head, "-", f == null ? "not reachable"
                    : "epoch " + (int) f.epochsToTarget(), wrong ? "  (WRONG: never reached)" : "  (right)");
            return new Row(arch, seed, lr, dev, null, null, false, wrong);
        }
        if (f == null || f.joulesToTarget() == null) {
            System.out.printf(Locale.ROOT, "%s %8.1f %8s %8s %17s %7s  (WRONG: said not reachable)%n", head, actual,
                    "none", "-", "-", "100%");
            return new Row(arch, seed, lr, dev, 1.0, false, true, false);
        }
        double err = Math.abs(f.joulesToTarget() - actual) / actual;
        double low = f.low() == null ? 0 : f.low();
        double high = f.high() == null ? Double.POSITIVE_INFINITY : f.high();
        boolean covered = actual >= low - 1e-9 && actual <= high + 1e-9;
        System.out.printf(Locale.ROOT, "%s %8.1f %8d %8.1f %17s %6.1f%% %s%n", head, actual, (int) f.epochsToTarget(),
                f.joulesToTarget(), String.format(Locale.ROOT, "%s..%s",
                        f.low() == null ? "-" : String.format(Locale.ROOT, "%.1f", f.low()),
                        f.high() == null ? "inf" : String.format(Locale.ROOT, "%.1f", f.high())),
                100 * err, covered ? "yes" : "no");
        return new Row(arch, seed, lr, dev, err, covered, false, false);
    }

    private static void summary(String label, List<Row> rows, int after) {
        List<Double> errors = rows.stream().filter(r -> r.error() != null).map(Row::error).toList();
        long inBand = rows.stream().filter(r -> Boolean.TRUE.equals(r.covered())).count();
        long unreachable = rows.stream().filter(Row::wrongUnreachable).count();
        long reachable = rows.stream().filter(Row::wrongReachable).count();
        long never = rows.stream().filter(r -> r.wrongReachable() || (r.error() == null && r.covered() == null))
                .count();
        System.out.printf(Locale.ROOT, "%-28s median abs error after epoch %d: %7s over %2d runs; band covers %d/%d; "
                        + "'not reachable' said wrongly %d/%d; figure given for a never-reached run %d%n", label + ":",
                after, errors.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * median(errors)),
                errors.size(), inBand, errors.size(), unreachable, errors.size(), reachable);
    }

    private static String verdict(List<Row> rows) {
        List<Double> errors = rows.stream().filter(r -> r.error() != null).map(Row::error).toList();
        if (errors.isEmpty()) {
            return "no runs";
        }
        double median = median(errors);
        return String.format(Locale.ROOT, "%.1f%% %s", 100 * median, median <= 0.25 ? "met" : "NOT met");
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
