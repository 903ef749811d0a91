package dev.verdant.model;

import ai.djl.nn.Block;

import java.util.ArrayList;
import java.util.List;

/**
 * A network description together with the DJL block built from it (not yet initialised when made). The block has
 * one top-level child per description entry, so everything positional (freezing units, residual blocks) is derived
 * from the description.
 *
 * @param net     the description (without values while untrained)
 * @param block   the DJL block {@link NetBlocks#build built} from it
 * @param summary one line describing the layers, for logs and the window
 */
public record Network(Net net, Block block, String summary) {

    /** Per-sample input shape it was built for. */
    public long[] inputShape() {
        return net.inputShape();
    }

    /** Forward FLOPs per sample (2 per multiply-add, weighted layers only). */
    public long flopsPerSample() {
        return net.flopsPerSample();
    }

    /** The top-level units (weighted layer and what follows it) in order, partitioning the block's children. */
    public List<Unit> units() {
        return net.units();
    }

    /** Weighted layers on the main path (shortcuts not counted): a resnet's 6n+2. */
    public int depth() {
        return net.depth();
    }

    /** The built residual blocks in forward order: the children at the description's residual entries. */
    public List<ResidualBlock> residualBlocks() {
        List<ResidualBlock> out = new ArrayList<>();
        List<Block> children = block.getChildren().values();
        for (int i = 0; i < net.layers().size(); i++) {
            if (net.layers().get(i) instanceof Layer.Residual) {
                out.add((ResidualBlock) children.get(i));
            }
        }
        return out;
    }

    /** The description with the block's current (trained) values, read in parameter order. */
    public Net trained() {
        return NetBlocks.readValues(net, block);
    }
}
