package dev.verdant.compress;

import ai.djl.ndarray.NDScope;
import ai.djl.training.dataset.Batch;
import dev.verdant.result.Phase;
import dev.verdant.data.Split;
import dev.verdant.energy.EnergyMeter;
import dev.verdant.model.Batches;

import java.util.Arrays;

/**
 * Measures a net as deployed: validation accuracy, median forward latency at batch 1 and 64 after warm-up, and
 * inference energy per 1000 samples (batch 64, metered in the {@code inference} phase) when a meter runs.
 */
final class Measurement {

    /**
     * What was measured.
     *
     * @param joulesPer1k null without a meter
     */
    record Figures(double accuracy, double msBatch1, double msBatch64, Double joulesPer1k) {
    }

    private Measurement() {
    }

    static Figures measure(LiveNet live, Split validation, EnergyMeter meter, CompressionPipeline.Settings s) {
        double accuracy = live.accuracy(validation);
        double ms1 = medianMs(live, validation, 1, s);
        double ms64 = medianMs(live, validation, 64, s);
        Double per1k = null;
        if (meter != null && validation.size() > 0) {
            int[] order = cycle(validation.size(), 64);
            try (Batch batch = Batches.of(live.model().getNDManager(), validation, live.net().inputShape(), order, 0,
                    64, 0, 1)) {
                int passes = Math.max(1, (s.energySamples() + 63) / 64);
                meter.begin(Phase.INFERENCE);
                for (int p = 0; p < passes; p++) {
                    try (NDScope scope = new NDScope()) {
                        live.forward(batch.getData()).singletonOrThrow().toFloatArray();
                    }
                }
                double joules = meter.end();
                per1k = joules * 1000.0 / (passes * 64.0);
            }
        }
        return new Figures(accuracy, ms1, ms64, per1k);
    }

    /** Median wall milliseconds of one forward pass (result read back, so the work is done) at {@code size}. */
    private static double medianMs(LiveNet live, Split validation, int size, CompressionPipeline.Settings s) {
        if (validation.size() == 0) {
            return 0;
        }
        double[] times = new double[s.repeats()];
        try (Batch batch = Batches.of(live.model().getNDManager(), validation, live.net().inputShape(),
                cycle(validation.size(), size), 0, size, 0, 1)) {
            for (int i = 0; i < s.warmup() + s.repeats(); i++) {
                long t0 = System.nanoTime();
                try (NDScope scope = new NDScope()) {
                    live.forward(batch.getData()).singletonOrThrow().toFloatArray();
                }
                if (i >= s.warmup()) {
                    times[i - s.warmup()] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        return median(times);
    }

    /** The median of {@code v} (0 when empty); {@code v} is left as it was. */
    static double median(double[] v) {
        double[] t = v.clone();
        Arrays.sort(t);
        int n = t.length;
        return n == 0 ? 0 : n % 2 == 1 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
    }

    /** Indices 0, 1, ... repeating over a split of {@code n} samples, {@code size} of them. */
    private static int[] cycle(int n, int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i % n;
        }
        return order;
    }
}
