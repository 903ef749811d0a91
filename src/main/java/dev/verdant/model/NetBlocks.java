package dev.verdant.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The one builder from a network description to a DJL block, and the way values travel between them. The block is a
 * {@link SequentialBlock} with exactly one child per description entry (a residual entry becomes a
 * {@link ResidualBlock} whose branch and shortcut are built the same way), so top-level positions in the
 * description are child positions in the block. Values are matched to parameters by walking the description in
 * order alongside the block's parameters, which DJL keeps in a stable order (children in order; weight before bias;
 * gamma, beta, running mean, running variance); nothing here looks at a block's class.
 */
public final class NetBlocks {

    private NetBlocks() {
    }

    /**
     * A fresh, uninitialised block for {@code net}; an {@link ExitSequence} when it has early exits (their heads'
     * logits become extra outputs while training).
     */
    public static SequentialBlock build(Net net) {
        return build(net.layers(), net.inputShape(), net.hasExits() ? new ExitSequence() : new SequentialBlock());
    }

    private static SequentialBlock build(List<Layer> layers, long[] input) {
        return build(layers, input, new SequentialBlock());
    }

    private static SequentialBlock build(List<Layer> layers, long[] input, SequentialBlock seq) {
        long[] s = input;
        for (Layer l : layers) {
            seq.add(block(l, s));
            s = Net.shapeAfter(l, s);
        }
        return seq;
    }

