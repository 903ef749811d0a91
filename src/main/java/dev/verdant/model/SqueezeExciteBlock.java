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

/** Squeeze-and-excitation ({@link Layer.SqueezeExcite}): {@code x * gate(x)}, one gate weight per channel. */
final class SqueezeExciteBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block gate;

    SqueezeExciteBlock(Block gate) {
        super(VERSION);
        this.gate = addChildBlock("gate", gate);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray g = gate.forward(store, inputs, training, params).singletonOrThrow();
        Shape s = x.getShape();
        return new NDList(x.mul(g.reshape(s.get(0), s.get(1), 1, 1)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        gate.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
