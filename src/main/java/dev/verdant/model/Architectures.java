package dev.verdant.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.verdant.spec.Activation;
import dev.verdant.spec.Architecture;
import dev.verdant.spec.ModelSpec;
import dev.verdant.spec.Norm;
import dev.verdant.spec.SpecException;

import dev.verdant.spec.AttentionKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Describes the architectures a spec can name ({@link #describe}: spec -> {@link Net}) and builds them
 * ({@link #build}: description -> DJL block through {@link NetBlocks}), adapted to the dataset's input shape and class count:
 * {@code mlp}, {@code lenet5} (LeCun et al. 1998), {@code dscnn} (depthwise-separable blocks as in
 * MobileNet, Howard et al. 2017) and {@code resnet} (CIFAR-style basic blocks, He et al. 2016), and the compact
 * gallery (small versions of each paper's network, sized by {@code channels} and {@code width} for 8-32 px images):
 * <ul>
 *   <li>{@code squeezenet}: fire modules, a 1x1 "squeeze" convolution feeding 1x1 and 3x3 "expand" convolutions
 *   whose outputs are concatenated (Iandola et al. 2016, "SqueezeNet: AlexNet-level accuracy with 50x fewer
 *   parameters and &lt;0.5MB model size"); the classifier is a 1x1 convolution to the classes, globally pooled.</li>
 *   <li>{@code mobilenetv2}: inverted residual blocks with linear bottlenecks, 1x1 expansion by {@code expansion},
 *   3x3 depthwise, 1x1 linear projection, residual where shapes allow (Sandler et al. 2018, "MobileNetV2: Inverted
 *   Residuals and Linear Bottlenecks"); {@code se: true} adds squeeze-and-excitation after the depthwise convolution
 *   (Hu et al. 2018, "Squeeze-and-Excitation Networks"). The spec's activation replaces ReLU6.</li>
 *   <li>{@code shufflenet}: units of a grouped 1x1 convolution, channel shuffle, 3x3 depthwise, grouped 1x1
 *   ({@code groups} groups); down-sampling units concatenate the average-pooled input (Zhang et al. 2018,
 *   "ShuffleNet: An Extremely Efficient Convolutional Neural Network for Mobile Devices").</li>
 *   <li>{@code ghostnet}: ghost bottlenecks of two ghost modules, each a 1x1 primary convolution to 1/s of the
 *   outputs plus cheap 3x3 depthwise "ghost" features for the rest ({@code ghostRatio} s), with optional
 *   squeeze-and-excitation (Han et al. 2020, "GhostNet: More Features from Cheap Operations").</li>
 *   <li>{@code vit-tiny}: patch embedding (a convolution with kernel and stride {@code patch}), a learned position
 *   embedding, {@code blocks} pre-norm transformer blocks of {@code heads}-head attention and a 2x MLP, mean-pooled
 *   tokens to a linear classifier (Dosovitskiy et al. 2021, "An Image is Worth 16x16 Words"); {@code attention:
 *   linear} uses linear attention (Katharopoulos et al. 2020, "Transformers are RNNs"). Always layer-normalised.</li>
 * </ul>
 * Each architecture marks its blocks, so {@code earlyExits.after} can place classifier heads after any of them.
 *
 * <p>One class on purpose: every architecture is a short recipe on the same {@link NetBuilder}, and reading them side
 * by side is how their sizes are compared and kept consistent.
 */
public final class Architectures {

    private Architectures() {
    }

    /**
     * Builds the network of {@code spec} for samples of {@code inputShape} ({@code [C, H, W]} or {@code [F]}):
     * its description and the DJL block built from it.
     *
     * @throws SpecException when the architecture cannot take this input (e.g. a CNN on 2-D points)
     */
    public static Network build(ModelSpec spec, long[] inputShape, int numClasses) {
        Described d = describeWithSummary(spec, inputShape, numClasses);
        return new Network(d.net(), NetBlocks.build(d.net()), d.summary());
    }

    /**
     * The description of {@code spec}'s network for samples of {@code inputShape}, without values.
     *
     * @throws SpecException when the architecture cannot take this input
     */
    public static Net describe(ModelSpec spec, long[] inputShape, int numClasses) {
        return describeWithSummary(spec, inputShape, numClasses).net();
    }

    private record Described(Net net, String summary) {
    }

    private static Described describeWithSummary(ModelSpec spec, long[] inputShape, int numClasses) {
        boolean image = inputShape.length == 3;
        if (!image && spec.arch() != Architecture.MLP) {
            throw new SpecException("model.arch", "'" + spec.arch() + "' needs image data [C, H, W], but this "
                    + "dataset has feature vectors of shape " + Arrays.toString(inputShape) + "; use mlp");
        }
        NetBuilder b = new NetBuilder(inputShape, spec.groups(), "");
        String summary = switch (spec.arch()) {
            case MLP -> mlp(b, spec, numClasses);
            case LENET5 -> lenet5(b, spec, numClasses);
            case DSCNN -> dscnn(b, spec, numClasses);
            case RESNET -> resnet(b, spec, numClasses);
            case SQUEEZENET -> squeezenet(b, spec, numClasses);
            case MOBILENETV2 -> mobilenetv2(b, spec, numClasses);
            case SHUFFLENET -> shufflenet(b, spec, numClasses);
            case GHOSTNET -> ghostnet(b, spec, numClasses);
            case VIT_TINY -> vitTiny(b, spec, numClasses);
        };
        List<Layer> layers = b.layers();
        if (spec.earlyExits() != null) {
            List<Integer> ends = b.blockEnds();
            List<Integer> positions = new ArrayList<>();
            for (int after : spec.earlyExits().after()) {
                if (after < 1 || after >= ends.size()) {
                    throw new SpecException("model.earlyExits.after", "block " + after + " does not exist before the "
                            + "last block: this " + spec.arch() + " has " + ends.size() + " blocks, so heads can go "
                            + "after blocks 1 to " + (ends.size() - 1));
                }
                positions.add(ends.get(after - 1));
            }
            layers = NetBuilder.withExits(layers, inputShape, positions, numClasses);
            summary += ", early exits after blocks " + spec.earlyExits().after();
        }
        return new Described(new Net(layers, inputShape, numClasses), summary);
    }

    /**
     * Trainable parameters of an initialised block (normalisation running statistics excluded). Frozen parameters
     * count too: freezing is a training schedule, not a smaller model.
     */
    public static long trainableParameters(Block block) {
        long n = 0;
        for (Parameter p : block.getParameters().values()) {
            boolean statistic = p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR;
            if (!statistic && p.isInitialized()) {
                n += p.getArray().size();
            }
        }
        return n;
    }

    private static String mlp(NetBuilder b, ModelSpec s, int classes) {
        b.flatten();
        for (int units : s.hidden()) {
            b.linear(units).norm(s.norm()).activation(s.activation()).dropout(s.dropout()).endBlock();
        }
        b.linear(classes);
        return "mlp " + b.shape()[0] + " <- " + s.hidden() + " <- input";
    }

    /**
     * LeNet-5: two convolutions (6 and 16 filters) with average pooling, then 120-84-classes.
     * 28x28 input is padded to LeNet's original 32x32 field; inputs below 28 px use 3x3 same-padded kernels.
     */
    private static String lenet5(NetBuilder b, ModelSpec s, int classes) {
        int size = b.spatial();
        if (size >= 28) {
            b.conv(6, 5, 1, Math.max(0, (32 - size) / 2), 1).norm(s.norm()).activation(s.activation()).avgPool(2)
                    .endBlock();
            b.conv(16, 5, 1, 0, 1).norm(s.norm()).activation(s.activation()).avgPool(2).endBlock();
        } else {
            b.conv(6, 3, 1, 1, 1).norm(s.norm()).activation(s.activation()).avgPool(2).endBlock();
            b.conv(16, 3, 1, 1, 1).norm(s.norm()).activation(s.activation());
            if (b.spatial() >= 4) {
                b.avgPool(2);
            }
            b.endBlock();
        }
        b.linear(120).activation(s.activation()).dropout(s.dropout());
        b.linear(84).activation(s.activation()).dropout(s.dropout());
        b.linear(classes);
        return "lenet5 conv6-conv16-fc120-fc84-fc" + classes;
    }

    /** A stem convolution, four depthwise-separable blocks (two with stride 2), global pooling, a classifier. */
    private static String dscnn(NetBuilder b, ModelSpec s, int classes) {
        int c = scaled(s.channels(), s.width());
        b.conv(c, 3, 1, 1, 1).norm(s.norm()).activation(s.activation());
        int[][] blocks = {{2, 1}, {4, 2}, {4, 1}, {8, 2}};
        for (int[] blk : blocks) {
            int out = c * blk[0];
            int stride = blk[1] == 2 && b.spatial() >= 4 ? 2 : 1;
            depthwiseSeparable(b, out, stride, s.norm(), s.activation());
            b.endBlock();
        }
        b.globalAvgPool().dropout(s.dropout()).linear(classes);
        return "dscnn width " + s.width() + ": stem " + c + ", 4 depthwise-separable blocks to " + (8 * c);
    }

    /** Depthwise 3x3 (one filter per channel), then pointwise 1x1 to {@code out} channels. */
    static void depthwiseSeparable(NetBuilder b, int out, int stride, Norm norm, Activation activation) {
        int in = b.channels();
        b.conv(in, 3, stride, 1, in).norm(norm).activation(activation);
        b.conv(out, 1, 1, 0, 1).norm(norm).activation(activation);
    }

    /** CIFAR-style ResNet of depth 6n+2: three stages of n basic blocks at c, 2c, 4c channels. */
    private static String resnet(NetBuilder b, ModelSpec s, int classes) {
        int n = (s.depth() - 2) / 6;
        int c = scaled(s.channels(), s.width());
        b.conv(c, 3, 1, 1, 1).norm(s.norm()).activation(s.activation());
        for (int stage = 0; stage < 3; stage++) {
            int out = c << stage;
            for (int i = 0; i < n; i++) {
                int stride = stage > 0 && i == 0 && b.spatial() >= 4 ? 2 : 1;
                basicBlock(b, out, stride, s.norm(), s.activation());
                b.endBlock();
            }
        }
        b.globalAvgPool().dropout(s.dropout()).linear(classes);
        return "resnet-" + s.depth() + " channels " + c + "-" + (2 * c) + "-" + (4 * c);
    }

    private static void basicBlock(NetBuilder b, int out, int stride, Norm norm, Activation activation) {
        String where = "residual block " + (b.units() + 1) + ", ";
        NetBuilder branch = new NetBuilder(b.shape(), b.groups(), where);
        branch.conv(out, 3, stride, 1, 1).norm(norm).activation(activation).conv(out, 3, 1, 1, 1).norm(norm);
        NetBuilder shortcut = new NetBuilder(b.shape(), b.groups(), where + "shortcut ");
        if (stride != 1 || b.channels() != out) {
            shortcut.conv(out, 1, stride, 0, 1).norm(norm);
        }
        b.residual(branch, shortcut, activation);
    }

    /**
     * SqueezeNet: a 3x3 stem to c channels, max pooling (images of 8 px or more), fire(c/2, c), fire(c/2, c), max
     * pooling again (8 px or more left), fire(c, 2c), dropout, a 1x1 convolution to the classes, global pooling.
     */
    private static String squeezenet(NetBuilder b, ModelSpec s, int classes) {
        int c = scaled(s.channels(), s.width());
        b.conv(c, 3, 1, 1, 1).norm(s.norm()).activation(s.activation());
        if (b.spatial() >= 8) {
            b.maxPool(2);
        }
        fire(b, Math.max(1, c / 2), c, s);
        fire(b, Math.max(1, c / 2), c, s);
        if (b.spatial() >= 8) {
            b.maxPool(2);
        }
        fire(b, c, 2 * c, s);
        b.dropout(s.dropout()).conv(classes, 1, 1, 0, 1).globalAvgPool();
        return "squeezenet width " + s.width() + ": stem " + c + ", 3 fire modules to " + (4 * c);
    }

    /** A fire module: 1x1 squeeze to {@code squeeze}, then 1x1 and 3x3 expand to {@code expand} each, concatenated. */
    private static void fire(NetBuilder b, int squeeze, int expand, ModelSpec s) {
        b.conv(squeeze, 1, 1, 0, 1).norm(s.norm()).activation(s.activation());
        NetBuilder e1 = b.branch("fire expand 1x1, ");
        e1.conv(expand, 1, 1, 0, 1).norm(s.norm()).activation(s.activation());
        NetBuilder e3 = b.branch("fire expand 3x3, ");
        e3.conv(expand, 3, 1, 1, 1).norm(s.norm()).activation(s.activation());
        b.concat(e1, e3).endBlock();
    }

    /**
     * MobileNetV2: a 3x3 stem to c, inverted residual blocks (t, out, repeats, stride) = (1, c, 1, 1), (t, 2c, 2, 2),
     * (t, 3c, 2, 2), a 1x1 convolution to 4c, global pooling, dropout, a classifier.
     */
    private static String mobilenetv2(NetBuilder b, ModelSpec s, int classes) {
        int c = scaled(s.channels(), s.width());
        int t = s.expansion();
        b.conv(c, 3, 1, 1, 1).norm(s.norm()).activation(s.activation());
        int[][] stages = {{1, c, 1, 1}, {t, 2 * c, 2, 2}, {t, 3 * c, 2, 2}};
        for (int[] st : stages) {
            for (int i = 0; i < st[2]; i++) {
                int stride = i == 0 && st[3] == 2 && b.spatial() >= 4 ? 2 : 1;
                invertedResidual(b, st[1], stride, st[0], s);
                b.endBlock();
            }
        }
        b.conv(4 * c, 1, 1, 0, 1).norm(s.norm()).activation(s.activation());
        b.globalAvgPool().dropout(s.dropout()).linear(classes);
        return "mobilenetv2 width " + s.width() + " expansion " + t + (s.se() ? " with SE" : "") + ": " + c + "-"
                + (2 * c) + "-" + (3 * c) + "-" + (4 * c);
    }

    /** 1x1 expansion by t (none when t is 1), 3x3 depthwise, optional SE, 1x1 linear projection; residual if shapes match. */
    private static void invertedResidual(NetBuilder b, int out, int stride, int t, ModelSpec s) {
        int in = b.channels();
        NetBuilder br = b.branch("inverted residual block " + (b.blockEnds().size() + 1) + ", ");
        if (t != 1) {
            br.conv(in * t, 1, 1, 0, 1).norm(s.norm()).activation(s.activation());
        }
        int hidden = br.channels();
        br.conv(hidden, 3, stride, 1, hidden).norm(s.norm()).activation(s.activation());
        if (s.se()) {
            br.squeezeExcite(4);
        }
        br.conv(out, 1, 1, 0, 1).norm(s.norm());
        if (stride == 1 && in == out) {
            b.residualLinear(br, b.branch("shortcut "));
        } else {
            b.append(br);
        }
    }

    /**
     * ShuffleNet: a 3x3 stem to c (rounded up to a multiple of g), two stages of a down-sampling unit and a residual
     * unit at widths w1 and w2 (multiples of 4g: about 2c and 4c), global pooling, dropout, a classifier.
     */
    private static String shufflenet(NetBuilder b, ModelSpec s, int classes) {
        int g = s.groups();
        int c = scaled(s.channels(), s.width());
        int stem = roundUp(c, g);
        b.conv(stem, 3, 1, 1, 1).norm(s.norm()).activation(s.activation());
        int w1 = roundUp(Math.max(2 * c, stem + g), 4 * g);
        int w2 = Math.max(roundUp(4 * c, 4 * g), w1 + 4 * g);
        for (int w : new int[] {w1, w2}) {
            shuffleUnit(b, w, true, g, s);
            b.endBlock();
            shuffleUnit(b, w, false, g, s);
            b.endBlock();
        }
        b.globalAvgPool().dropout(s.dropout()).linear(classes);
        return "shufflenet g=" + g + " width " + s.width() + ": " + stem + "-" + w1 + "-" + w2;
    }

    /**
     * A ShuffleNet unit to {@code out} channels, bottleneck out/4: grouped 1x1, shuffle, 3x3 depthwise (stride 2
     * when down-sampling an even size of 4 px or more), grouped 1x1. Down-sampling: concatenated with the
     * average-pooled input; otherwise added to it.
     */
    private static void shuffleUnit(NetBuilder b, int out, boolean down, int g, ModelSpec s) {
        int in = b.channels();
        int m = out / 4;
        boolean stride2 = down && b.spatial() >= 4 && b.spatial() % 2 == 0;
        NetBuilder br = b.branch("shuffle unit " + (b.blockEnds().size() + 1) + ", ");
        br.conv(m, 1, 1, 0, g).norm(s.norm()).activation(s.activation()).shuffle(g);
        br.conv(m, 3, stride2 ? 2 : 1, 1, m).norm(s.norm());
        br.conv(down ? out - in : out, 1, 1, 0, g).norm(s.norm());
        NetBuilder shortcut = b.branch("shortcut ");
        if (down) {
            if (stride2) {
                shortcut.avgPool(2);
            }
            b.concat(shortcut, br).activation(s.activation());
        } else {
            b.residual(br, shortcut, s.activation());
        }
    }

    /**
     * GhostNet: a 3x3 stem to c, ghost bottlenecks (expansion, out, stride) = (2c, c, 1), (3c, 2c, 2), (4c, 2c, 1),
     * (6c, 4c, 2), a 1x1 convolution to 6c, global pooling, dropout, a classifier.
     */
    private static String ghostnet(NetBuilder b, ModelSpec s, int classes) {
        int c = scaled(s.channels(), s.width());
        b.conv(c, 3, 1, 1, 1).norm(s.norm()).activation(s.activation());
        int[][] cfg = {{2 * c, c, 1}, {3 * c, 2 * c, 2}, {4 * c, 2 * c, 1}, {6 * c, 4 * c, 2}};
        for (int[] k : cfg) {
            ghostBottleneck(b, k[0], k[1], k[2] == 2 && b.spatial() >= 4 ? 2 : 1, s);
            b.endBlock();
        }
        b.conv(6 * c, 1, 1, 0, 1).norm(s.norm()).activation(s.activation());
        b.globalAvgPool().dropout(s.dropout()).linear(classes);
        return "ghostnet width " + s.width() + " ratio " + s.ghostRatio() + (s.se() ? " with SE" : "") + ": " + c
                + "-" + (4 * c) + "-" + (6 * c);
    }

    /** Ghost module (with activation), depthwise stride 2 if down-sampling, optional SE, ghost module (linear) + shortcut. */
    private static void ghostBottleneck(NetBuilder b, int expand, int out, int stride, ModelSpec s) {
        int in = b.channels();
        NetBuilder br = b.branch("ghost bottleneck " + (b.blockEnds().size() + 1) + ", ");
        ghostModule(br, expand, true, s);
        if (stride == 2) {
            br.conv(br.channels(), 3, 2, 1, br.channels()).norm(s.norm());
        }
        if (s.se()) {
            br.squeezeExcite(4);
        }
        ghostModule(br, out, false, s);
        int outC = br.channels();
        NetBuilder shortcut = b.branch("shortcut ");
        if (stride != 1 || in != outC) {
            shortcut.conv(in, 3, stride, 1, in).norm(s.norm()).conv(outC, 1, 1, 0, 1).norm(s.norm());
        }
        b.residualLinear(br, shortcut);
    }

    /**
     * A ghost module to {@code s * ceil(out / s)} channels: a 1x1 primary convolution to ceil(out / s), then 3x3
     * depthwise "ghost" features ({@code s - 1} per primary channel), concatenated after the primary ones.
     */
    static void ghostModule(NetBuilder b, int out, boolean relu, ModelSpec s) {
        int ratio = s.ghostRatio();
        int primary = (out + ratio - 1) / ratio;
        b.conv(primary, 1, 1, 0, 1).norm(s.norm());
        if (relu) {
            b.activation(s.activation());
        }
        NetBuilder cheap = b.branch("ghost features, ");
        cheap.conv(primary * (ratio - 1), 3, 1, 1, primary).norm(s.norm());
        if (relu) {
            cheap.activation(s.activation());
        }
        b.concat(b.branch("primary features, "), cheap);
    }

    /**
     * A tiny ViT: patch embedding to D = 2c (rounded up to a multiple of the heads), position embedding, transformer
     * blocks (pre-norm attention, pre-norm 2x MLP, each residual), layer norm, mean over tokens, a classifier.
     */
    private static String vitTiny(NetBuilder b, ModelSpec s, int classes) {
        int d = roundUp(scaled(2 * s.channels(), s.width()), s.heads());
        int p = s.patch();
        if (p > b.spatial()) {
            throw new SpecException("model.patch", "patch size " + p + " is larger than the " + b.spatial() + "x"
                    + b.spatial() + " images; choose a patch of at most " + b.spatial());
        }
        b.conv(d, p, p, 0, 1).tokens();
        boolean linear = s.attention() == AttentionKind.LINEAR;
        for (int k = 1; k <= s.blocks(); k++) {
            NetBuilder att = b.branch("transformer block " + k + " attention, ");
            att.tokenNorm().tokenLinear(3 * d).attend(s.heads(), linear).tokenLinear(d);
            b.residualLinear(att, b.branch("shortcut "));
            NetBuilder mlp = b.branch("transformer block " + k + " MLP, ");
            mlp.tokenNorm().tokenLinear(2 * d).activation(s.activation()).dropout(s.dropout()).tokenLinear(d);
            b.residualLinear(mlp, b.branch("shortcut "));
            b.endBlock();
        }
        b.tokenNorm().tokenPool().linear(classes);
        return "vit-tiny " + s.attention() + " attention: " + d + "-dim, " + s.blocks() + " blocks, "
                + s.heads() + " heads, patch " + p;
    }

    private static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    private static int scaled(int channels, double width) {
        return Math.max(1, (int) Math.round(channels * width));
    }
}
