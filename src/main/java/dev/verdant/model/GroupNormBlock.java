package dev.verdant.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Group normalisation (Wu &amp; He 2018), which DJL lacks: the channels (or features) of each sample are split into
 * {@code groups} groups, each normalised to zero mean and unit variance over its channels and positions, then
 * scaled and shifted per channel by learned {@code gamma} and {@code beta}. Unlike batch norm it does not depend on
 * the batch, and unlike layer norm its parameters do not depend on the image size.
 */
public final class GroupNormBlock extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final float EPSILON = 1e-5f;

    private final int groups;
    private final Parameter gamma;
    private final Parameter beta;

    /** Normalisation over {@code groups} groups of channels; the channel count must be a multiple of it. */
    public GroupNormBlock(int groups) {
        super(VERSION);
        this.groups = groups;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
    }

    public int groups() {
        return groups;
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        long channels = inputShapes[0].get(1);
        if (channels % groups != 0) {
            throw new IllegalArgumentException(channels + " channels do not split into " + groups + " groups");
        }
        gamma.setShape(new Shape(channels));
        beta.setShape(new Shape(channels));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        long n = shape.get(0);
        long channels = shape.get(1);
        NDArray grouped = x.reshape(n, groups, -1);
        NDArray mean = grouped.mean(new int[] {2}, true);
        NDArray centred = grouped.sub(mean);
        NDArray variance = centred.square().mean(new int[] {2}, true);
        NDArray normalised = centred.div(variance.add(EPSILON).sqrt()).reshape(shape);
        // gamma and beta broadcast over every axis but the channel axis: [C] -> [1, C, 1, 1] for images.
        long[] perChannel = new long[shape.dimension()];
        java.util.Arrays.fill(perChannel, 1);
        perChannel[1] = channels;
        // A reshape of a parameter belongs to the parameter's (the model's) manager: hand it to the input's
        // manager, or two arrays per layer would live until the model closes, on every forward pass.
        NDArray g = store.getValue(gamma, x.getDevice(), training).reshape(perChannel);
        g.attach(x.getManager());
        NDArray b = store.getValue(beta, x.getDevice(), training).reshape(perChannel);
        b.attach(x.getManager());
        return new NDList(normalised.mul(g).add(b));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "GroupNorm(groups=" + groups + ")";
    }
}
