package dev.verdant.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;

import dev.verdant.spec.Norm;
import dev.verdant.spec.SpecException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Appends layers to a {@link SequentialBlock} while tracking the per-sample activation shape, so every
 * architecture gets its FLOPs counted analytically as it is built (2 FLOPs per multiply-add, weighted layers only).
 * Each weighted operation starts a new {@link Layer}; what follows it (normalisation, activation, pooling) joins it.
 */
final class NetBuilder {

    private final SequentialBlock block = new SequentialBlock();
    private final int groups;
    private final String prefix;
    private final List<Layer> layers = new ArrayList<>();
    private long[] shape;
    private long flops;
    private int depth;
    private String openName;
    private int openStart;
    private long openFlops;

    /** Starts from a per-sample input shape: {@code [C, H, W]} or {@code [F]}. */
    NetBuilder(long[] inputShape) {
        this(inputShape, 1, "");
    }

    /**
     * A builder whose {@code group} normalisation uses {@code groups} groups; {@code prefix} names where it sits
     * (e.g. {@code "residual block 3, "}) in error messages.
     */
    NetBuilder(long[] inputShape, int groups, String prefix) {
        this.shape = inputShape.clone();
        this.groups = groups;
        this.prefix = prefix;
    }

    int groups() {
        return groups;
    }

    int depth() {
        return depth;
    }

    /** The layers so far, the last one closed at the current end. */
    List<Layer> layers() {
        List<Layer> all = new ArrayList<>(layers);
        if (openName != null) {
            all.add(new Layer(openName, openStart, block.getChildren().size(), openFlops));
        }
        return all;
    }

    /** Closes the open layer and opens one named {@code name}; the first layer also takes any leading blocks. */
    private void startLayer(String name, long layerFlops) {
        int here = block.getChildren().size();
        if (openName != null) {
            layers.add(new Layer(openName, openStart, here, openFlops));
            openStart = here;
        }
        openName = name;
        openFlops = layerFlops;
    }

    long[] shape() {
        return shape.clone();
    }

    long flops() {
        return flops;
    }

    SequentialBlock block() {
        return block;
    }

    int channels() {
        return (int) shape[0];
    }

    int spatial() {
        return (int) shape[1];
    }

    NetBuilder flatten() {
        if (shape.length != 1) {
            block.add(Blocks.batchFlattenBlock());
            shape = new long[] {Arrays.stream(shape).reduce(1, (a, b) -> a * b)};
        }
        return this;
    }

    NetBuilder linear(int units) {
        flatten();
        flops += 2L * shape[0] * units;
        startLayer("linear " + units, 2L * shape[0] * units);
        depth++;
        block.add(Linear.builder().setUnits(units).build());
        shape = new long[] {units};
        return this;
    }

    /** A 2-D convolution with square kernel; {@code groups == in channels} makes it depthwise. */
    NetBuilder conv(int filters, int kernel, int stride, int padding, int groups) {
        requireImage("a convolution");
        long in = shape[0];
        long outH = (shape[1] + 2L * padding - kernel) / stride + 1;
        long outW = (shape[2] + 2L * padding - kernel) / stride + 1;
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("a " + kernel + "x" + kernel + " convolution does not fit a "
                    + shape[1] + "x" + shape[2] + " input");
        }
        long convFlops = 2L * (in / groups) * kernel * kernel * filters * outH * outW;
        flops += convFlops;
        startLayer((groups > 1 && groups == in ? "depthwise conv " : "conv ") + filters + " (" + kernel + "x" + kernel
                + ")", convFlops);
        depth++;
        block.add(Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding))
                .optGroups(groups).build());
        shape = new long[] {filters, outH, outW};
        return this;
    }

    NetBuilder avgPool(int size) {
        requireImage("pooling");
        block.add(Pool.avgPool2dBlock(new Shape(size, size), new Shape(size, size)));
        shape = new long[] {shape[0], shape[1] / size, shape[2] / size};
        return this;
    }

    NetBuilder maxPool(int size) {
        requireImage("pooling");
        block.add(Pool.maxPool2dBlock(new Shape(size, size), new Shape(size, size)));
        shape = new long[] {shape[0], shape[1] / size, shape[2] / size};
        return this;
    }

    NetBuilder globalAvgPool() {
        requireImage("global pooling");
        block.add(Pool.globalAvgPool2dBlock());
        shape = new long[] {shape[0]};
        return this;
    }

    NetBuilder activation(dev.verdant.spec.Activation name) {
        block.add(activationBlock(name));
        return this;
    }

    NetBuilder norm(Norm kind) {
        switch (kind) {
            case NONE -> { }
            case BATCH -> block.add(BatchNorm.builder().build());
            case LAYER -> block.add(LayerNorm.builder().axis(normalisedAxes()).build());
            case GROUP -> {
                if (shape[0] % groups != 0) {
                    throw new SpecException("model.groups", groups + " groups do not divide the " + shape[0]
                            + " channels of " + prefix + "layer " + (layers.size() + 1) + " (" + openName
                            + "); choose groups that divide every layer's width");
                }
                block.add(new GroupNorm(groups));
            }
        }
        return this;
    }

    NetBuilder dropout(double rate) {
        if (rate > 0) {
            block.add(Dropout.builder().optRate((float) rate).build());
        }
        return this;
    }

    /**
     * Adds {@code relu(branch(x) + shortcut(x))}; both builders must start from this builder's shape and end on the same shape.
     */
    NetBuilder residual(NetBuilder branch, NetBuilder shortcut, dev.verdant.spec.Activation activation) {
        if (!Arrays.equals(branch.shape, shortcut.shape)) {
            throw new IllegalStateException("residual branch ends at " + Arrays.toString(branch.shape)
                    + " but the shortcut at " + Arrays.toString(shortcut.shape));
        }
        Block shortcutBlock = shortcut.block.getChildren().isEmpty() ? Blocks.identityBlock() : shortcut.block;
        startLayer("residual " + branch.shape[0], branch.flops + shortcut.flops);
        block.add(new ResidualBlock(branch.block, shortcutBlock, branch.flops, branch.depth));
        flops += branch.flops + shortcut.flops;
        depth += branch.depth;
        shape = branch.shape;
        return activation(activation);
    }

    /** Axes LayerNorm normalises over: all per-sample axes (features, or channels x height x width). */
    private int[] normalisedAxes() {
        return shape.length == 1 ? new int[] {1} : new int[] {1, 2, 3};
    }

    private void requireImage(String what) {
        if (shape.length != 3) {
            throw new IllegalArgumentException(what + " needs image input [C, H, W], but the data has shape "
                    + Arrays.toString(shape));
        }
    }

    static Block activationBlock(dev.verdant.spec.Activation name) {
        return switch (name) {
            case RELU -> Activation.reluBlock();
            case TANH -> Activation.tanhBlock();
            case SIGMOID -> Activation.sigmoidBlock();
            case GELU -> Activation.geluBlock();
        };
    }
}
