package dev.verdant.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import dev.verdant.data.LoadedData;
import dev.verdant.model.Architectures;
import dev.verdant.model.Batches;
import dev.verdant.model.Layer;
import dev.verdant.model.Net;
import dev.verdant.model.NetBlocks;
import dev.verdant.model.Network;
import dev.verdant.model.Unit;
import dev.verdant.spec.ModelSpec;
import dev.verdant.spec.SpecException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Starting a run from a stored run's trained network: load it, put its backbone (everything but the classifier)
 * into the new session's network, whose classifier is fresh and sized for the new classes, and freeze what the
 * mode keeps fixed. Also the few-shot selection ({@code shots} per class).
 */
public final class TransferLearning {

    private TransferLearning() {
    }

    /**
     * Rebuilds a stored network ({@code model} for input {@code inputShape} and {@code classes} classes) and loads
     * the parameters saved by its training in {@code paramsDir}; returns its description with the trained values.
     *
     * @throws TrainingException when the saved parameters do not fit that network
     */
    public static Net loadStored(ModelSpec model, long[] inputShape, int classes, Path paramsDir, Device device) {
        DjlRuntime.configureOffline();
        Network network = Architectures.build(model, inputShape, classes);
        try (Model m = Model.newInstance("stored", device)) {
            m.setBlock(network.block());
            network.block().initialize(m.getNDManager(), DataType.FLOAT32, Batches.withBatch(1, inputShape));
            try {
                m.load(paramsDir, "model");
            } catch (IOException | MalformedModelException | RuntimeException e) {
                throw new TrainingException("the stored model in " + paramsDir + " cannot be loaded into its own "
                        + "network (" + network.summary() + "); was the store written by another Verdant version?", e);
            }
            return network.trained();
        }
    }

    /**
     * Checks that a stored network can be transferred to {@code data}: same per-sample input shape.
     *
     * @throws SpecException on {@code transfer.from} saying what differs
     */
    public static void requireSameInput(long fromRun, String fromDataset, long[] storedShape, LoadedData data) {
        if (!Arrays.equals(storedShape, data.sampleShape())) {
            throw new SpecException("transfer.from", "run " + fromRun + " was trained on '" + fromDataset
                    + "' with input shape " + Arrays.toString(storedShape) + ", but this run's data '" + data.name()
                    + "' has input shape " + Arrays.toString(data.sampleShape()) + "; transfer needs the same "
                    + "input shape (choose a run trained on data of this shape)");
        }
    }

    /**
     * The training split cut to {@code shots} samples per class (chosen with {@code seed}).
     *
     * @throws SpecException on {@code transfer.shots} naming a class that has fewer samples
     */
    public static LoadedData shots(LoadedData data, int shots, long seed) {
        int[] keep;
        try {
            keep = SeedSet.perClass(data.train().labels(), data.numClasses(), shots, seed, data.classNames());
        } catch (IllegalArgumentException e) {
            throw new SpecException("transfer.shots", "'" + shots + "' is more than the data has: " + e.getMessage()
                    + " in '" + data.name() + "'; lower shots or choose other classes");
        }
        return new LoadedData(data.name(), data.train().select(keep), data.validation(), data.sampleShape(),
                data.classNames(), data.sha256());
    }

    /**
     * Puts {@code stored}'s backbone values into {@code session}'s freshly initialised network (the classifier keeps
     * its fresh initialisation) and freezes per {@code mode}. Call it before training.
     *
     * With mode {@code continue} every value is taken over, the classifier's too, and nothing is frozen.
     *
     * @throws TrainingException when the two networks differ other than in the classifier's output size (in any
     *                           way, for {@code continue})
     */
    public static void apply(TrainingSession session, Net stored, String mode) {
        Network target = session.network();
        Net fresh = target.trained();
        if ("continue".equals(mode)) {
            try {
                NetBlocks.copyInto(stored, target.block());
            } catch (RuntimeException e) {
                throw new TrainingException("the stored network cannot be continued: it is not the same network as "
                        + "this run's (" + target.summary() + "); continue needs the same model and classes", e);
            }
            return;
        }
        List<Layer> mine = fresh.layers();
        List<Layer> theirs = stored.layers();
        if (mine.size() != theirs.size()) {
            throw new TrainingException("the stored network has " + theirs.size() + " entries, this one "
                    + mine.size() + ": they are not the same architecture");
        }
        List<Layer> merged = new ArrayList<>(theirs.subList(0, theirs.size() - 1));
        merged.add(mine.get(mine.size() - 1));
        NetBlocks.copyInto(fresh.withLayers(merged), target.block());
        freeze(target, mode);
    }

    /** Freezes the leading children the mode keeps fixed; returns how many top-level children were frozen. */
    static int freeze(Network network, String mode) {
        List<Unit> units = network.units();
        int end = switch (mode) {
            case "linear-probe" -> units.get(units.size() - 1).firstChild();
            case "fine-tune-last" -> units.size() < 2 ? 0 : units.get(units.size() - 2).firstChild();
            default -> 0;
        };
        List<Block> children = network.block().getChildren().values();
        for (int c = 0; c < end; c++) {
            children.get(c).freezeParameters(true);
        }
        return end;
    }
}
