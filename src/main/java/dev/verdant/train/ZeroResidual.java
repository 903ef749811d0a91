package dev.verdant.train;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import dev.verdant.model.ResidualBlock;

import java.util.ArrayList;
import java.util.List;

/**
 * Zero-initialised residual branches: the last normalisation scale (gamma) of each residual branch starts at zero
 * (Goyal et al. 2017), or, without normalisation, the branch's last convolution (Fixup, Zhang et al. 2019). Every
 * block then starts as the identity, so a deep residual network begins as a shallow one (as ReZero argues).
 */
final class ZeroResidual {

    private ZeroResidual() {
    }

    /** Zeroes the last scale of every residual branch in {@code block}; returns how many branches it changed. */
    static int apply(Block block) {
        int changed = 0;
        for (ResidualBlock residual : residualBlocks(block)) {
            Parameter last = null;
            for (Block child : residual.branch().getChildren().values()) {
                for (Parameter p : child.getDirectParameters().values()) {
                    if (p.getType() == Parameter.Type.GAMMA) {
                        last = p;
                    } else if (child instanceof Conv2d && p.getType() == Parameter.Type.WEIGHT) {
                        last = p;
                    }
                }
            }
            if (last != null) {
                // A detached view writes the same storage without tripping libtorch's leaf-in-place check.
                try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
                    last.getArray().stopGradient().muli(0);
                }
                changed++;
            }
        }
        return changed;
    }

    /** The residual blocks of {@code block}, in forward order. */
    static List<ResidualBlock> residualBlocks(Block block) {
        List<ResidualBlock> found = new ArrayList<>();
        collect(block, found);
        return found;
    }

    private static void collect(Block block, List<ResidualBlock> found) {
        if (block instanceof ResidualBlock r) {
            found.add(r);
        }
        for (Block child : block.getChildren().values()) {
            collect(child, found);
        }
    }
}
