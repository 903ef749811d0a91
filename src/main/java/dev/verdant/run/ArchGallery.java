package dev.verdant.run;

import dev.verdant.compress.CompressionPipeline;
import dev.verdant.compress.InferenceCost;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.energy.EnergyMeter;
import dev.verdant.model.Net;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.Architecture;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ModelSpec;
import dev.verdant.store.RunFilter;
import dev.verdant.store.RunStore;
import dev.verdant.store.RunSummary;
import dev.verdant.train.DeviceChoice;
import dev.verdant.train.TrainingObserver;
import dev.verdant.train.TrainingOutcome;
import dev.verdant.train.TrainingSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The architecture gallery: the compact architectures measured the same way for one dataset and width. Each is
 * trained for a fixed budget of epochs (the same spec otherwise), then measured as deployed: parameters and FLOPs
 * counted from its description, median latency at batch 1 and 64, inference joules per 1000 samples metered in the
 * {@code inference} phase (the meter's method says measured or estimated), and validation accuracy of the trained
 * model. One teaching note per block says what it replaces, why it is cheaper, and its cost formula.
 */
public final class ArchGallery {

    private ArchGallery() {
    }

    /**
     * One architecture's figures, all for the trained model.
     *
     * @param arch           the architecture
     * @param summary        its layers in one line
     * @param params         trainable parameters (counted)
     * @param flopsPerSample forward FLOPs per sample (counted: 2 per multiply-add)
     * @param msBatch1       median forward latency of 1 sample (measured)
     * @param msBatch64      median forward latency of 64 samples (measured)
     * @param joulesPer1k    inference joules per 1000 samples at batch 64, or null without a meter
     * @param energyMethod   how the joules were obtained, e.g. {@code measured:rapl} or {@code estimated:cpu-tdp}
     * @param accuracy       validation accuracy after {@code epochs} epochs (measured)
     * @param epochs         epochs trained
     * @param trainJoules    energy of the training (same method), or null
     * @param status         how the training ended
     */
    public record Row(Architecture arch, String summary, long params, long flopsPerSample, double msBatch1,
                      double msBatch64, Double joulesPer1k, String energyMethod, double accuracy, int epochs,
                      Double trainJoules, RunStatus status) {
    }

    /**
     * What a block replaces, why it is cheaper, and its cost.
     *
     * @param block    the block's name
     * @param replaces what it stands in for
     * @param why      why it costs less
     * @param formula  its multiply-adds per output position next to the replaced one's
     */
    public record Note(String block, String replaces, String why, String formula) {
    }

    /** One teaching note per gallery architecture. */
    public static final Map<Architecture, Note> NOTES = Map.of(
            Architecture.DSCNN, new Note("depthwise-separable convolution",
                    "a standard k x k convolution from C to N channels",
                    "filtering (one k x k filter per channel) and mixing channels (1 x 1) are done apart",
                    "C k^2 + C N versus C k^2 N: a ratio of 1/N + 1/k^2 (1/N + 1/9 for 3 x 3)"),
            Architecture.SQUEEZENET, new Note("fire module",
                    "a 3 x 3 convolution from C to 2E channels",
                    "a 1 x 1 squeeze to S < C channels feeds the expensive 3 x 3 filters, and half the expand "
                            + "filters are 1 x 1",
                    "C S + S E + 9 S E versus 9 C 2E"),
            Architecture.MOBILENETV2, new Note("inverted residual (linear bottleneck), optional SE",
                    "a 3 x 3 convolution from C to C' channels",
                    "the wide tC-channel space is only touched by cheap depthwise filters; the residual stream "
                            + "stays narrow; SE adds a per-channel gate for about 2 (tC)^2 / r per sample",
                    "C tC + 9 tC + tC C' versus 9 C C'"),
            Architecture.SHUFFLENET, new Note("grouped 1 x 1 convolution + channel shuffle",
                    "a dense 1 x 1 convolution from C to C' channels",
                    "each group only sees C/g inputs; the shuffle (a free permutation) lets the next group mix them",
                    "C C' / g versus C C'"),
            Architecture.GHOSTNET, new Note("ghost module",
                    "a 1 x 1 convolution from C to N channels",
                    "only N/s features come from a real convolution; the rest are cheap d x d depthwise "
                            + "transforms of them",
                    "C N/s + (s-1) N/s d^2 versus C N: about 1/s when d^2 is much smaller than C"),
            Architecture.VIT_TINY, new Note("self-attention over patches: softmax or linear",
                    "softmax attention over N patches of width D (h heads of width d = D/h)",
                    "linear attention (Katharopoulos et al. 2020) reorders the product as phi(Q) (phi(K)^T V), "
                            + "never forming the N x N matrix",
                    "linear 2 N D d + N D versus softmax 2 N^2 D per sample: linear versus quadratic in N"));

    /**
     * {@link #compare(ExperimentSpec, List, int, CompressionPipeline.Settings, Consumer, BooleanSupplier)} with
     * {@code repeats} timed passes (after 3 warm-up passes) and {@code energySamples} metered samples, for callers
     * that do not see the compression layer (the window).
     */
    public static List<Row> compare(ExperimentSpec base, List<Architecture> archs, int epochs, int repeats,
                                     int energySamples, Consumer<String> progress, BooleanSupplier cancelled) {
        return compare(base, archs, epochs, new CompressionPipeline.Settings(3, repeats, energySamples), progress,
                cancelled);
    }

    /**
     * Trains and measures each of {@code archs} with {@code base}'s data, width and training settings.
     *
     * @param epochs   training budget per architecture
     * @param progress a line per step, for a progress display
     */
    public static List<Row> compare(ExperimentSpec base, List<Architecture> archs, int epochs,
                                     CompressionPipeline.Settings settings, Consumer<String> progress,
                                     BooleanSupplier cancelled) {
        SpecChecks.requireRunnable(base);
        LoadedData data = Datasets.load(base.dataset(), base.seed());
        DeviceChoice device = DeviceChoice.resolve(base.device());
        List<Row> rows = new ArrayList<>();
        for (Architecture arch : archs) {
            if (cancelled.getAsBoolean()) {
                break;
            }
            ModelSpec model = base.model().withArch(arch).withEarlyExits(null);
            ExperimentSpec spec = base.withModel(model).withCompression(List.of());
            spec = spec.withTraining(spec.training().withEpochs(epochs));
            SpecChecks.requireRunnable(spec);
            progress.accept("training " + arch + " for " + epochs + " epoch" + (epochs == 1 ? "" : "s"));
            try (EnergyMeter meter = EnergyMeter.start(spec.energy());
                 TrainingSession session = TrainingSession.create(spec, data, device.device())) {
                meter.begin(dev.verdant.result.Phase.TRAIN);
                TrainingOutcome out = session.train(TrainingObserver.NONE, cancelled);
                double trainJoules = meter.end();
                Net trained = session.trainedNet();
                progress.accept("measuring " + arch + " as deployed");
                InferenceCost cost = InferenceCost.measure(trained, data.validation(), device.device(), meter,
                        settings);
                rows.add(new Row(arch, session.network().summary(), trained.params(), trained.flopsPerSample(),
                        cost.msBatch1(), cost.msBatch64(), cost.joulesPer1k(), meter.method(), cost.accuracy(),
                        out.epochs().size(), trainJoules, out.status()));
            }
        }
        return rows;
    }

    /** {@link #earlyExitCurve(ExperimentSpec, Architecture, int, int, CompressionPipeline.Settings, Consumer)} with ints. */
    public static EarlyExitReport earlyExitCurve(ExperimentSpec base, Architecture arch, int after, int epochs,
                                                 int repeats, int energySamples, Consumer<String> progress) {
        return earlyExitCurve(base, arch, after, epochs, new CompressionPipeline.Settings(3, repeats, energySamples),
                progress);
    }

    /**
     * Trains {@code arch} with an exit head after block {@code after} (jointly, {@code epochs} epochs), measures the
     * full network's inference joules per sample, and returns the early-exit threshold curve on the validation split.
     */
    public static EarlyExitReport earlyExitCurve(ExperimentSpec base, Architecture arch, int after, int epochs,
                                                 CompressionPipeline.Settings settings, Consumer<String> progress) {
        ModelSpec model = base.model().withArch(arch)
                .withEarlyExits(new dev.verdant.spec.EarlyExitSpec(List.of(after), null, null));
        ExperimentSpec spec = base.withModel(model).withCompression(List.of());
        spec = spec.withTraining(spec.training().withEpochs(epochs));
        SpecChecks.requireRunnable(spec);
        LoadedData data = Datasets.load(spec.dataset(), spec.seed());
        DeviceChoice device = DeviceChoice.resolve(spec.device());
        progress.accept("training " + arch + " with an exit head after block " + after);
        try (EnergyMeter meter = EnergyMeter.start(spec.energy());
             TrainingSession session = TrainingSession.create(spec, data, device.device())) {
            session.train(TrainingObserver.NONE, () -> false);
            Net trained = session.trainedNet();
            progress.accept("measuring the early-exit curve");
            InferenceCost full = InferenceCost.measure(trained, data.validation(), device.device(), meter, settings);
            Double perSample = full.joulesPer1k() == null ? null : full.joulesPer1k() / 1000.0;
            return EarlyExitReport.of(trained, data.validation(), device.device(), EarlyExitReport.SWEEP, perSample,
                    meter.method(), full.accuracy());
        }
    }

    /**
     * Accuracy from stored runs instead of training: per architecture of {@code archs}, the newest completed run in
     * {@code store} on dataset {@code dataset} (absent when there is none), in {@code archs}' order.
     */
    public static Map<Architecture, RunSummary> newestStored(RunStore store, String dataset,
                                                             List<Architecture> archs) {
        Map<Architecture, RunSummary> found = new LinkedHashMap<>();
        List<RunSummary> completed = store.list(new RunFilter(RunStatus.COMPLETED, null, null, null));
        for (Architecture arch : archs) {
            for (RunSummary r : completed) {
                // list(...) is newest first, so the first match is the newest run
                if (arch.label().equals(r.arch()) && dataset.equals(r.dataset()) && r.accuracy() != null) {
                    found.put(arch, r);
                    break;
                }
            }
        }
        return found;
    }
}
