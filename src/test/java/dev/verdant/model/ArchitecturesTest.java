package dev.verdant.model;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.verdant.spec.ModelSpec;
import dev.verdant.spec.SpecException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchitecturesTest {

    private static final long[] DIGITS = {1, 8, 8};
    private static final long[] MNIST = {1, 28, 28};

    private static long initialisedParams(Network net) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = net.block();
            long[] dims = new long[net.inputShape().length + 1];
            dims[0] = 2;
            System.arraycopy(net.inputShape(), 0, dims, 1, net.inputShape().length);
            block.initialize(manager, DataType.FLOAT32, new Shape(dims));
            // a forward pass proves the shapes fit together
            var out = block.forward(new ai.djl.training.ParameterStore(manager, false),
                    new ai.djl.ndarray.NDList(manager.ones(new Shape(dims))), false);
            assertEquals(2, out.singletonOrThrow().getShape().get(0));
            long counted = Architectures.trainableParameters(block);
            assertEquals(counted, net.net().params(), "the description counts what the block holds");
            assertEquals(net.net().params(), NetBlocks.readValues(net.net(), block).params());
            return counted;
        }
    }

    @Test
    void mlp128x64OnDigitsHas17226Parameters() {
        Network net = Architectures.build(ModelSpec.defaults(), DIGITS, 10);
        // 64*128+128 + 128*64+64 + 64*10+10
        assertEquals(17_226, initialisedParams(net));
        // multiply-adds 64*128 + 128*64 + 64*10 = 17,024 -> 34,048 FLOPs
        assertEquals(34_048, net.flopsPerSample());
    }

    @Test
    void lenet5OnMnistMatchesTheClassicShape() {
        Network net = Architectures.build(ModelSpec.defaults().withArch("lenet5"), MNIST, 10);
        // conv1 6*(1*25)+6=156, conv2 16*(6*25)+16=2416, fc 400*120+120=48120, 120*84+84=10164, 84*10+10=850
        assertEquals(156 + 2_416 + 48_120 + 10_164 + 850, initialisedParams(net));
        long macs = 6L * 25 * 28 * 28 + 16L * 6 * 25 * 10 * 10 + 400 * 120 + 120 * 84 + 84 * 10;
        assertEquals(2 * macs, net.flopsPerSample());
    }

    @Test
    void lenet5AdaptsToSmallDigits() {
        Network net = Architectures.build(ModelSpec.defaults().withArch("lenet5"), DIGITS, 10);
        assertTrue(initialisedParams(net) > 0);
    }

    @Test
    void depthwiseSeparableBlockCostsOneOverNPlusOneNinthOfAStandardConv() {
        int in = 32;
        int n = 64;
        NetBuilder standard = new NetBuilder(new long[] {in, 16, 16});
        standard.conv(n, 3, 1, 1, 1);
        NetBuilder separable = new NetBuilder(new long[] {in, 16, 16});
        Architectures.depthwiseSeparable(separable, n, 1, dev.verdant.spec.Norm.NONE,
                dev.verdant.spec.Activation.RELU);
        // exact in integers: separable / standard == 1/N + 1/9  <=>  9 N separable == (9 + N) standard
        assertEquals((9L + n) * standard.flops(), 9L * n * separable.flops());
    }

    @Test
    void dscnnWidthMultiplierShrinksTheNetwork() {
        long full = initialisedParams(Architectures.build(ModelSpec.defaults().withArch("dscnn"), MNIST, 10));
        Network halfNet = Architectures.build(ModelSpec.defaults().withArch("dscnn").withWidth(0.5), MNIST, 10);
        long half = initialisedParams(halfNet);
        assertTrue(half < full / 3, half + " vs " + full);
    }

    @Test
    void resnetBuildsWithResidualShortcutsAtEveryDepth() {
        for (int depth : List.of(8, 14)) {
            Network net = Architectures.build(ModelSpec.defaults().withArch("resnet").withDepth(depth)
                    .withNorm("batch"), new long[] {3, 32, 32}, 10);
            assertTrue(initialisedParams(net) > 0);
        }
        long d8 = Architectures.build(ModelSpec.defaults().withArch("resnet").withDepth(8), MNIST, 10).flopsPerSample();
        long d14 = Architectures.build(ModelSpec.defaults().withArch("resnet").withDepth(14), MNIST, 10).flopsPerSample();
        assertTrue(d14 > d8);
    }

    @Test
    void convolutionalArchitecturesRefuseFeatureVectors() {
        SpecException e = assertThrows(SpecException.class,
                () -> Architectures.build(ModelSpec.defaults().withArch("resnet"), new long[] {2}, 2));
        assertEquals("model.arch", e.problems().get(0).field());
        assertTrue(e.getMessage().contains("use mlp"), e.getMessage());
    }

    @Test
    void everyArchitectureTrainsInAModel() {
        for (String arch : ModelSpec.ARCHS) {
            try (Model model = Model.newInstance(arch)) {
                model.setBlock(Architectures.build(ModelSpec.defaults().withArch(arch), DIGITS, 10).block());
                assertTrue(model.getBlock() != null);
            }
        }
    }

    @Test
    void theBlockHasOneChildPerDescriptionEntryAndUnitsPartitionThem() {
        for (String arch : ModelSpec.ARCHS) {
            Network net = Architectures.build(ModelSpec.defaults().withArch(arch).withNorm("batch").withDropout(0.1),
                    DIGITS, 10);
            int entries = net.net().layers().size();
            assertEquals(entries, net.block().getChildren().size(), arch);
            List<Unit> units = net.units();
            assertEquals(0, units.get(0).firstChild(), arch);
            assertEquals(entries, units.get(units.size() - 1).endChild(), arch);
            for (int i = 1; i < units.size(); i++) {
                assertEquals(units.get(i - 1).endChild(), units.get(i).firstChild(), arch);
            }
            assertEquals(net.flopsPerSample(), units.stream().mapToLong(Unit::flops).sum(), arch);
            assertEquals(net.net().residuals().size(), net.residualBlocks().size(), arch);
        }
        Network resnet = Architectures.build(ModelSpec.defaults().withArch("resnet").withDepth(14), DIGITS, 10);
        assertEquals(6, resnet.residualBlocks().size(), "two blocks per stage at depth 14");
        assertEquals(14, resnet.depth());
    }
}
