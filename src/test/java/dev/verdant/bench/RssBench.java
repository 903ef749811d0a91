package dev.verdant.bench;

import ai.djl.Device;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.result.EpochRecord;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ModelSpec;
import dev.verdant.spec.TrainingSpec;
import dev.verdant.train.DjlRuntime;
import dev.verdant.train.TrainingObserver;
import dev.verdant.train.TrainingSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Resident memory of the process after each epoch of one training run (LeNet-5, batch 128): it should stay flat
 * once the first epoch has staged the data. Usage: RssBench DATASET FOLDER LIMIT EPOCHS (dataset mnist or cifar10).
 */
public final class RssBench {

    private RssBench() {
    }

    public static void main(String[] args) {
        DjlRuntime.configureOffline();
        String dataset = args[0];
        ExperimentSpec spec = ExperimentSpec.defaults().withName("rss")
                .withDataset(DatasetSpec.defaults().withName(dataset).withPath(args[1])
                        .withLimit(Integer.parseInt(args[2])))
                .withModel(ModelSpec.defaults().withArch("lenet5"))
                .withTraining(TrainingSpec.defaults().withEpochs(Integer.parseInt(args[3])).withBatchSize(128))
                .withDevice("cpu");
        LoadedData data = Datasets.load(spec.dataset(), spec.seed());
        System.out.printf(Locale.ROOT, "%s: %d training samples, features held in %.1f MB (%s); RSS after loading "
                        + "%.0f MB%n", dataset, data.train().size(), data.train().featureBytes() / 1e6,
                data.train().isBytes() ? "bytes" : "floats", rssMb());
        double[] first = {0};
        try (TrainingSession s = TrainingSession.create(spec, data, Device.cpu())) {
            s.train(new TrainingObserver() {
                @Override
                public EpochRecord onEpoch(EpochRecord e) {
                    double rss = rssMb();
                    if (e.epoch() == 1) {
                        first[0] = rss;
                    }
                    System.out.printf(Locale.ROOT, "epoch %2d  RSS %.0f MB  (%+.1f%% of epoch 1)  val acc %.4f%n",
                            e.epoch(), rss, 100 * (rss / first[0] - 1), e.valAccuracy());
                    return e;
                }
            }, () -> false);
        }
    }

    /** VmRSS from /proc/self/status, in MB (Linux). */
    private static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (java.io.IOException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
