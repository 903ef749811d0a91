package dev.verdant.bench;

import dev.verdant.spec.SweepCodec;
import dev.verdant.spec.SweepSpec;
import dev.verdant.store.RunStore;
import dev.verdant.store.TrialRecord;
import dev.verdant.sweep.LocalTrialExecutor;
import dev.verdant.sweep.SweepResult;
import dev.verdant.sweep.SweepRunner;
import dev.verdant.train.DjlRuntime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;

/**
 * Successive halving against the full grid, in the same process and store: a 27-configuration grid (learning rate x
 * hidden layers x batch size, an MLP on the built-in digits) run fully for {@code maxEpochs}, and a halving sweep
 * (eta 3, 1 .. maxEpochs epochs) over the same configurations with the same seeds, twice: promoting by non-dominated
 * sorting on (accuracy, energy), and by accuracy alone. Prints each one's best validation accuracy and joules, and
 * halving's share of the grid's joules. Goals (issue 13):
 * halving's best within 0.5 points of the grid's, for at most 40% of its joules.
 * A third halving sweep on (accuracy, energy) continues promoted trials from their previous rung's model instead of
 * retraining them (halving.continueTrials), to compare joules; each of its last-rung trials is compared with the
 * grid's uninterrupted run of the same configuration.
 * Usage: SweepHalvingBench [maxEpochs=9] [order=grid-first|halving-first] [baseSeed=7]
 */
public final class SweepHalvingBench {

