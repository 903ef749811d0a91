package dev.verdant.train;

import dev.verdant.data.LoadedData;
import dev.verdant.model.Architectures;
import dev.verdant.model.Layer;
import dev.verdant.model.Net;
import dev.verdant.model.ResidualBlock;

import java.util.List;

/**
 * FLOPs per training sample of one epoch, for the network, resolution, frozen prefix and drop rates it ran with.
 * The network is described afresh for the epoch's input size so every layer is counted at the resolution it
 * actually saw.
 *
 * @param forward  expected forward FLOPs per sample (dropped residual branches cost nothing)
 * @param training forward plus backward, the backward counted as twice the forward of each layer that trains
 */
record EpochFlops(long forward, long training) {

    static EpochFlops of(LiveNetwork live, EpochPlan plan, LoadedData data) {
        Net shaped = java.util.Arrays.equals(plan.sampleShape, live.network.inputShape()) ? live.network.net()
                : Architectures.describe(live.modelSpec, plan.sampleShape, data.numClasses());
        long forward = shaped.flopsPerSample();
        List<ResidualBlock> blocks = live.network.residualBlocks();
        long[] s = shaped.inputShape();
        int r = 0;
        for (Layer l : shaped.layers()) {
            if (l instanceof Layer.Residual residual) {
                forward -= Math.round(blocks.get(r++).dropRate() * Net.flops(residual.branch(), s));
            }
            s = Net.shapeAfter(l, s);
        }
        long frozen = 0;
        List<dev.verdant.model.Unit> units = shaped.units(); // built from the description: once, not per layer
        for (int i = 0; i < plan.frozenLayers; i++) {
            frozen += units.get(i).flops();
        }
        return new EpochFlops(forward, forward + 2 * Math.max(0, forward - frozen));
    }
}
