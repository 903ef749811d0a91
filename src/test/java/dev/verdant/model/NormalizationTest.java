package dev.verdant.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import dev.verdant.spec.ModelSpec;
import dev.verdant.spec.SpecException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code model.norm}: the statistics of normalised activations, and where each architecture puts the layers. */
class NormalizationTest {

    /** Input with a different mean and scale per channel, so normalisation has something to undo. */
    private static NDArray skewed(NDManager m, long... shape) {
        NDArray x = m.randomNormal(new Shape(shape));
        long c = shape[1];
        NDArray offset = m.arange(0f, c).reshape(perChannel(shape));
        return x.mul(offset.add(1)).add(offset.mul(3));
    }

    private static long[] perChannel(long[] shape) {
        long[] s = new long[shape.length];
        java.util.Arrays.fill(s, 1);
        s[1] = shape[1];
        return s;
    }

    private static NDArray run(Block block, NDManager m, NDArray x, boolean training) {
        block.initialize(m, DataType.FLOAT32, x.getShape());
        return block.forward(new ParameterStore(m, false), new NDList(x), training).singletonOrThrow();
    }

    @Test
    void groupNormGivesEachGroupOfEachSampleZeroMeanAndUnitVariance() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = skewed(m, 3, 8, 5, 5);
            NDArray y = run(new GroupNormBlock(4), m, x, true).reshape(3, 4, -1);
            float[] mean = y.mean(new int[] {2}).toFloatArray();
            NDArray centred = y.sub(y.mean(new int[] {2}, true));
            float[] var = centred.square().mean(new int[] {2}).toFloatArray();
            for (int i = 0; i < mean.length; i++) {
                assertEquals(0, mean[i], 1e-4, "mean of sample/group " + i);
                assertEquals(1, var[i], 1e-3, "variance of sample/group " + i);
            }
        }
    }

    @Test
    void groupNormOnFeatureVectorsAndWithOneGroupPerChannel() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = run(new GroupNormBlock(2), m, skewed(m, 4, 6), true).reshape(4, 2, 3);
            assertEquals(0, y.mean(new int[] {2}).abs().max().getFloat(), 1e-4);
            // groups == channels is instance normalisation: each channel of each sample normalised alone
            NDArray z = run(new GroupNormBlock(8), m, skewed(m, 2, 8, 4, 4), true).reshape(2, 8, -1);
            NDArray c = z.sub(z.mean(new int[] {2}, true));
            assertEquals(1, c.square().mean(new int[] {2}).min().getFloat(), 1e-3);
        }
    }

    @Test
    void batchNormNormalisesEachChannelOverTheBatchInTraining() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = run(BatchNorm.builder().build(), m, skewed(m, 16, 4, 6, 6), true);
            NDArray perChannel = y.transpose(1, 0, 2, 3).reshape(4, -1);
            assertEquals(0, perChannel.mean(new int[] {1}).abs().max().getFloat(), 1e-4);
            NDArray c = perChannel.sub(perChannel.mean(new int[] {1}, true));
            float[] var = c.square().mean(new int[] {1}).toFloatArray();
            for (float v : var) {
                assertEquals(1, v, 1e-3);
            }
        }
    }

    @Test
    void groupNormIsPlacedAfterEveryConvolutionAndHiddenLinearLayer() {
        ModelSpec resnet = ModelSpec.defaults().withArch("resnet").withNorm("group").withChannels(8).withGroups(4);
        Network net = Architectures.build(resnet, new long[] {1, 16, 16}, 10);
        // stem conv + 2 per block * 3 blocks + 2 shortcut convs = 9 convolutions, each followed by a GroupNormBlock
        assertEquals(9, count(net.block(), GroupNormBlock.class));
        Network mlp = Architectures.build(ModelSpec.defaults().withNorm("group").withGroups(4), new long[] {64}, 10);
        assertEquals(2, count(mlp.block(), GroupNormBlock.class), "after each of the two hidden layers, not the output");
    }

    @Test
    void groupsThatDoNotDivideALayerAreRefusedNamingTheLayer() {
        ModelSpec lenet = ModelSpec.defaults().withArch("lenet5").withNorm("group").withGroups(4);
        SpecException e = assertThrows(SpecException.class,
                () -> Architectures.build(lenet, new long[] {1, 28, 28}, 10));
        assertEquals("model.groups", e.problems().get(0).field());
        assertTrue(e.getMessage().contains("6 channels of layer 1 (conv 6 (5x5))"), e.getMessage());
        ModelSpec resnet = ModelSpec.defaults().withArch("resnet").withNorm("group").withChannels(6).withGroups(4);
        SpecException r = assertThrows(SpecException.class,
                () -> Architectures.build(resnet, new long[] {1, 28, 28}, 10));
        assertTrue(r.getMessage().contains("6 channels of layer 1"), r.getMessage());
    }

    private static int count(Block block, Class<?> type) {
        int n = type.isInstance(block) ? 1 : 0;
        for (Block child : block.getChildren().values()) {
            n += count(child, type);
        }
        return n;
    }
}
