package dev.verdant.train;

import dev.verdant.result.StopReason;
import dev.verdant.data.LoadedData;
import dev.verdant.model.Layer;
import dev.verdant.model.Network;
import dev.verdant.model.ResidualBlock;
import dev.verdant.result.EpochRecord;
import dev.verdant.spec.EarlyStoppingSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ProgressiveSpec;
import dev.verdant.spec.SpecException;
import dev.verdant.spec.TrainingSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@link TrainingStrategy}s a spec asks for, checked against the loaded data and the built network (what
 * {@link dev.verdant.spec.SpecValidator} cannot know: the image size, the number of layers).
 */
final class Strategies {

    private Strategies() {
    }

    static List<TrainingStrategy> of(ExperimentSpec spec, LoadedData data, Network network) {
        TrainingSpec t = spec.training();
        List<TrainingStrategy> out = new ArrayList<>();
        for (String type : ProgressiveSpec.TYPES) {
            for (int i = 0; i < t.progressive().size(); i++) {
                ProgressiveSpec p = t.progressive().get(i);
                if (!type.equals(p.type())) {
                    continue;
                }
                String field = "training.progressive[" + i + "]";
                out.add(switch (type) {
                    case "resize" -> new Resize(p, data, field);
                    case "stack" -> new Stack(p);
                    case "freeze" -> new Freeze(p, network, field);
                    default -> new LayerDrop(p.rate(), t.epochs(), spec.seed());
                });
            }
        }
        if (t.earlyStopping() != null) {
            out.add(new EarlyStopping(t.earlyStopping()));
        }
        return out;
    }

    /** Progressive resizing: early epochs train on downsampled images (the network must accept any size). */
    static final class Resize implements TrainingStrategy {
        private final ProgressiveSpec p;
        private final LoadedData data;
        private final Map<Integer, dev.verdant.data.Split> cache = new HashMap<>();

        Resize(ProgressiveSpec p, LoadedData data, String field) {
            this.p = p;
            this.data = data;
            long[] shape = data.sampleShape();
            if (shape.length != 3 || shape[1] != shape[2]) {
                throw new SpecException(field + ".type", "'resize' needs square images; '" + data.name()
                        + "' has samples of shape " + java.util.Arrays.toString(shape));
            }
            int side = (int) shape[1];
            List<Integer> r = p.resolutions();
            if (r.get(r.size() - 1) != side || r.stream().anyMatch(x -> x > side)) {
                throw new SpecException(field + ".resolutions", r + " must end at the images' own size, " + side
                        + " px, and never exceed it");
            }
        }

        @Override
        public void beforeEpoch(TrainingSession session, int epoch, EpochPlan plan) {
            int size = p.stageValue(p.resolutions(), epoch);
            long[] shape = data.sampleShape();
            if (size == shape[1]) {
                return;
            }
            plan.train = cache.computeIfAbsent(size, s -> Resampling.area(data.train(), (int) shape[0],
                    (int) shape[1], (int) shape[2], s));
            plan.sampleShape = new long[] {shape[0], size, size};
            plan.resolution = size;
        }
    }

    /** Progressive stacking: the resnet grows to the stage's depth, copying its trained blocks. */
    static final class Stack implements TrainingStrategy {
        private final ProgressiveSpec p;

        Stack(ProgressiveSpec p) {
            this.p = p;
        }

        /** The depth the run starts with. */
        int initialDepth() {
            return p.depths().get(0);
        }

        @Override
        public void beforeEpoch(TrainingSession session, int epoch, EpochPlan plan) {
            int depth = p.stageValue(p.depths(), epoch);
            if (depth != session.live().modelSpec.depth()) {
                session.grow(session.live().modelSpec.withDepth(depth));
            }
        }
    }

    /** FreezeOut-style freezing: the leading layers stop training; autograd then skips their backward pass. */
    static final class Freeze implements TrainingStrategy {
        private final ProgressiveSpec p;

        Freeze(ProgressiveSpec p, Network network, String field) {
            this.p = p;
            int most = p.frozen().stream().mapToInt(Integer::intValue).max().orElse(0);
            List<Layer> layers = network.layers();
            if (most >= layers.size()) {
                throw new SpecException(field + ".frozen", "freezes up to " + most + " layers, but the network has "
                        + layers.size() + " (" + layers.stream().map(Layer::name).collect(Collectors.joining(", "))
                        + "); at least the last must train");
            }
        }

        @Override
        public void beforeEpoch(TrainingSession session, int epoch, EpochPlan plan) {
            int k = p.stageValue(p.frozen(), epoch);
            Network net = session.live().network;
            int end = k == 0 ? 0 : net.layers().get(k).firstChild();
            // Only ever freeze: unfreezing would also mark batch-norm statistics as trainable.
            for (int c = 0; c < end; c++) {
                net.block().getChildren().get(c).getValue().freezeParameters(true);
            }
            plan.frozenLayers = k;
        }
    }

    /**
     * Progressive layer dropping (Zhang &amp; He 2020): the deepest block's drop rate rises as
     * {@code rate * (1 - exp(-3 (epoch - 1) / epochs))}, so the first epoch drops nothing; block {@code l} of
     * {@code L} drops with {@code l / L} of that (linear in depth, as stochastic depth, Huang et al. 2016).
     */
    static final class LayerDrop implements TrainingStrategy {
        private final double rate;
        private final int epochs;
        private final long seed;

        LayerDrop(double rate, int epochs, long seed) {
            this.rate = rate;
            this.epochs = epochs;
            this.seed = seed;
        }

        static double deepestRate(double rate, int epoch, int epochs) {
            return rate * (1 - Math.exp(-3.0 * (epoch - 1) / epochs));
        }

        @Override
        public void beforeEpoch(TrainingSession session, int epoch, EpochPlan plan) {
            double deepest = deepestRate(rate, epoch, epochs);
            List<ResidualBlock> blocks = Stacking.residualBlocks(session.live().network);
            for (int l = 1; l <= blocks.size(); l++) {
                blocks.get(l - 1).setDropRate(deepest * l / blocks.size(), seed * 1_000_003L + epoch * 1009L + l);
            }
            plan.dropRate = deepest;
        }
    }

    /** Stops when the monitored validation metric has not improved by {@code minDelta} for {@code patience} epochs. */
    static final class EarlyStopping implements TrainingStrategy {
        private final EarlyStoppingSpec spec;
        private double best = Double.NEGATIVE_INFINITY;
        private int waited;

        EarlyStopping(EarlyStoppingSpec spec) {
            this.spec = spec;
        }

        @Override
        public StopReason stopAfter(EpochRecord epoch) {
            // Higher is better for both: the loss is negated.
            double value = "valAccuracy".equals(spec.monitor()) ? epoch.valAccuracy() : -epoch.valLoss();
            if (value > best + spec.minDelta()) {
                best = value;
                waited = 0;
                return null;
            }
            waited++;
            return waited >= spec.patience() ? StopReason.EARLY_STOPPING : null;
        }
    }
}