    /** The block of one entry, which receives per-sample shape {@code in}. */
    static Block block(Layer l, long[] in) {
        if (l instanceof Layer.Dense d) {
            return Linear.builder().setUnits(d.out()).optBias(d.biased()).build();
        } else if (l instanceof Layer.Conv c) {
            return Conv2d.builder().setFilters(c.out()).setKernelShape(new Shape(c.kernel(), c.kernel()))
                    .optStride(new Shape(c.stride(), c.stride())).optPadding(new Shape(c.padding(), c.padding()))
                    .optGroups(c.groups()).optBias(c.biased()).build();
        } else if (l instanceof Layer.BatchNorm) {
            return BatchNorm.builder().build();
        } else if (l instanceof Layer.LayerNorm n) {
            // The normalised shape is the input's trailing axes (axis 0 is the batch).
            int[] axes = new int[n.shape().length];
            for (int k = 0; k < axes.length; k++) {
                axes[k] = in.length - axes.length + 1 + k;
            }
            return LayerNorm.builder().axis(axes).build();
        } else if (l instanceof Layer.GroupNorm g) {
            return new GroupNormBlock(g.groups());
        } else if (l instanceof Layer.Activation a) {
            return switch (a.name()) {
                case "relu" -> Activation.reluBlock();
                case "tanh" -> Activation.tanhBlock();
                case "sigmoid" -> Activation.sigmoidBlock();
                case "gelu" -> Activation.geluBlock();
                default -> throw new IllegalArgumentException("unknown activation '" + a.name() + "'");
            };
        } else if (l instanceof Layer.Dropout d) {
            return Dropout.builder().optRate((float) d.rate()).build();
        } else if (l instanceof Layer.Pool p) {
            Shape window = new Shape(p.size(), p.size());
            return "max".equals(p.kind()) ? Pool.maxPool2dBlock(window, window) : Pool.avgPool2dBlock(window, window);
        } else if (l instanceof Layer.GlobalAvgPool) {
            return Pool.globalAvgPool2dBlock();
        } else if (l instanceof Layer.Flatten) {
            return Blocks.batchFlattenBlock();
        } else if (l instanceof Layer.ActQuant q) {
            float limit = (1 << (q.bits() - 1)) - 1;
            float scale = q.scale();
            return LambdaBlock.singleton(x -> x.div(scale).round().clip(-limit, limit).mul(scale), "actQuant");
        } else if (l instanceof Layer.Probe p) {
            return LambdaBlock.singleton(x -> {
                p.maxAbs()[0] = Math.max(p.maxAbs()[0], x.abs().max().getFloat());
                return x;
            }, "probe");
        } else if (l instanceof Layer.Residual r) {
            Block shortcut = r.shortcut().isEmpty() ? Blocks.identityBlock() : build(r.shortcut(), in);
            return new ResidualBlock(build(r.branch(), in), shortcut);
        } else if (l instanceof Layer.Concat c) {
            List<Block> branches = new ArrayList<>();
            for (List<Layer> branch : c.branches()) {
                branches.add(branch.isEmpty() ? Blocks.identityBlock() : build(branch, in));
            }
            return new ParallelBlock(outs -> {
                NDList heads = new NDList(outs.size());
                for (NDList o : outs) {
                    heads.add(o.singletonOrThrow());
                }
                return new NDList(NDArrays.concat(heads, 1));
            }, branches);
        } else if (l instanceof Layer.SqueezeExcite se) {
            return new SqueezeExciteBlock(build(se.gate(), in));
        } else if (l instanceof Layer.Exit e) {
            return new ExitBlock(build(e.head(), in));
        } else if (l instanceof Layer.ChannelShuffle c) {
            int groups = c.groups();
            return LambdaBlock.singleton(x -> shuffle(x, groups), "channelShuffle");
        } else if (l instanceof Layer.Tokens) {
            return LambdaBlock.singleton(x -> {
                Shape s = x.getShape();
                return x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).transpose(0, 2, 1);
            }, "tokens");
        } else if (l instanceof Layer.PositionEmbedding p) {
            return new PositionEmbeddingBlock(p.tokens(), p.dim());
        } else if (l instanceof Layer.Attend a) {
            return LambdaBlock.singleton(x -> Attention.attend(x, a.heads(), a.linear()), "attention");
        } else if (l instanceof Layer.TokenPool) {
            return LambdaBlock.singleton(x -> x.mean(new int[] {1}), "tokenPool");
        }
        throw new IllegalStateException("no block for " + l);
    }

    /** ShuffleNet's channel shuffle of {@code [B, C, H, W]}: {@code [B, g, C/g, H, W]} transposed to {@code [B, C/g, g, H, W]}. */
    static NDArray shuffle(NDArray x, int groups) {
        Shape s = x.getShape();
        long c = s.get(1);
        return x.reshape(s.get(0), groups, c / groups, s.get(2), s.get(3)).transpose(0, 2, 1, 3, 4)
                .reshape(s.get(0), c, s.get(2), s.get(3));
    }

    /** Every parameter array of the layers in DJL's parameter order (null entries where values are absent). */
    public static List<float[]> allArrays(List<Layer> layers) {
        List<float[]> out = new ArrayList<>();
        Net.visit(layers, l -> out.addAll(l.arrays()));
        return out;
    }

    /**
     * Overwrites an initialised block's parameters with the description's values; parameters whose values the
     * description lacks keep their initialisation.
     *
     * @throws IllegalStateException if the block does not have the description's parameters
     */
    public static void copyInto(Net net, Block block) {
        List<float[]> values = allArrays(net.layers());
        List<Parameter> params = block.getParameters().values();
        if (values.size() != params.size()) {
            throw new IllegalStateException("the block has " + params.size() + " parameters, the description "
                    + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                continue;
            }
            NDArray a = params.get(i).getArray();
            if (a.size() != values.get(i).length) {
                throw new IllegalStateException("parameter " + params.get(i).getName() + " has " + a.size()
                        + " values, the description " + values.get(i).length);
            }
            overwrite(a, values.get(i));
        }
    }

    /**
     * Overwrites a parameter's values, keeping whether it takes a gradient. A fresh array is swapped in ({@code intern})
     * rather than written with {@code NDArray.set}: DJL's set runs under libtorch's deprecated
     * {@code AutoNonVariableTypeMode}, which prints a long warning on the user's terminal.
     *
     * @throws IllegalArgumentException if the sizes differ
     */
    public static void overwrite(NDArray target, float[] values) {
        if (target.size() != values.length) {
            throw new IllegalArgumentException("the array has " + target.size() + " values, not " + values.length);
        }
        boolean gradient = target.hasGradient();
        // an array created from Java values borrows DJL's direct buffer, which is freed once that array is closed
        // (intern closes it): the swapped-in array is a copy that libtorch owns
        try (NDArray staged = target.getManager().create(values, target.getShape())) {
            NDArray fresh = staged.getDevice().equals(target.getDevice()) ? staged.duplicate()
                    : staged.toDevice(target.getDevice(), false);
            target.intern(fresh);
        }
        if (gradient) {
            target.setRequiresGradient(true);
        }
    }

    /** The description with the block's current parameter values (after training); quantisation is dropped. */
    public static Net readValues(Net net, Block block) {
        Iterator<Parameter> it = block.getParameters().values().iterator();
        return net.withLayers(readValues(net.layers(), it));
    }

    private static List<Layer> readValues(List<Layer> layers, Iterator<Parameter> it) {
        List<Layer> out = new ArrayList<>(layers.size());
        for (Layer l : layers) {
            if (!l.parts().isEmpty()) {
                List<List<Layer>> parts = new ArrayList<>();
                for (List<Layer> part : l.parts()) {
                    parts.add(readValues(part, it));
                }
                out.add(l.withParts(parts));
            } else if (l.arrayCount() > 0) {
                List<float[]> values = new ArrayList<>(l.arrayCount());
                for (int i = 0; i < l.arrayCount(); i++) {
                    values.add(it.next().getArray().toFloatArray());
                }
                out.add(l.withArrays(values));
            } else {
                out.add(l);
            }
        }
        return out;
    }

    /**
     * The parameters of {@code net}'s weighted layers in description order ({@link Net#weighted}), each the
     * layer's first parameter (its weight): for masks and initialisations that act on weights only.
     */
    public static List<Parameter> weights(Net net, Block block) {
        List<Parameter> params = block.getParameters().values();
        List<Parameter> out = new ArrayList<>();
        int[] at = {0};
        Net.visit(net.layers(), l -> {
            if (l instanceof Layer.Dense || l instanceof Layer.Conv) {
                out.add(params.get(at[0]));
            }
            at[0] += l.arrayCount();
        });
        return out;
    }
}
