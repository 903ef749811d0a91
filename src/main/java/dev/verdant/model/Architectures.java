package dev.verdant.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.verdant.spec.Activation;
import dev.verdant.spec.Architecture;
import dev.verdant.spec.ModelSpec;
import dev.verdant.spec.Norm;
import dev.verdant.spec.SpecException;

import java.util.Arrays;

/**
 * Describes the architectures a spec can name ({@link #describe}: spec -> {@link Net}) and builds them
 * ({@link #build}: description -> DJL block through {@link NetBlocks}), adapted to the dataset's input shape and class count:
 * {@code mlp}, {@code lenet5} (LeCun et al. 1998), {@code dscnn} (depthwise-separable blocks as in
 * MobileNet, Howard et al. 2017) and {@code resnet} (CIFAR-style basic blocks, He et al. 2016).
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
        };
        return new Described(new Net(b.layers(), inputShape, numClasses), summary);
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
            b.linear(units).norm(s.norm()).activation(s.activation()).dropout(s.dropout());
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
            b.conv(6, 5, 1, Math.max(0, (32 - size) / 2), 1).norm(s.norm()).activation(s.activation()).avgPool(2);
            b.conv(16, 5, 1, 0, 1).norm(s.norm()).activation(s.activation()).avgPool(2);
        } else {
            b.conv(6, 3, 1, 1, 1).norm(s.norm()).activation(s.activation()).avgPool(2);
            b.conv(16, 3, 1, 1, 1).norm(s.norm()).activation(s.activation());
            if (b.spatial() >= 4) {
                b.avgPool(2);
            }
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

    private static int scaled(int channels, double width) {
        return Math.max(1, (int) Math.round(channels * width));
    }
}
