package dev.verdant.store;

import dev.verdant.result.EpochRecord;
import dev.verdant.result.FinalMetrics;
import dev.verdant.result.PowerSample;
import dev.verdant.result.ProbeStatus;
import dev.verdant.result.Provenance;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.TrainingSpec;

import java.util.ArrayList;
import java.util.List;

/** Realistic runs for store tests. */
final class Samples {

    private Samples() {
    }

    static ExperimentSpec spec(String name) {
        return ExperimentSpec.defaults().withName(name).withSeed(7)
                .withTraining(TrainingSpec.defaults().withEpochs(3).withLearningRate(0.01));
    }

    static Provenance provenance(String cpu) {
        return new Provenance("0.1.0", "0.36.0", "PyTorch 2.7.1", "cpu()", "Linux 6.1 amd64", cpu, 2,
                "17.0.15", "abc123", 7, null,
                List.of(new ProbeStatus("rapl", false, "no /sys/class/powercap"),
                        new ProbeStatus("estimator", true, "CPU TDP 65 W")));
    }

    static EpochRecord epoch(int n) {
        return new EpochRecord(n, 1.0 / n, 0.5 + n * 0.1, 1.1 / n, 0.45 + n * 0.1, 2.5, 1000.0 + n, 0.01,
                200_000L, 10.0 * n, 10.0 * n * (n + 1) / 2);
    }

    static FinalMetrics metrics(double accuracy, Double joules) {
        return FinalMetrics.builder().accuracy(accuracy).loss(0.3).params(109_386L).flopsPerSample(218_000L)
                .modelBytes(437_544L).trainSeconds(7.5).samplesPerSecond(1003.0).epochsCompleted(3)
                .stopReason(dev.verdant.result.StopReason.EPOCHS)
                .energy(joules, joules == null ? null : joules * 0.9, joules == null ? null : joules * 0.1,
                        joules == null ? null : 20.0, joules == null ? null : "estimated:cpu-tdp")
                .co2eGrams(joules == null ? null : joules / 3.6e6 * 475).build();
    }

    static RunResult result(String name, double accuracy, Double joules) {
        List<EpochRecord> epochs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            epochs.add(epoch(i));
        }
        List<PowerSample> power = List.of(new PowerSample(0.1, 19.5, "train", "estimated:cpu-tdp"),
                new PowerSample(0.2, 21.0, "eval", "estimated:cpu-tdp"));
        return new RunResult(null, name, RunStatus.COMPLETED, null, spec(name), provenance("Intel Xeon"),
                metrics(accuracy, joules), epochs, power, "2025-06-01T10:00:00Z", "2025-06-01T10:00:08Z", List.of());
    }
}
