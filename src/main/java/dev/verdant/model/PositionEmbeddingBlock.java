package dev.verdant.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Adds a learned {@code [tokens, dim]} position embedding ({@link Layer.PositionEmbedding}) to every sample. */
final class PositionEmbeddingBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Parameter position;

    PositionEmbeddingBlock(int tokens, int dim) {
        super(VERSION);
        position = addParameter(Parameter.builder().setName("position").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(tokens, dim)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(inputs.singletonOrThrow().add(
                store.getValue(position, inputs.singletonOrThrow().getDevice(), training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
