package dev.verdant.app;

import dev.verdant.result.EpochRecord;
import dev.verdant.result.FinalMetrics;
import dev.verdant.result.ProbeStatus;
import dev.verdant.result.Provenance;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.TrainingSpec;

import java.util.ArrayList;
import java.util.List;

/** Finished runs for ViewModel tests, with or without energy figures. */
public final class AppSamples {

    private AppSamples() {
    }

    public static ExperimentSpec spec(String name, double lr) {
        return ExperimentSpec.defaults().withName(name).withDevice("cpu")
                .withTraining(TrainingSpec.defaults().withEpochs(3).withLearningRate(lr));
    }

    public static RunResult run(long id, String name, double lr, double accuracy, Double joules) {
        List<EpochRecord> epochs = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            Double e = joules == null ? null : joules / 3;
            Double cum = joules == null ? null : joules * n / 3;
            epochs.add(new EpochRecord(n, 1.0 / n, accuracy - 0.1 / n, 1.1 / n, accuracy - 0.1 / n + (n == 3 ? 0.1 / 3 : 0),
                    2.0, 1000, lr, 200_000L, e, cum));
        }
        FinalMetrics.Builder b = FinalMetrics.builder().accuracy(accuracy).loss(0.3).params(10_000L)
                .flopsPerSample(20_000L).modelBytes(40_000L).trainSeconds(6.0).samplesPerSecond(1000)
                .epochsCompleted(3).stopReason(dev.verdant.result.StopReason.EPOCHS);
        if (joules != null) {
            b.energy(joules, joules * 0.8, joules * 0.2, joules / 6.0, "estimated:cpu-tdp").co2eGrams(joules * 1.3e-4);
        }
        FinalMetrics m = b.build();
        Provenance p = new Provenance("dev", "0.36.0", "PyTorch 2.7.1", "cpu()", "Linux", "test CPU", 2, "17",
                "abc", 42, null, List.of(new ProbeStatus("rapl", false, "no /sys/class/powercap/intel-rapl"),
                new ProbeStatus("estimator", true, "CPU time x TDP 65 W")));
        return new RunResult(id, name, RunStatus.COMPLETED, null, spec(name, lr), p, m, epochs, List.of(),
                "2026-01-0" + id + "T10:00:00Z", "2026-01-0" + id + "T10:01:00Z", List.of());
    }

    /** Parameters left by {@link #compressed}'s pruning step. */
    public static final long COMPRESSED_PARAMS = 2_500L;

    /** A completed run whose prune step took its accuracy from {@code trained} to {@code delivered}. */
    public static RunResult compressed(long id, String name, double trained, double delivered) {
        RunResult r = run(id, name, 0.01, trained, 30.0);
        var base = new dev.verdant.result.CompressionReport(0, "baseline", "baseline", trained, 10_000L, 10_000L,
                40_000L, 20_000L, 0.1, 1.0, 0.5, 0, 0.0, false, "784-10", null);
        var prune = new dev.verdant.result.CompressionReport(1, "prune magnitude 0.75 global", "prune", delivered,
                COMPRESSED_PARAMS, COMPRESSED_PARAMS, 10_000L, 5_000L, 0.1, 1.0, 0.4, 2.0, 3.0, false, "784-10", null);
        ExperimentSpec spec = r.spec().withCompression(dev.verdant.spec.SpecCodec.parse(
                "compression:\n  - { type: prune, sparsity: 0.75 }\n").compression());
        return new RunResult(r.id(), r.name(), r.status(), null, spec, r.provenance(),
                r.finalMetrics().withoutDelivered(), r.epochs(),
                r.power(), r.startedAt(), r.endedAt(), List.of(base, prune));
    }

    /** A run that failed with {@code message} before recording any metrics. */
    public static RunResult failed(long id, String name, String message) {
        RunResult r = run(id, name, 0.01, 0.0, null);
        return new RunResult(r.id(), r.name(), RunStatus.FAILED, message, r.spec(), r.provenance(), null, List.of(),
                List.of(), r.startedAt(), r.endedAt(), List.of());
    }
}
