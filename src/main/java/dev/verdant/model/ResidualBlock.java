package dev.verdant.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.Random;

/**
 * {@code branch(x) + shortcut(x)}, with stochastic depth: while training, the branch is skipped with probability
 * {@link #dropRate()} (Huang et al. 2016; progressively, Zhang &amp; He 2020), so a dropped block costs only its
 * shortcut. A kept branch is scaled by {@code 1 / (1 - dropRate)} so inference needs no rescaling.
 * The coin flips come from a seeded generator, so a run stays deterministic.
 */
public final class ResidualBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block branch;
    private final Block shortcut;
    private double dropRate;
    private Random coin = new Random(0);

    ResidualBlock(Block branch, Block shortcut) {
        super(VERSION);
        this.branch = addChildBlock("branch", branch);
        this.shortcut = addChildBlock("shortcut", shortcut);
    }

    public Block branch() {
        return branch;
    }

    public Block shortcut() {
        return shortcut;
    }

    public double dropRate() {
        return dropRate;
    }

    /** Sets the probability of skipping the branch in training steps, drawing from a generator seeded with {@code seed}. */
    public void setDropRate(double rate, long seed) {
        if (rate < 0 || rate >= 1) {
            throw new IllegalArgumentException("drop rate must be in [0, 1): " + rate);
        }
        this.dropRate = rate;
        this.coin = new Random(seed);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray identity = shortcut.forward(store, inputs, training, params).singletonOrThrow();
        if (training && dropRate > 0) {
            if (coin.nextDouble() < dropRate) {
                return new NDList(identity);
            }
            NDArray kept = branch.forward(store, inputs, training, params).singletonOrThrow();
            return new NDList(kept.mul((float) (1 / (1 - dropRate))).add(identity));
        }
        return new NDList(branch.forward(store, inputs, training, params).singletonOrThrow().add(identity));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        branch.initialize(manager, dataType, inputShapes);
        shortcut.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return branch.getOutputShapes(inputShapes);
    }

    @Override
    public String toString() {
        return "Residual(" + branch + " + " + shortcut + ")";
    }
}
