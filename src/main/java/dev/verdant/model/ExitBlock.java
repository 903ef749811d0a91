package dev.verdant.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The block of an early exit ({@link Layer.Exit}): passes its input through; its head is run by the enclosing
 * {@link ExitSequence}, which collects the head's logits.
 */
public final class ExitBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block head;

    ExitBlock(Block head) {
        super(VERSION);
        this.head = addChildBlock("head", head);
    }

    /** The classifier head. */
    public Block head() {
        return head;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return inputs;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        head.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
