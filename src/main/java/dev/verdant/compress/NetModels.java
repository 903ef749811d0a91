package dev.verdant.compress;

import ai.djl.ndarray.NDArray;
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
import ai.djl.nn.pooling.Pool;
import dev.verdant.model.Batches;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts between DJL blocks and {@link Net}s: reads a trained block's layers and weights, and builds a fresh
 * block for a net whose parameters, once initialised, are overwritten with the net's values. Parameters are
 * matched by order, which DJL keeps stable (children in order; weight before bias; gamma, beta, running mean,
 * running variance).
 */
final class NetModels {

    private NetModels() {
    }

    /**
     * Reads an initialised block built by {@code dev.verdant.model.Architectures} (a sequence of linear layers,
     * convolutions, normalisation, activations, pooling, dropout and residual blocks).
     *
     * @param dropoutRate the rate of its dropout layers (DJL does not expose it)
     * @throws CompressionException naming a layer this pipeline cannot read
     */
    static Net read(Block block, long[] inputShape, int classes, double dropoutRate) {
        List<Layer> layers = new ArrayList<>();
        readInto(block, inputShape, dropoutRate, layers);
        return new Net(layers, inputShape, classes, false);
    }

    private static long[] readInto(Block block, long[] shape, double dropoutRate, List<Layer> out) {
        if (block instanceof SequentialBlock seq) {
            long[] s = shape;
            for (Block child : seq.getChildren().values()) {
                s = readInto(child, s, dropoutRate, out);
            }
            return s;
        }
        Layer layer = readOne(block, shape, dropoutRate);
        out.add(layer);
        return Net.shapeAfter(layer, shape);
    }

    private static Layer readOne(Block block, long[] shape, double dropoutRate) {
        Map<String, Parameter> p = ownParameters(block);
        if (block instanceof Linear) {
            Shape w = p.get("weight").getShape();
            return new Layer.Dense((int) w.get(1), (int) w.get(0), values(p.get("weight")), values(p.get("bias")),
                    null);
        }
        if (block instanceof Conv2d c) {
            if (c.getKernelShape().get(0) != c.getKernelShape().get(1) || c.getDilation().get(0) != 1) {
                throw new CompressionException("cannot compress a convolution with a non-square kernel or dilation");
            }
            return new Layer.Conv((int) shape[0], c.getFilters(), (int) c.getKernelShape().get(0),
                    (int) c.getStride().get(0), (int) c.getPadding().get(0), c.getGroups(), values(p.get("weight")),
                    values(p.get("bias")), null);
        }
        if (block instanceof ai.djl.nn.norm.BatchNorm) {
            return new Layer.BatchNorm((int) shape[0], values(p.get("gamma")), values(p.get("beta")),
                    values(p.get("runningMean")), values(p.get("runningVar")));
        }
        if (block instanceof ai.djl.nn.norm.LayerNorm) {
            return new Layer.LayerNorm(shape, values(p.get("gamma")), values(p.get("beta")));
        }
        if (block instanceof ai.djl.nn.norm.Dropout) {
            return new Layer.Dropout(dropoutRate);
        }
        if (block instanceof ParallelBlock par) {
            List<Block> children = par.getChildren().values();
            if (children.size() != 2) {
                throw new CompressionException("cannot compress a parallel block of " + children.size()
                        + " branches; only residual blocks (branch + shortcut) are understood");
            }
            List<Layer> branch = new ArrayList<>();
            readInto(children.get(0), shape, dropoutRate, branch);
            List<Layer> shortcut = new ArrayList<>();
            if (!(children.get(1) instanceof LambdaBlock id && "identity".equals(id.getName()))) {
                readInto(children.get(1), shape, dropoutRate, shortcut);
            }
            return new Layer.Residual(branch, shortcut);
        }
        if (block instanceof LambdaBlock lambda) {
            String name = lambda.getName().toLowerCase(Locale.ROOT);
            switch (name) {
                case "relu", "tanh", "sigmoid", "gelu" -> {
                    return new Layer.Activation(name);
                }
                case "batchflatten" -> {
                    return new Layer.Flatten();
                }
                case "globalavgpool2d" -> {
                    return new Layer.GlobalAvgPool();
                }
                default -> {
                    if (name.contains("pool2d")) {
                        long outH = lambda.getOutputShapes(new Shape[] {Batches.withBatch(1, shape)})[0].get(2);
                        return new Layer.Pool(name.contains("max") ? "max" : "avg", (int) (shape[1] / outH));
                    }
                }
            }
            throw new CompressionException("cannot compress a network with the layer '" + lambda.getName() + "'");
        }
        throw new CompressionException("cannot compress a network with a " + block.getClass().getSimpleName()
                + " layer");
    }

    /** A fresh, uninitialised DJL block for {@code layers}. */
    static SequentialBlock build(List<Layer> layers) {
        SequentialBlock seq = new SequentialBlock();
        for (Layer l : layers) {
            seq.add(build(l));
        }
        return seq;
    }

