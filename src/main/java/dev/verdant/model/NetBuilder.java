package dev.verdant.model;

import dev.verdant.spec.Activation;
import dev.verdant.spec.Norm;
import dev.verdant.spec.SpecException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Appends layers to a network description while tracking the per-sample activation shape, so each architecture
 * is checked against its input as it is described (a kernel that does not fit, groups that do not divide a width).
 * FLOPs and parameters are then counted from the description ({@link Net}).
 */
final class NetBuilder {

    private final long[] input;
    private final int groups;
    private final String prefix;
    private final List<Layer> layers = new ArrayList<>();
    private long[] shape;
    private int units;
    private String openName;
    /** Layer counts at which the architecture's blocks end (where early-exit heads may go). */
    private final List<Integer> blockEnds = new ArrayList<>();

    /** Starts from a per-sample input shape: {@code [C, H, W]} or {@code [F]}. */
    NetBuilder(long[] inputShape) {
        this(inputShape, 1, "");
    }

    /**
     * A builder whose {@code group} normalisation uses {@code groups} groups; {@code prefix} names where it sits
     * (e.g. {@code "residual block 3, "}) in error messages.
     */
    NetBuilder(long[] inputShape, int groups, String prefix) {
        this.input = inputShape.clone();
        this.shape = inputShape.clone();
        this.groups = groups;
        this.prefix = prefix;
    }

    int groups() {
        return groups;
    }

    /** The layers so far. */
    List<Layer> layers() {
        return List.copyOf(layers);
    }

    /** Weighted units (linear, convolution, residual) so far. */
    int units() {
        return units;
    }

    long[] shape() {
        return shape.clone();
    }

    /** Forward FLOPs per sample of the layers so far. */
    long flops() {
        return Net.flops(layers, input);
    }

    int channels() {
        return (int) shape[0];
    }

    int spatial() {
        return (int) shape[1];
    }

    private NetBuilder add(Layer l) {
        layers.add(l);
        shape = Net.shapeAfter(l, shape);
        return this;
    }

    private void open(String name) {
        units++;
        openName = name;
    }

    NetBuilder flatten() {
        return shape.length == 1 ? this : add(new Layer.Flatten());
    }

    NetBuilder linear(int units) {
        flatten();
        open("linear " + units);
        return add(Layer.Dense.of((int) shape[0], units));
    }

