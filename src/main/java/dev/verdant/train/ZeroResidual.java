package dev.verdant.train;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.verdant.model.Layer;
import dev.verdant.model.Network;
import dev.verdant.model.ResidualBlock;

import java.util.List;

/**
 * Zero-initialised residual branches: the last normalisation scale (gamma) of each residual branch starts at zero
 * (Goyal et al. 2017), or, without normalisation, the branch's last convolution (Fixup, Zhang et al. 2019). Every
 * block then starts as the identity, so a deep residual network begins as a shallow one (as ReZero argues).
 * Which parameter that is comes from the description: the branch's last normalisation or convolution entry, whose
 * first parameter (gamma, or the weight) is the built child's first.
 */
final class ZeroResidual {

    private ZeroResidual() {
    }

    /** Zeroes the last scale of every residual branch in {@code network}; returns how many branches it changed. */
    static int apply(Network network) {
        int changed = 0;
        List<Layer.Residual> residuals = network.net().residuals();
        List<ResidualBlock> blocks = network.residualBlocks();
        for (int r = 0; r < residuals.size(); r++) {
            List<Layer> branch = residuals.get(r).branch();
            int last = -1;
            for (int i = 0; i < branch.size(); i++) {
                if (isNorm(branch.get(i)) || branch.get(i) instanceof Layer.Conv) {
                    last = i;
                }
            }
            if (last >= 0) {
                Block child = blocks.get(r).branch().getChildren().valueAt(last);
                Parameter p = child.getParameters().valueAt(0);
                // A detached view writes the same storage without tripping libtorch's leaf-in-place check.
                try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
                    p.getArray().stopGradient().muli(0);
                }
                changed++;
            }
        }
        return changed;
    }

    private static boolean isNorm(Layer l) {
        return l instanceof Layer.BatchNorm || l instanceof Layer.LayerNorm || l instanceof Layer.GroupNorm;
    }
}
