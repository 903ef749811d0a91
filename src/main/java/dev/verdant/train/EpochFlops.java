package dev.verdant.train;

import dev.verdant.data.LoadedData;
import dev.verdant.model.Architectures;
import dev.verdant.model.Network;
import dev.verdant.model.ResidualBlock;

import java.util.List;

/**
 * FLOPs per training sample of one epoch, for the network, resolution, frozen prefix and drop rates it ran with.
 * The network is rebuilt (blocks only, no weights) for the epoch's input size so every layer is counted at the
 * resolution it actually saw.
 *
 * @param forward  expected forward FLOPs per sample (dropped residual branches cost nothing)
 * @param training forward plus backward, the backward counted as twice the forward of each layer that trains
 */
record EpochFlops(long forward, long training) {

    static EpochFlops of(LiveNetwork live, EpochPlan plan, LoadedData data) {
        Network shaped = java.util.Arrays.equals(plan.sampleShape, live.network.inputShape()) ? live.network
                : Architectures.build(live.modelSpec, plan.sampleShape, data.numClasses());
        long forward = shaped.flopsPerSample();
        List<ResidualBlock> liveBlocks = Stacking.residualBlocks(live.network);
        List<ResidualBlock> shapedBlocks = Stacking.residualBlocks(shaped);
        for (int i = 0; i < liveBlocks.size(); i++) {
            forward -= Math.round(liveBlocks.get(i).dropRate() * shapedBlocks.get(i).branchFlops());
        }
        long frozen = 0;
        for (int i = 0; i < plan.frozenLayers; i++) {
            frozen += shaped.layers().get(i).flops();
        }
        return new EpochFlops(forward, forward + 2 * Math.max(0, forward - frozen));
    }
}
