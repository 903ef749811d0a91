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
 * (eta 3, 1 .. maxEpochs epochs, promotion on accuracy and energy) over the same configurations with the same seeds.
 * Prints each one's best validation accuracy and joules, and halving's share of the grid's joules. Goals (issue 13):
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
        SweepSpec halving = SweepCodec.parse("sweep:\n  name: bench-halving\n  base: " + base + "\n" + params
                + "  method: halving\n  halving: { eta: 3, minEpochs: 1, maxEpochs: " + maxEpochs + " }\n", null);
        Path dir = Files.createTempDirectory("verdant-sweep-bench");
        try (RunStore store = RunStore.open(dir.resolve("bench.db"));
             LocalTrialExecutor executor = new LocalTrialExecutor(1, store)) {
            SweepResult g;
            SweepResult h;
            long t0 = System.nanoTime();
            if (halvingFirst) {
                h = new SweepRunner(store, executor, null).run(halving);
                g = new SweepRunner(store, executor, null).run(grid);
            } else {
                g = new SweepRunner(store, executor, null).run(grid);
                h = new SweepRunner(store, executor, null).run(halving);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            TrialRecord gBest = best(g);
            TrialRecord hBest = best(h);
            double gJ = g.summary().totalJoules();
            double hJ = h.summary().totalJoules();
            System.out.printf(Locale.ROOT, "energy method: %s (both sweeps)%n", g.summary().energyMethod());
            System.out.printf(Locale.ROOT, "grid:    %d trial runs, best accuracy %.4f (config %d), %.1f J%n",
                    g.trials().size(), gBest.accuracy(), gBest.config(), gJ);
            System.out.printf(Locale.ROOT, "halving: %d trial runs, best accuracy %.4f (config %d, rung %d), %.1f J%n",
                    h.trials().size(), hBest.accuracy(), hBest.config(), hBest.rung(), hJ);
            double gap = (gBest.accuracy() - hBest.accuracy()) * 100;
            System.out.printf(Locale.ROOT, "accuracy gap: %.2f points (goal <= 0.5): %s%n", gap,
                    gap <= 0.5 ? "met" : "NOT met");
            System.out.printf(Locale.ROOT, "halving joules / grid joules: %.1f%% (goal <= 40%%): %s%n",
                    100 * hJ / gJ, hJ <= 0.4 * gJ ? "met" : "NOT met");
            System.out.printf(Locale.ROOT, "halving recommends: %s%n", h.summary().recommendation().why());
            System.out.printf(Locale.ROOT, "wall time of both sweeps: %.0f s%n", wall);
        }
    }

    private static TrialRecord best(SweepResult r) {
        return r.trials().stream().filter(t -> t.accuracy() != null)
                .max(Comparator.comparingDouble(TrialRecord::accuracy)
                        .thenComparing(Comparator.comparingInt(TrialRecord::config).reversed())).orElseThrow();
    }
}
