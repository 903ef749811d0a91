package dev.verdant.bench;

import ai.djl.Device;
import dev.verdant.compress.CompressionPipeline;
import dev.verdant.compress.TeacherSource;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.energy.EnergyMeter;
import dev.verdant.result.CompressionReport;
import dev.verdant.spec.CompressionStepSpec;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ModelSpec;
import dev.verdant.spec.TrainingSpec;
import dev.verdant.train.DjlRuntime;
import dev.verdant.train.TrainingObserver;
import dev.verdant.train.TrainingOutcome;
import dev.verdant.train.TrainingSession;

import java.util.List;
import java.util.Locale;

/**
 * LeNet-300-100 on full MNIST: trained once, then three pipelines from the same weights: magnitude pruning to
 * 90% (gradual, with retraining), int8 quantisation, structured pruning of 50%. Prints one markdown table.
 * Usage: CompressionBench MNIST_FOLDER [trainEpochs]
 */
public final class CompressionBench {

    public static void main(String[] args) {
        DjlRuntime.configureOffline();
        String folder = args.length > 0 ? args[0] : "../shared/data/mnist";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ExperimentSpec spec = ExperimentSpec.defaults().withName("lenet-300-100")
                .withDataset(DatasetSpec.defaults().withName("mnist").withPath(folder))
                .withModel(ModelSpec.defaults().withHidden(List.of(300, 100)))
                .withTraining(TrainingSpec.defaults().withEpochs(epochs).withBatchSize(128))
                .withDevice("cpu");
        LoadedData data = Datasets.load(spec.dataset(), spec.seed());
        List<List<CompressionStepSpec>> pipelines = List.of(
                List.of(CompressionStepSpec.magnitude("global", 0.9, "gradual", 5, 2)),
                List.of(CompressionStepSpec.magnitude("layer", 0.95, "oneshot", 1, 2)),
                List.of(CompressionStepSpec.quantize(8, "per-channel", 10)),
                List.of(CompressionStepSpec.quantize(4, "per-channel", 10)),
                List.of(CompressionStepSpec.structured(0.5, 1)));
        System.out.printf(Locale.ROOT, "MNIST %d train / %d test, LeNet-300-100, %d epochs Adam 0.001 batch 128, "
                + "%d cores%n%n", data.train().size(), data.validation().size(), epochs,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| pipeline | step | accuracy | params | nonzero | bytes | MFLOPs | ms b1 | ms b64 "
                + "| J/1k inf. | step s | step J | simulated |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        try (EnergyMeter meter = EnergyMeter.start(spec.energy());
             TrainingSession session = TrainingSession.create(spec, data, Device.cpu())) {
            meter.begin("train");
            TrainingOutcome outcome = session.train(TrainingObserver.NONE, () -> false);
            meter.end();
            System.err.printf(Locale.ROOT, "trained in %.1f s, accuracy %.4f%n", outcome.trainSeconds(),
                    outcome.finalEvaluation().accuracy());
            for (int p = 0; p < pipelines.size(); p++) {
                ExperimentSpec s = spec.withCompression(pipelines.get(p));
                CompressionPipeline pipeline = CompressionPipeline.plan(s, data, session.network(),
                        Device.cpu(), TeacherSource.NONE, new CompressionPipeline.Settings(20, 200, 20_000));
                String name = pipelines.get(p).get(0).label();
                for (CompressionReport r : pipeline.run(session.trainedNet(), meter, x -> { }, () -> false)
                        .reports()) {
                    System.out.printf(Locale.ROOT, "| %s | %s | %.4f | %d | %d | %d | %.3f | %.3f | %.3f | %.3f | "
                                    + "%.1f | %.1f | %s |%n", name, r.step(), r.accuracy(), r.params(),
                            r.nonzeroParams(), r.modelBytes(), r.flopsPerSample() / 1e6, r.latencyMsBatch1(),
                            r.latencyMsBatch64(), r.inferenceJoulesPer1k(), r.seconds(), r.energyJoules(),
                            r.simulated());
                }
            }
            System.out.println();
            System.out.println("energy method: " + meter.method());
        }
    }
}
