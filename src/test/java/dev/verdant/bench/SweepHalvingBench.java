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
 * Usage: SweepHalvingBench [maxEpochs=9] [order=grid-first|halving-first]
 */
public final class SweepHalvingBench {

    public static void main(String[] args) throws Exception {
        DjlRuntime.configureOffline();
        int maxEpochs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        boolean halvingFirst = args.length > 1 && args[1].startsWith("halving");
        String base = "{ name: bench, seed: 7, dataset: { name: digits }, model: { arch: mlp }, training: { epochs: "
                + maxEpochs + ", optimizer: adam }, device: cpu }";
        String params = "  parameters:\n"
                + "    training.learningRate: { values: [0.0003, 0.001, 0.01] }\n"
                + "    model.hidden: { values: [[16], [64], [128, 64]] }\n"
                + "    training.batchSize: { values: [32, 64, 256] }\n";
        SweepSpec grid = SweepCodec.parse("sweep:\n  name: bench-grid\n  base: " + base + "\n" + params, null);
        String halvingPart = "  method: halving\n  halving: { eta: 3, minEpochs: 1, maxEpochs: " + maxEpochs + " }\n";
        SweepSpec halving = SweepCodec.parse("sweep:\n  name: bench-halving\n  base: " + base + "\n" + params
                + halvingPart, null);
        SweepSpec halvingAccuracy = SweepCodec.parse("sweep:\n  name: bench-halving-accuracy\n  base: " + base
                + "\n" + params + halvingPart + "  objectives: [ { metric: deliveredAccuracy, goal: max } ]\n", null);
        Path dir = Files.createTempDirectory("verdant-sweep-bench");
        try (RunStore store = RunStore.open(dir.resolve("bench.db"));
             LocalTrialExecutor executor = new LocalTrialExecutor(1, store)) {
            long t0 = System.nanoTime();
            SweepResult g = null;
            SweepResult h = null;
            SweepResult ha = null;
            for (String which : halvingFirst ? new String[] {"h", "ha", "g"} : new String[] {"g", "h", "ha"}) {
                switch (which) {
                    case "g" -> g = new SweepRunner(store, executor, null).run(grid);
                    case "h" -> h = new SweepRunner(store, executor, null).run(halving);
                    default -> ha = new SweepRunner(store, executor, null).run(halvingAccuracy);
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            TrialRecord gBest = best(g);
            double gJ = g.summary().totalJoules();
            System.out.printf(Locale.ROOT, "energy method: %s (every sweep; the trained models' runs)%n",
                    g.summary().energyMethod());
            System.out.printf(Locale.ROOT, "grid:    %d trial runs, best accuracy %.4f (config %d), %.1f J%n",
                    g.trials().size(), gBest.accuracy(), gBest.config(), gJ);
            report("halving, promotion on (accuracy, energy)", h, gBest, gJ);
            report("halving, promotion on accuracy", ha, gBest, gJ);
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

    private static TrialRecord best(SweepResult r) {
        return r.trials().stream().filter(t -> t.accuracy() != null)
                .max(Comparator.comparingDouble(TrialRecord::accuracy)
                        .thenComparing(Comparator.comparingInt(TrialRecord::config).reversed())).orElseThrow();
    }
}