    /** A 2-D convolution with square kernel; {@code groups == in channels} makes it depthwise. */
    NetBuilder conv(int filters, int kernel, int stride, int padding, int groups) {
        requireImage("a convolution");
        long outH = (shape[1] + 2L * padding - kernel) / stride + 1;
        long outW = (shape[2] + 2L * padding - kernel) / stride + 1;
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("a " + kernel + "x" + kernel + " convolution does not fit a "
                    + shape[1] + "x" + shape[2] + " input");
        }
        open((groups > 1 && groups == shape[0] ? "depthwise conv " : "conv ") + filters + " (" + kernel + "x"
                + kernel + ")");
        return add(Layer.Conv.of((int) shape[0], filters, kernel, stride, padding, groups));
    }

    NetBuilder avgPool(int size) {
        requireImage("pooling");
        return add(new Layer.Pool("avg", size));
    }

    NetBuilder maxPool(int size) {
        requireImage("pooling");
        return add(new Layer.Pool("max", size));
    }

    NetBuilder globalAvgPool() {
        requireImage("global pooling");
        return add(new Layer.GlobalAvgPool());
    }

    NetBuilder activation(Activation name) {
        return add(new Layer.Activation(name.label()));
    }

    NetBuilder norm(Norm kind) {
        switch (kind) {
            case NONE -> {
                return this;
            }
            case BATCH -> {
                return add(Layer.BatchNorm.of((int) shape[0]));
            }
            case LAYER -> {
                return add(Layer.LayerNorm.of(shape));
            }
            case GROUP -> {
                if (shape[0] % groups != 0) {
                    throw new SpecException("model.groups", groups + " groups do not divide the " + shape[0]
                            + " channels of " + prefix + "layer " + units + " (" + openName
                            + "); choose groups that divide every layer's width");
                }
                return add(Layer.GroupNorm.of((int) shape[0], groups));
            }
            default -> throw new IllegalArgumentException("unknown normalisation '" + kind + "'");
        }
    }

    /** Appends another builder's layers (started from this builder's shape) at this level. */
    NetBuilder append(NetBuilder other) {
        for (Layer l : other.layers) {
            add(l);
        }
        units += other.units;
        return this;
    }

    /** Marks the end of one of the architecture's blocks (numbered from 1 for {@code earlyExits.after}). */
    NetBuilder endBlock() {
        blockEnds.add(layers.size());
        return this;
    }

    /** Layer counts at each block's end, in order. */
    List<Integer> blockEnds() {
        return List.copyOf(blockEnds);
    }

    /** A linear layer on the last axis (each token of a sequence), without flattening. */
    NetBuilder tokenLinear(int outUnits) {
        open("linear " + outUnits);
        return add(Layer.Dense.of((int) shape[shape.length - 1], outUnits));
    }

    /** Layer normalisation over the last axis only (each token). */
    NetBuilder tokenNorm() {
        return add(Layer.LayerNorm.of(new long[] {shape[shape.length - 1]}));
    }

    /** An image's pixels as tokens {@code [H*W, C]}, plus a learned position embedding. */
    NetBuilder tokens() {
        requireImage("tokens");
        add(new Layer.Tokens());
        return add(Layer.PositionEmbedding.of((int) shape[0], (int) shape[1]));
    }

    NetBuilder attend(int heads, boolean linear) {
        return add(new Layer.Attend(heads, linear));
    }

    NetBuilder tokenPool() {
        return add(new Layer.TokenPool());
    }

    NetBuilder shuffle(int groups) {
        return add(new Layer.ChannelShuffle(groups));
    }

    /** A branch builder starting from this builder's shape (for residuals, concatenations, gates). */
    NetBuilder branch(String where) {
        return new NetBuilder(shape, groups, prefix + where);
    }

    /** Concatenates the branches' outputs along the channels; each started from {@link #branch}. */
    NetBuilder concat(NetBuilder... branches) {
        List<List<Layer>> parts = new ArrayList<>();
        for (NetBuilder b : branches) {
            parts.add(b.layers);
        }
        open("concat");
        return add(new Layer.Concat(parts));
    }

    /** Squeeze-and-excitation with reduction {@code r}: pooling, linear to C/r, relu, linear to C, sigmoid. */
    NetBuilder squeezeExcite(int r) {
        NetBuilder gate = branch("squeeze-excitation ");
        int c = channels();
        gate.globalAvgPool().linear(Math.max(1, c / r)).activation(Activation.RELU).linear(c);
        gate.add(new Layer.Activation("sigmoid"));
        return add(new Layer.SqueezeExcite(gate.layers));
    }

    /** Adds {@code branch(x) + shortcut(x)} with no activation after (a linear bottleneck). */
    NetBuilder residualLinear(NetBuilder branch, NetBuilder shortcut) {
        if (!Arrays.equals(branch.shape, shortcut.shape)) {
            throw new IllegalStateException("residual branch ends at " + Arrays.toString(branch.shape)
                    + " but the shortcut at " + Arrays.toString(shortcut.shape));
        }
        open("residual " + branch.shape[0]);
        return add(new Layer.Residual(branch.layers, shortcut.layers));
    }

    /** Inserts an early-exit head (pooling if needed, then a classifier) at layer position {@code at}. */
    static List<Layer> withExits(List<Layer> layers, long[] input, List<Integer> positions, int classes) {
        List<Layer> out = new ArrayList<>();
        long[] s = input;
        for (int i = 0; i <= layers.size(); i++) {
            if (positions.contains(i)) {
                NetBuilder head = new NetBuilder(s);
                if (s.length == 3) {
                    head.globalAvgPool();
                } else if (s.length == 2) {
                    head.tokenPool();
                }
                head.linear(classes);
                out.add(new Layer.Exit(head.layers));
            }
            if (i < layers.size()) {
                out.add(layers.get(i));
                s = Net.shapeAfter(layers.get(i), s);
            }
        }
        return out;
    }

    NetBuilder dropout(double rate) {
        return rate > 0 ? add(new Layer.Dropout(rate)) : this;
    }

    /** Adds {@code branch(x) + shortcut(x)} then the activation; both builders start from this builder's shape. */
    NetBuilder residual(NetBuilder branch, NetBuilder shortcut, Activation activation) {
        if (!Arrays.equals(branch.shape, shortcut.shape)) {
            throw new IllegalStateException("residual branch ends at " + Arrays.toString(branch.shape)
                    + " but the shortcut at " + Arrays.toString(shortcut.shape));
        }
        open("residual " + branch.shape[0]);
        add(new Layer.Residual(branch.layers, shortcut.layers));
        return activation(activation);
    }

    private void requireImage(String what) {
        if (shape.length != 3) {
            throw new IllegalArgumentException(what + " needs image input [C, H, W], but the data has shape "
                    + Arrays.toString(shape));
        }
    }
}