    private static Block build(Layer l) {
        if (l instanceof Layer.Dense d) {
            return Linear.builder().setUnits(d.out()).optBias(d.bias() != null).build();
        } else if (l instanceof Layer.Conv c) {
            return Conv2d.builder().setFilters(c.out()).setKernelShape(new Shape(c.kernel(), c.kernel()))
                    .optStride(new Shape(c.stride(), c.stride())).optPadding(new Shape(c.padding(), c.padding()))
                    .optGroups(c.groups()).optBias(c.bias() != null).build();
        } else if (l instanceof Layer.BatchNorm) {
            return ai.djl.nn.norm.BatchNorm.builder().build();
        } else if (l instanceof Layer.LayerNorm n) {
            return ai.djl.nn.norm.LayerNorm.builder().axis(n.shape().length == 1 ? new int[] {1} : new int[] {1, 2, 3})
                    .build();
        } else if (l instanceof Layer.Activation a) {
            return switch (a.name()) {
                case "relu" -> Activation.reluBlock();
                case "tanh" -> Activation.tanhBlock();
                case "sigmoid" -> Activation.sigmoidBlock();
                case "gelu" -> Activation.geluBlock();
                default -> throw new CompressionException("unknown activation '" + a.name() + "'");
            };
        } else if (l instanceof Layer.Dropout d) {
            return ai.djl.nn.norm.Dropout.builder().optRate((float) d.rate()).build();
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
            Block shortcut = r.shortcut().isEmpty() ? Blocks.identityBlock() : build(r.shortcut());
            return new ParallelBlock(outs -> new NDList(outs.get(0).singletonOrThrow()
                    .add(outs.get(1).singletonOrThrow())), List.of(build(r.branch()), shortcut));
        }
        throw new IllegalStateException("no block for " + l);
    }

    /** The parameter arrays of one (non-residual) layer, in DJL's parameter order. */
    static List<float[]> arrays(Layer l) {
        List<float[]> out = new ArrayList<>(4);
        if (l instanceof Layer.Dense d) {
            out.add(d.weight());
            addIfPresent(out, d.bias());
        } else if (l instanceof Layer.Conv c) {
            out.add(c.weight());
            addIfPresent(out, c.bias());
        } else if (l instanceof Layer.BatchNorm b) {
            out.addAll(List.of(b.gamma(), b.beta(), b.mean(), b.var()));
        } else if (l instanceof Layer.LayerNorm n) {
            out.addAll(List.of(n.gamma(), n.beta()));
        }
        return out;
    }

    /** Every parameter array of the net, in DJL's parameter order. */
    static List<float[]> allArrays(List<Layer> layers) {
        List<float[]> out = new ArrayList<>();
        Net.visit(layers, l -> out.addAll(arrays(l)));
        return out;
    }

    /** Overwrites an initialised block's parameters with the net's values. */
    static void copyInto(List<Layer> layers, Block block) {
        List<float[]> values = allArrays(layers);
        List<Parameter> params = block.getParameters().values();
        if (values.size() != params.size()) {
            throw new IllegalStateException("the block has " + params.size() + " parameters, the net "
                    + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            NDArray a = params.get(i).getArray();
            if (a.size() != values.get(i).length) {
                throw new IllegalStateException("parameter " + params.get(i).getName() + " has " + a.size()
                        + " values, the net " + values.get(i).length);
            }
            a.set(values.get(i));
        }
    }

    /** The net's layers with the block's current parameter values (after fine-tuning); quantisation is dropped. */
    static List<Layer> readValues(List<Layer> layers, Block block) {
        Iterator<Parameter> it = block.getParameters().values().iterator();
        return replaceArrays(layers, () -> it.next().getArray().toFloatArray());
    }

    /** The layers with each parameter array replaced by the next from {@code next}, in DJL order. */
    static List<Layer> replaceArrays(List<Layer> layers, java.util.function.Supplier<float[]> next) {
        List<Layer> out = new ArrayList<>(layers.size());
        for (Layer l : layers) {
            if (l instanceof Layer.Dense d) {
                out.add(new Layer.Dense(d.in(), d.out(), next.get(), d.bias() == null ? null : next.get(), null));
            } else if (l instanceof Layer.Conv c) {
                out.add(new Layer.Conv(c.in(), c.out(), c.kernel(), c.stride(), c.padding(), c.groups(), next.get(),
                        c.bias() == null ? null : next.get(), null));
            } else if (l instanceof Layer.BatchNorm b) {
                out.add(new Layer.BatchNorm(b.channels(), next.get(), next.get(), next.get(), next.get()));
            } else if (l instanceof Layer.LayerNorm n) {
                out.add(new Layer.LayerNorm(n.shape(), next.get(), next.get()));
            } else if (l instanceof Layer.Residual r) {
                List<Layer> branch = replaceArrays(r.branch(), next);
                out.add(new Layer.Residual(branch, replaceArrays(r.shortcut(), next)));
            } else {
                out.add(l);
            }
        }
        return out;
    }

    private static void addIfPresent(List<float[]> out, float[] a) {
        if (a != null) {
            out.add(a);
        }
    }

    private static Map<String, Parameter> ownParameters(Block block) {
        Map<String, Parameter> m = new java.util.HashMap<>();
        for (var pair : block.getDirectParameters()) {
            m.put(pair.getKey(), pair.getValue());
        }
        return m;
    }

    private static float[] values(Parameter p) {
        return p == null ? null : p.getArray().toFloatArray();
    }
}
