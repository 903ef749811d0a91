package dev.verdant.compress;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import dev.verdant.result.Phase;
import dev.verdant.data.LoadedData;
import dev.verdant.energy.EnergyMeter;
import dev.verdant.model.Architectures;
import dev.verdant.model.Batches;
import dev.verdant.model.Net;
import dev.verdant.model.NetBlocks;
import dev.verdant.model.Network;
import dev.verdant.result.CompressionReport;
import dev.verdant.spec.CompressionStepSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.Granularity;
import dev.verdant.spec.ModelSpec;
import dev.verdant.spec.PruneSchedule;
import dev.verdant.spec.PruneScope;
import dev.verdant.spec.SpecException;
import dev.verdant.spec.StepKind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Applies a spec's compression steps in order to a trained network, measuring the model after each
 * ({@link CompressionReport}): first the trained baseline, then one report per step.
 *
 * <p>{@link #plan} checks everything that needs the built network before any work starts: ranks against layer
 * sizes, structured pruning that would empty a layer, stored teachers that do not fit the data. It dry-runs
 * the structural steps on the untrained network, so later steps are checked against the shapes they will see.
 */
public final class CompressionPipeline {

    /**
     * How measurements are repeated.
     *
     * @param warmup        forward passes discarded before timing
     * @param repeats       timed forward passes per batch size (the median is reported)
     * @param energySamples samples inferred while metering inference energy
     */
    public record Settings(int warmup, int repeats, int energySamples) {
        /** 5 warm-up passes, 25 timed, 5000 samples metered. */
        public static final Settings DEFAULT = new Settings(5, 25, 5000);
    }

    /**
     * The result of a pipeline run.
     *
     * @param reports   the baseline's report, then one per completed step
     * @param net       the final network
     * @param cancelled true if it stopped early at a cancel
     */
    public record Outcome(List<CompressionReport> reports, Net net, boolean cancelled) {
    }

    private final ExperimentSpec spec;
    private final LoadedData data;
    private final Device device;
    private final Settings settings;
    /** Per distill step index: a stored teacher, loaded during planning. */
    private final Map<Integer, Net> storedTeachers;

    private CompressionPipeline(ExperimentSpec spec, LoadedData data, Device device, Settings settings,
                                Map<Integer, Net> storedTeachers) {
        this.spec = spec;
        this.data = data;
        this.device = device;
        this.settings = settings;
        this.storedTeachers = storedTeachers;
    }

    /**
     * Checks the spec's steps against the network's description (before training: sizes only, no values) and
     * loads stored teachers. Structural steps are dry-run on the description and each result is checked to fit
     * together ({@link Net#checkShapes}), so a step that could not build fails here, naming the layer.
     *
     * @throws CompressionException naming the step and the layer or teacher that does not fit
     */
    public static CompressionPipeline plan(ExperimentSpec spec, LoadedData data, Network network, Device device,
                                           TeacherSource teachers, Settings settings) {
        Net net = network.net();
        Map<Integer, Net> stored = new HashMap<>();
        List<CompressionStepSpec> steps = spec.compression();
        if (net.hasExits() && !steps.isEmpty()) {
            // Fine-tuning and distillation train with one output; a network with early-exit heads has several.
            throw new CompressionException("compression[0] (" + steps.get(0).label() + "): a network with early "
                    + "exits (model.earlyExits) cannot be compressed yet: fine-tuning would train the final "
                    + "classifier alone and leave the exit heads stale; remove model.earlyExits or the compression "
                    + "steps");
        }
        for (int i = 0; i < steps.size(); i++) {
            CompressionStepSpec c = steps.get(i);
            String at = "compression[" + i + "] (" + c.label() + ")";
            try {
                switch (c.kind()) {
                    case STRUCTURED_PRUNE -> net = StructuredPruning.prune(net,
                            ((CompressionStepSpec.StructuredPrune) c).ratio()).net();
                    case LOW_RANK -> {
                        Integer rank = ((CompressionStepSpec.LowRank) c).rank();
                        if (rank != null) {
                            LowRank.checkRank(net, rank, at);
                            net = LowRank.factorise(Quantization.strip(net), rank, null).net();
                        }
                    }
                    case DISTILL -> {
                        CompressionStepSpec.Distill d = (CompressionStepSpec.Distill) c;
                        if (!"self".equals(d.teacher())) {
                            stored.put(i, loadTeacher(Long.parseLong(d.teacher()), teachers, data, device));
                        }
                        net = describeStudent(d.student(), data);
                    }
                    case MAGNITUDE_PRUNE, QUANTIZE -> { }
                }
                checkShapes(net);
            } catch (CompressionException e) {
                String m = e.getMessage();
                throw new CompressionException(m.startsWith("compression[") ? m : at + ": " + m, e);
            }
        }
        return new CompressionPipeline(spec, data, device, settings, stored);
    }

    /**
     * Runs the steps on the trained network (its description with values, e.g. {@code TrainingSession.trainedNet()}). Energy goes to the meter's {@code compress} phase (and
     * {@code inference} while measuring) when a meter is given; {@code onStep} receives each report as it is made.
     */
    public Outcome run(Net trained, EnergyMeter meter, Consumer<CompressionReport> onStep, BooleanSupplier cancelled) {
        Net net = trained;
        List<CompressionReport> reports = new ArrayList<>();
        CompressionReport baseline = report(0, "baseline", "baseline", net, 0, meter == null ? null : 0.0, false,
                null, meter);
        reports.add(baseline);
        onStep.accept(baseline);
        List<CompressionStepSpec> steps = spec.compression();
        for (int i = 0; i < steps.size(); i++) {
            if (cancelled.getAsBoolean()) {
                return new Outcome(reports, net, true);
            }
            CompressionStepSpec c = steps.get(i);
            if (meter != null) {
                meter.begin(Phase.COMPRESS);
            }
            double joules0 = meter == null ? 0 : meter.joules(Phase.COMPRESS);
            long t0 = System.nanoTime();
            Applied applied = apply(i, c, net, cancelled);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Double joules = meter == null ? null : meter.joules(Phase.COMPRESS) - joules0;
            net = applied.net();
            CompressionReport r = report(i + 1, c.label(), c.type(), net, seconds, joules,
                    c.kind() == StepKind.QUANTIZE, applied.note(), meter);
            if (c.kind() == StepKind.QUANTIZE) {
                r = withInt8(r, net, ((CompressionStepSpec.Quantize) c).bits(), meter);
            }
            reports.add(r);
            onStep.accept(r);
        }
        return new Outcome(reports, net, cancelled.getAsBoolean());
    }

    private record Applied(Net net, String note) {
    }

    private Applied apply(int index, CompressionStepSpec c, Net net, BooleanSupplier cancelled) {
        return switch (c.kind()) {
            case MAGNITUDE_PRUNE -> {
                CompressionStepSpec.MagnitudePrune m = (CompressionStepSpec.MagnitudePrune) c;
                FineTuner.Settings tune = tuning(index, m.fineTuneEpochs(), cancelled);
                Net plain = Quantization.strip(net);
                boolean global = m.scope() == PruneScope.GLOBAL;
                if (m.schedule() == PruneSchedule.ONESHOT) {
                    Net pruned = MagnitudePruning.prune(plain, m.sparsity(), global);
                    yield new Applied(FineTuner.train(pruned, data.train(), tune), null);
                }
                yield new Applied(gradual(plain, m, global, tune), "cubic schedule over " + m.steps()
                        + " pruning events");
            }
            case STRUCTURED_PRUNE -> {
                CompressionStepSpec.StructuredPrune sp = (CompressionStepSpec.StructuredPrune) c;
                StructuredPruning.Result r = StructuredPruning.prune(Quantization.strip(net), sp.ratio());
                yield new Applied(FineTuner.train(r.net(), data.train(), tuning(index, sp.fineTuneEpochs(),
                        cancelled)), r.note());
            }
            case LOW_RANK -> {
                CompressionStepSpec.LowRank lr = (CompressionStepSpec.LowRank) c;
                LowRank.Result r = LowRank.factorise(Quantization.strip(net), lr.rank(), lr.energy());
                yield new Applied(FineTuner.train(r.net(), data.train(), tuning(index, lr.fineTuneEpochs(),
                        cancelled)), r.note());
            }
            case QUANTIZE -> {
                CompressionStepSpec.Quantize qs = (CompressionStepSpec.Quantize) c;
                Net q = Quantization.quantize(net, qs.bits(), qs.granularity() == Granularity.PER_CHANNEL,
                        data.train(), qs.calibrationBatches(), spec.training().batchSize(), device);
                yield new Applied(q, "weights int" + qs.bits() + " " + qs.granularity() + ", activations int"
                        + Quantization.ACTIVATION_BITS + " calibrated on " + qs.calibrationBatches()
                        + " batches; simulated arithmetic");
            }
            case DISTILL -> {
                CompressionStepSpec.Distill d = (CompressionStepSpec.Distill) c;
                Net teacher = storedTeachers.getOrDefault(index, net);
                Net student = student(d.student(), data, spec.seed() + index + 1, device);
                FineTuner.Settings s = tuning(index, d.epochs(), cancelled);
                try (LiveNet live = new LiveNet(teacher, device)) {
                    Net trained = FineTuner.train(student, data.train(), s,
                            new DistillationLoss(d.temperature(), d.alpha()), live, null);
                    yield new Applied(trained, "teacher " + d.teacher() + " (" + LayerNames.summary(teacher) + ")");
                }
            }
        };
    }

    /** Fine-tuning (or student training) for {@code epochs} at the run's batch size and rate, seeded per step. */
    private FineTuner.Settings tuning(int index, int epochs, BooleanSupplier cancelled) {
        return new FineTuner.Settings(epochs, spec.training().batchSize(), spec.training().learningRate(),
                spec.seed() + index + 1, device, cancelled);
    }

    /** Magnitude pruning while fine-tuning: event k of n prunes to the cubic schedule's sparsity (Zhu &amp; Gupta 2017). */
    private Net gradual(Net net, CompressionStepSpec.MagnitudePrune c, boolean global, FineTuner.Settings tune) {
        int updates = FineTuner.updates(data.train(), tune);
        int n = c.steps();
        Map<Integer, Double> events = new HashMap<>();
        for (int k = 0; k < n; k++) {
            events.put((int) ((long) k * updates / n), MagnitudePruning.cubic(c.sparsity(), k + 1, n));
        }
        Net tuned = FineTuner.train(net.withSparse(true), data.train(), tune, ai.djl.training.loss.Loss
                .softmaxCrossEntropyLoss(), null, update -> {
                    Double s = events.get(update);
                    return s == null ? null : current -> MagnitudePruning.prune(current, s, global);
                });
        // A cancel may stop before the last event: the step still ends at the sparsity it promised.
        return MagnitudePruning.prune(tuned, c.sparsity(), global);
    }

    private CompressionReport report(int index, String label, String type, Net net, double seconds, Double joules,
                                     boolean simulated, String note, EnergyMeter meter) {
        Measurement.Figures f;
        try (LiveNet live = new LiveNet(net, device)) {
            f = Measurement.measure(live, data.validation(), meter, settings);
        }
        return new CompressionReport(index, label, type, f.accuracy(), net.params(), net.nonzeroParams(),
                net.modelBytes(), net.flopsPerSample(), f.msBatch1(), f.msBatch64(), f.joulesPer1k(), seconds, joules,
                simulated || Quantization.isQuantized(net), LayerNames.summary(net), note);
    }

    /**
     * The quantize step's report with its model measured on ONNX Runtime's integer kernels (or, where the runtime
     * cannot run it, its simulated figures labelled so with the reason).
     */
    private CompressionReport withInt8(CompressionReport r, Net quantised, int bits, EnergyMeter meter) {
        Measurement.Figures sim = new Measurement.Figures(r.accuracy(), r.latencyMsBatch1(), r.latencyMsBatch64(),
                r.inferenceJoulesPer1k());
        var int8 = OrtInt8.measure(quantised, Quantization.strip(quantised), bits, data.validation(), meter,
                settings, sim);
        return new CompressionReport(r.index(), r.step(), r.type(), r.accuracy(), r.params(), r.nonzeroParams(),
                r.modelBytes(), r.flopsPerSample(), r.latencyMsBatch1(), r.latencyMsBatch64(),
                r.inferenceJoulesPer1k(), r.seconds(), r.energyJoules(), r.simulated(), r.layers(), r.note(), int8);
    }

    /** An edited description that does not fit together is a planning failure naming the layer. */
    private static void checkShapes(Net net) {
        try {
            net.checkShapes();
        } catch (IllegalStateException e) {
            throw new CompressionException("the edited network would not build: " + e.getMessage(), e);
        }
    }

    /** The student's description for this data, without values. */
    private static Net describeStudent(ModelSpec arch, LoadedData data) {
        try {
            return Architectures.describe(arch, data.sampleShape(), data.numClasses());
        } catch (SpecException | IllegalArgumentException e) {
            throw new CompressionException("the student does not fit this data: " + e.getMessage(), e);
        }
    }

    /** A freshly initialised student of {@code arch}, seeded. */
    static Net student(ModelSpec arch, LoadedData data, long seed, Device device) {
        Net net = describeStudent(arch, data);
        try (Model m = Model.newInstance("student", device)) {
            Block block = NetBlocks.build(net);
            m.setBlock(block);
            Engine.getInstance().setRandomSeed((int) seed);
            block.setInitializer(initializer(arch.init()), Parameter.Type.WEIGHT);
            block.initialize(m.getNDManager(), DataType.FLOAT32, Batches.withBatch(1, data.sampleShape()));
            return NetBlocks.readValues(net, block);
        }
    }

    /** The same initialisers as training uses for the spec's {@code init} names. */
    private static Initializer initializer(String name) {
        return switch (name) {
            case "xavier" -> new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                    XavierInitializer.FactorType.AVG, 3);
            case "xavier-normal" -> new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                    XavierInitializer.FactorType.AVG, 1);
            default -> new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2);
        };
    }

    /** Rebuilds a stored run's network for this data and loads its parameters; refuses one that does not fit. */
    static Net loadTeacher(long runId, TeacherSource teachers, LoadedData data, Device device) {
        TeacherSource.StoredTeacher t = teachers.find(runId);
        ExperimentSpec ts = t.spec();
        String misfit = "teacher run " + runId + " (" + ts.model().arch() + " trained on '" + ts.dataset().name()
                + "') does not fit this run ('" + data.name() + "', input " + java.util.Arrays.toString(data.sampleShape())
                + ", " + data.numClasses() + " classes): its input shape or classes differ";
        Network network;
        try {
            network = Architectures.build(ts.model(), data.sampleShape(), data.numClasses());
        } catch (SpecException | IllegalArgumentException e) {
            throw new CompressionException(misfit + " (" + e.getMessage() + ")", e);
        }
        try (Model m = Model.newInstance("teacher", device)) {
            m.setBlock(network.block());
            network.block().initialize(m.getNDManager(), DataType.FLOAT32, Batches.withBatch(1, data.sampleShape()));
            List<Shape> expected = new ArrayList<>();
            for (Parameter p : network.block().getParameters().values()) {
                expected.add(p.getArray().getShape());
            }
            try {
                m.load(t.paramsDir(), "model");
            } catch (IOException | MalformedModelException | RuntimeException e) {
                throw new CompressionException(misfit + " (" + e.getMessage() + ")", e);
            }
            List<Parameter> loaded = network.block().getParameters().values();
            for (int i = 0; i < loaded.size(); i++) {
                if (!loaded.get(i).getArray().getShape().equals(expected.get(i))) {
                    throw new CompressionException(misfit + " (parameter " + loaded.get(i).getName() + " has shape "
                            + loaded.get(i).getArray().getShape() + ", this data needs " + expected.get(i) + ")");
                }
            }
            return network.trained();
        }
    }
}