    public static void main(String[] args) throws Exception {
        DjlRuntime.configureOffline();
        int maxEpochs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        boolean halvingFirst = args.length > 1 && args[1].startsWith("halving");
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
        String base = "{ name: bench, seed: " + seed + ", dataset: { name: digits }, model: { arch: mlp }, training: { epochs: "
                + maxEpochs + ", optimizer: adam }, device: cpu }";
        String params = "  parameters:\n"
                + "    training.learningRate: { values: [0.0003, 0.001, 0.01] }\n"
                + "    model.hidden: { values: [[16], [64], [128, 64]] }\n"
                + "    training.batchSize: { values: [32, 64, 256] }\n";
        SweepSpec grid = SweepCodec.parse("sweep:\n  name: bench-grid\n  base: " + base + "\n" + params, null);
        String halvingPart = "  method: halving\n  halving: { eta: 3, minEpochs: 1, maxEpochs: " + maxEpochs + " }\n";
        SweepSpec halving = SweepCodec.parse("sweep:\n  name: bench-halving\n  base: " + base + "\n" + params
                + halvingPart, null);
        SweepSpec halvingContinue = SweepCodec.parse("sweep:\n  name: bench-halving-continue\n  base: " + base + "\n"
                + params + halvingPart.replace(" }\n", ", continueTrials: true }\n"), null);
        SweepSpec halvingAccuracy = SweepCodec.parse("sweep:\n  name: bench-halving-accuracy\n  base: " + base
                + "\n" + params + halvingPart + "  objectives: [ { metric: deliveredAccuracy, goal: max } ]\n", null);
        // Warm-up, thrown away: the first runs in a process pay JIT and native start-up, and joules estimated from
        // time would charge that to whichever sweep runs first (halving-first runs showed 41-51% where grid-first
        // showed 20-30% on the same machine).
        SweepSpec warmUp = SweepCodec.parse("sweep:\n  name: bench-warm-up\n  base: "
                + base.replace("epochs: " + maxEpochs, "epochs: 1") + "\n" + params, null);
        try (dev.verdant.store.InMemoryRunStore scratch = new dev.verdant.store.InMemoryRunStore();
             LocalTrialExecutor warm = new LocalTrialExecutor(1, scratch)) {
            new SweepRunner(scratch, warm, null).run(warmUp);
        }
        Path dir = Files.createTempDirectory("verdant-sweep-bench");
        try (RunStore store = RunStore.open(dir.resolve("bench.db"));
             LocalTrialExecutor executor = new LocalTrialExecutor(1, store)) {
            long t0 = System.nanoTime();
            SweepResult g = null;
            SweepResult h = null;
            SweepResult ha = null;
            SweepResult hr = null;
            for (String which : halvingFirst ? new String[] {"h", "ha", "hr", "g"}
                    : new String[] {"g", "h", "ha", "hr"}) {
                switch (which) {
                    case "g" -> g = new SweepRunner(store, executor, null).run(grid);
                    case "h" -> h = new SweepRunner(store, executor, null).run(halving);
                    case "hr" -> hr = new SweepRunner(store, executor, null).run(halvingContinue);
                    default -> ha = new SweepRunner(store, executor, null).run(halvingAccuracy);
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            TrialRecord gBest = best(g);
            double gJ = g.summary().totalJoules();
            System.out.printf(Locale.ROOT, "energy method: %s (every sweep; the trained models' runs)%n",
                    g.summary().energyMethod());
            System.out.printf(Locale.ROOT, "base seed %d, order %s%n", seed, halvingFirst ? "halving first"
                    : "grid first");
            System.out.printf(Locale.ROOT, "grid:    %d trial runs, best accuracy %.4f (config %d), %.1f J%n",
                    g.trials().size(), gBest.accuracy(), gBest.config(), gJ);
            rungs("halving, promotion on (accuracy, energy)", h, g);
            rungs("halving, promotion on accuracy", ha, g);
            report("halving, promotion on (accuracy, energy)", h, gBest, gJ);
            report("halving, promotion on accuracy", ha, gBest, gJ);
            report("halving, promotion on (accuracy, energy), promoted trials continued", hr, gBest, gJ);
            rungs("halving, promotion on (accuracy, energy), promoted trials continued", hr, g);
            continuedVersusGrid(hr, g);
            System.out.printf(Locale.ROOT, "halving (accuracy, energy) recommends: %s%n",
                    h.summary().recommendation().why());
            System.out.printf(Locale.ROOT, "wall time of the three sweeps: %.0f s%n", wall);
        }
    }

    private static void report(String name, SweepResult h, TrialRecord gBest, double gJ) {
        TrialRecord hBest = best(h);
        double hJ = h.summary().totalJoules();
        int reached = h.trials().stream().filter(t -> t.config() == gBest.config()).mapToInt(TrialRecord::rung)
                .max().orElse(-1);
        System.out.printf(Locale.ROOT, "%s: %d trial runs, best accuracy %.4f (config %d, rung %d), %.1f J; "
                + "the grid's best config reached rung %d%n", name, h.trials().size(), hBest.accuracy(),
                hBest.config(), hBest.rung(), hJ, reached);
        double gap = (gBest.accuracy() - hBest.accuracy()) * 100;
        System.out.printf(Locale.ROOT, "  accuracy gap to the grid: %.2f points (goal <= 0.5): %s%n", gap,
                gap <= 0.5 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "  joules / grid joules: %.1f%% (goal <= 40%%): %s%n", 100 * hJ / gJ,
                hJ <= 0.4 * gJ ? "met" : "NOT met");
    }

    /**
     * Each rung of a halving sweep: every trial with its accuracy, joules and the grid's final accuracy of the same
     * configuration (what it would have reached at full epochs), promoted (+) or pruned (-) with the reason.
     */
    private static void rungs(String name, SweepResult h, SweepResult g) {
        java.util.Map<Integer, Double> gridAcc = new java.util.HashMap<>();
        g.trials().forEach(t -> gridAcc.put(t.config(), t.accuracy()));
        System.out.println("== " + name + ": trials by rung (acc, J, the grid's accuracy of that config at full "
                + "epochs; + promoted / - pruned)");
        int maxRung = h.trials().stream().mapToInt(TrialRecord::rung).max().orElse(0);
        for (int rung = 0; rung <= maxRung; rung++) {
            int r = rung;
            System.out.println("  rung " + rung + ":");
            h.trials().stream().filter(t -> t.rung() == r && t.accuracy() != null)
                    .sorted(Comparator.comparingDouble(TrialRecord::accuracy).reversed())
                    .forEach(t -> System.out.printf(Locale.ROOT, "    %s config %2d %s acc %.4f  %.3f J  grid %.4f  %s%n",
                            t.status().name().equals("PRUNED") ? "-" : "+", t.config(), t.paramsJson(),
                            t.accuracy(), t.energyJoules(), gridAcc.getOrDefault(t.config(), Double.NaN),
                            t.message() == null ? "" : t.message()));
        }
    }

    /**
     * Continued trials against uninterrupted training: each trial of the last rung (its model went on from the
     * previous rungs' models, the optimiser restarted at each rung) against the grid's run of the same configuration
     * for the same epochs.
     */
    private static void continuedVersusGrid(SweepResult h, SweepResult g) {
        java.util.Map<Integer, Double> gridAcc = new java.util.HashMap<>();
        g.trials().forEach(t -> gridAcc.put(t.config(), t.accuracy()));
        int last = h.trials().stream().mapToInt(TrialRecord::rung).max().orElse(0);
        StringBuilder b = new StringBuilder();
        double sum = 0;
        int n = 0;
        for (TrialRecord t : h.trials()) {
            if (t.rung() == last && t.accuracy() != null && gridAcc.containsKey(t.config())) {
                double d = t.accuracy() - gridAcc.get(t.config());
                b.append(String.format(Locale.ROOT, " config %d %+.4f;", t.config(), d));
                sum += Math.abs(d);
                n++;
            }
        }
        System.out.printf(Locale.ROOT, "continued trials' accuracy minus the uninterrupted grid run's, last rung:%s "
                + "mean |diff| %.4f%n", b, n == 0 ? Double.NaN : sum / n);
    }

    private static TrialRecord best(SweepResult r) {
        return r.trials().stream().filter(t -> t.accuracy() != null)
                .max(Comparator.comparingDouble(TrialRecord::accuracy)
                        .thenComparing(Comparator.comparingInt(TrialRecord::config).reversed())).orElseThrow();
    }
}
