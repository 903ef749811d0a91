package dev.verdant.bench;

import dev.verdant.result.EpochRecord;
import dev.verdant.result.FinalMetrics;
import dev.verdant.result.RunResult;
import dev.verdant.run.Job;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ModelSpec;
import dev.verdant.spec.ProgressiveSpec;
import dev.verdant.spec.TrainingSpec;
import dev.verdant.train.DjlRuntime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Seconds and joules to reach 98% validation accuracy on full MNIST, for a baseline and each training strategy,
 * each run through {@link Job} (so energy is metered as in a real run) until the target or {@code maxEpochs}.
 * Usage: TrainingStrategiesBench MNIST_FOLDER [maxEpochs] [variant ...]
 */
public final class TrainingStrategiesBench {

    /** Validation accuracy to reach; {@code TARGET=0.99} in the script's environment raises it. */
    private static final double TARGET = Double.parseDouble(System.getProperty("bench.target", "0.98"));

    public static void main(String[] args) {
        DjlRuntime.configureOffline();
        String folder = args.length > 0 ? args[0] : "../shared/data/mnist";
        int maxEpochs = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        Map<String, ExperimentSpec> variants = variants(folder, maxEpochs);
        List<String> chosen = args.length > 2 ? List.of(args).subList(2, args.length) : List.copyOf(variants.keySet());
        System.out.printf(Locale.ROOT, "%-22s %7s %8s %10s %10s %8s %s%n", "variant", "epochs", "val acc",
                "s to " + TARGET, "J to " + TARGET, "s total", "per epoch: seconds/train MFLOP per sample");
        for (String name : chosen) {
            RunResult r = Job.of(variants.get(name)).runHere();
            FinalMetrics f = r.finalMetrics();
            if (f == null) {
                System.out.println(name + ": " + r.status() + " " + r.message());
                continue;
            }
            double toTarget = Double.NaN;
            double sum = 0;
            StringBuilder per = new StringBuilder();
            for (EpochRecord e : r.epochs()) {
                sum += e.seconds();
                if (Double.isNaN(toTarget) && e.valAccuracy() >= TARGET) {
                    toTarget = sum;
                }
                per.append(String.format(Locale.ROOT, " %.1f/%.2f", e.seconds(),
                        e.trainFlopsPerSample() / 1e6));
            }
            System.out.printf(Locale.ROOT, "%-22s %7d %8.4f %10s %10s %8.1f%s%n", name, f.epochsCompleted(),
                    f.accuracy(), Double.isNaN(toTarget) ? "-" : String.format(Locale.ROOT, "%.1f", toTarget),
                    f.joulesToTarget() == null ? "-" : String.format(Locale.ROOT, "%.0f", f.joulesToTarget()),
                    f.trainSeconds(), per);
            System.out.flush();
        }
    }

    static Map<String, ExperimentSpec> variants(String folder, int maxEpochs) {
        ExperimentSpec base = ExperimentSpec.defaults().withName("bench").withDevice("cpu")
                .withDataset(DatasetSpec.defaults().withName("mnist").withPath(folder))
                .withModel(ModelSpec.defaults().withArch("lenet5").withNorm("batch"))
                .withTraining(TrainingSpec.defaults().withEpochs(maxEpochs).withBatchSize(128)
                        .withTargetAccuracy(TARGET));
        ExperimentSpec dscnn = base.withModel(base.model().withArch("dscnn").withChannels(8));
        Map<String, ExperimentSpec> v = new LinkedHashMap<>();
        v.put("lenet5 baseline", base);
        v.put("lenet5 init xavier", base.withModel(base.model().withInit("xavier")));
        v.put("lenet5 init lsuv", base.withModel(base.model().withInit("lsuv")));
        v.put("lenet5 norm none", base.withModel(base.model().withNorm("none")));
        v.put("lenet5 norm group", base.withModel(base.model().withNorm("group").withGroups(2)));
        v.put("lenet5 freeze", base.withTraining(base.training().withProgressive(
                List.of(ProgressiveSpec.freeze(List.of(1, 1), List.of(0, 1, 2))))));
        v.put("dscnn baseline", dscnn);
        v.put("dscnn resize 14-20-28", dscnn.withTraining(dscnn.training().withProgressive(
                List.of(ProgressiveSpec.resize(List.of(1, 1), List.of(14, 20, 28))))));
        return v;
    }
}
