package dev.verdant.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.verdant.spec.EarlyExitSpec;
import dev.verdant.spec.ModelSpec;
import dev.verdant.spec.SpecException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parameter and FLOP counts of the compact gallery against hand-computed values, one configuration each: the
 * built-in 8x8 digits (1 channel, 10 classes), no normalisation, base channels 4 (FLOPs = 2 x multiply-adds of linear
 * layers, convolutions and attention's matrix products). Each count is also checked against the initialised DJL
 * block, and a forward pass proves the shapes fit together.
 */
class CompactArchitecturesTest {

    private static final long[] DIGITS = {1, 8, 8};

    private static ModelSpec small(String arch) {
        return ModelSpec.defaults().withArch(arch).withChannels(4);
    }

    /** Initialises the block, runs a forward pass of 2 samples and returns the trainable parameters it holds. */
    private static long blockParams(Network net) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = net.block();
            long[] in = net.inputShape();
            Shape shape = new Shape(2, in[0], in[1], in[2]);
            block.initialize(manager, DataType.FLOAT32, shape);
            NDList out = block.forward(new ParameterStore(manager, false), new NDList(manager.ones(shape)), false);
            assertEquals(new Shape(2, 10), out.singletonOrThrow().getShape());
            net.net().checkShapes();
            assertEquals(net.net().params(), NetBlocks.readValues(net.net(), block).params());
            return Architectures.trainableParameters(block);
        }
    }

    @Test
    void squeezenetCountsMatchTheHandComputation() {
        Network net = Architectures.build(small("squeezenet"), DIGITS, 10);
        // stem 3x3 1->4: 4*9+4 = 40 params, 4*9*64 = 2304 MACs (8x8); max pool -> 4x4
        // fire(2, 4): squeeze 1x1 4->2: 10, 2*4*16 = 128; expand 1x1 2->4: 12, 128; expand 3x3 2->4: 76, 1152
        // fire(2, 4) on 8 channels: squeeze 8->2: 18, 256; expand 1x1: 12, 128; expand 3x3: 76, 1152
        // (4 px left: no second pool) fire(4, 8): squeeze 8->4: 36, 512; 1x1 4->8: 40, 512; 3x3 4->8: 296, 4608
        // classifier 1x1 16->10: 170, 2560; global pooling
        // params 40+10+12+76+18+12+76+36+40+296+170 = 786; MACs 13,440 -> 26,880 FLOPs
        assertEquals(786, net.net().params());
        assertEquals(786, blockParams(net));
        assertEquals(26_880, net.flopsPerSample());
    }

    @Test
    void mobilenetv2CountsMatchTheHandComputation() {
        Network net = Architectures.build(small("mobilenetv2").withExpansion(2), DIGITS, 10);
        // stem 3x3 1->4: 40, 2304 MACs
        // block 1 (t=1, 4, s1): dw 3x3 4: 40, 2304; project 4->4: 20, 1024; residual
        // block 2 (t=2, 8, s2): expand 4->8: 40, 2048 (8x8); dw 8 stride 2: 80, 1152 (4x4); project 8->8: 72, 1024
        // block 3 (t=2, 8, s1): expand 8->16: 144, 2048; dw 16: 160, 2304; project 16->8: 136, 2048; residual
        // block 4 (t=2, 12, s2): expand 8->16: 144, 2048; dw 16 s2: 160, 576 (2x2); project 16->12: 204, 768
        // block 5 (t=2, 12, s1): expand 12->24: 312, 1152; dw 24: 240, 864; project 24->12: 300, 1152; residual
        // last 1x1 12->16: 208, 768; global pooling; linear 16->10: 170, 160
        // params 2470; MACs 23,744 -> 47,488 FLOPs
        assertEquals(2_470, net.net().params());
        assertEquals(2_470, blockParams(net));
        assertEquals(47_488, net.flopsPerSample());
        assertEquals(3, net.net().residuals().size(), "blocks 1, 3 and 5 keep their shape: residual");
    }

    @Test
    void mobilenetv2WithSqueezeExcitationAddsEachGate() {
        Network plain = Architectures.build(small("mobilenetv2").withExpansion(2), DIGITS, 10);
        Network se = Architectures.build(small("mobilenetv2").withExpansion(2).withSe(true), DIGITS, 10);
        // a gate on h channels: linear h->h/4 and h/4->h with biases = 2*h*(h/4) + h/4 + h;
        // h = 4 (block 1), 8, 16, 16, 24: 4*1*2+1+4 = 13, 8*2*2+2+8 = 42, 16*4*2+4+16 = 148 (twice), 24*6*2+6+24 = 318
        assertEquals(2_470 + 13 + 42 + 148 + 148 + 318, se.net().params());
        assertEquals(se.net().params(), blockParams(se));
        // gate MACs: h*(h/4)*2 per block = 8 + 32 + 128 + 128 + 288 = 584 -> 1168 FLOPs
        assertEquals(plain.flopsPerSample() + 1_168, se.flopsPerSample());
    }

    @Test
    void shufflenetCountsMatchTheHandComputation() {
        Network net = Architectures.build(small("shufflenet").withGroups(2), DIGITS, 10);
        // g = 2, stem 4, w1 = 8, w2 = 16
        // stem 3x3 1->4: 40, 2304
        // unit 1 (down 4->8, m 2): gconv 4->2 g2: 2*2+2 = 6, 2*2*64 = 256; dw 2 s2: 20, 288 (4x4);
        //   gconv 2->4 g2: 4*1+4 = 8, 64; beside the average-pooled input (4 channels)
        // unit 2 (8, m 2): gconv 8->2: 10, 128; dw 2: 20, 288; gconv 2->8: 16, 128
        // unit 3 (down 8->16, m 4): gconv 8->4: 20, 256; dw 4 s2: 40, 144 (2x2); gconv 4->8: 24, 64
        // unit 4 (16, m 4): gconv 16->4: 36, 128; dw 4: 40, 144; gconv 4->16: 48, 128
        // linear 16->10: 170, 160; params 498; MACs 4480 -> 8960 FLOPs
        assertEquals(498, net.net().params());
        assertEquals(498, blockParams(net));
        assertEquals(8_960, net.flopsPerSample());
    }

    @Test
    void ghostnetCountsMatchTheHandComputation() {
        Network net = Architectures.build(small("ghostnet"), DIGITS, 10);
        // ratio 2: a ghost module to n channels = 1x1 primary to n/2 + depthwise 3x3 ghosts of those n/2
        // stem 3x3 1->4: 40, 2304
        // bottleneck 1 (8, 4, s1): primary 4->4: 20, 1024; ghosts dw 4: 40, 2304;
        //   primary 8->2: 18, 1024; ghosts dw 2: 20, 1152; identity shortcut
        // bottleneck 2 (12, 8, s2): primary 4->6: 30, 1536; ghosts dw 6: 60, 3456; dw 12 s2: 120, 1728 (4x4);
        //   primary 12->4: 52, 768; ghosts dw 4: 40, 576; shortcut dw 4 s2: 40, 576 + 1x1 4->8: 40, 512
        // bottleneck 3 (16, 8, s1): primary 8->8: 72, 1024; ghosts dw 8: 80, 1152; primary 16->4: 68, 1024;
        //   ghosts dw 4: 40, 576; identity shortcut
        // bottleneck 4 (24, 16, s2): primary 8->12: 108, 1536; ghosts dw 12: 120, 1728; dw 24 s2: 240, 864 (2x2);
        //   primary 24->8: 200, 768; ghosts dw 8: 80, 288; shortcut dw 8 s2: 80, 288 + 1x1 8->16: 144, 512
        // 1x1 16->24: 408, 1536; global pooling; linear 24->10: 250, 240
        // params 2410; MACs 28,496 -> 56,992 FLOPs
        assertEquals(2_410, net.net().params());
        assertEquals(2_410, blockParams(net));
        assertEquals(56_992, net.flopsPerSample());
    }

    @Test
    void vitTinyCountsMatchTheHandComputation() {
        ModelSpec spec = small("vit-tiny").withBlocks(1);
        Network softmax = Architectures.build(spec, DIGITS, 10);
        // D = 2 * 4 = 8, patch 4: 2x2 = 4 tokens
        // patch conv 4x4 stride 4 1->8: 8*16+8 = 136, 8*16*4 = 512 MACs; position embedding 4*8 = 32
        // attention: layer norm 16; linear 8->24: 216, 192*4 = 768; linear 8->8: 72, 256
        // MLP: layer norm 16; linear 8->16: 144, 512; linear 16->8: 136, 512
        // final layer norm 16; mean over tokens; linear 8->10: 90, 80
        // params 874; MACs without attention 2640 -> 5280 FLOPs
        // softmax attention, N = 4, D = 8: QK^T 4*4*8 + AV 4*4*8 = 256 MACs -> 512 FLOPs
        assertEquals(874, softmax.net().params());
        assertEquals(874, blockParams(softmax));
        assertEquals(5_280 + 512, softmax.flopsPerSample());
        // linear attention, 2 heads of d = 4: phi(K)^T V 4*8*4 + phi(Q)(..) 4*8*4 + normaliser 4*8 = 288 MACs -> 576
        Network linear = Architectures.build(spec.withAttention("linear"), DIGITS, 10);
        assertEquals(874, blockParams(linear), "linear attention has no parameters of its own either");
        assertEquals(5_280 + 576, linear.flopsPerSample());
    }

    @Test
    void attentionFlopsGrowLinearlyForLinearAttentionAndQuadraticallyForSoftmax() {
        long d = 32;
        int heads = 4;
        for (long n : new long[] {16, 49, 64}) {
            // doubling the patches doubles linear attention's cost and quadruples softmax attention's
            assertEquals(2 * Net.attentionFlops(n, d, heads, true), Net.attentionFlops(2 * n, d, heads, true));
            assertEquals(4 * Net.attentionFlops(n, d, heads, false), Net.attentionFlops(2 * n, d, heads, false));
        }
        // the same inside whole networks: 8x8, 16x16 and 32x32 images with patch 4 give 4, 16 and 64 patches
        int[] sizes = {8, 16, 32};
        long[] softmax = new long[3];
        long[] linear = new long[3];
        for (int i = 0; i < 3; i++) {
            long[] in = {1, sizes[i], sizes[i]};
            softmax[i] = attentionPart(Architectures.describe(small("vit-tiny"), in, 10));
            linear[i] = attentionPart(Architectures.describe(small("vit-tiny").withAttention("linear"), in, 10));
        }
        assertEquals(16 * softmax[0], softmax[1]);
        assertEquals(16 * softmax[1], softmax[2]);
        assertEquals(4 * linear[0], linear[1]);
        assertEquals(4 * linear[1], linear[2]);
        assertTrue(linear[2] < softmax[2], "at 64 patches linear attention is the cheaper");
    }

    /** FLOPs of the attention entries inside a network's residual branches, at the shapes they receive. */
    private static long attentionPart(Net net) {
        long total = 0;
        long[] s = net.inputShape();
        for (Layer l : net.layers()) {
            if (l instanceof Layer.Residual r) {
                long[] t = s;
                for (Layer b : r.branch()) {
                    if (b instanceof Layer.Attend) {
                        total += Net.flops(b, t);
                    }
                    t = Net.shapeAfter(b, t);
                }
            }
            s = Net.shapeAfter(l, s);
        }
        return total;
    }

    @Test
    void depthwiseSeparableInvertedResidualLayerCostsOneOverNPlusOneNinth() {
        // the stated layer: 24 channels in, N = 48 out, 3x3 at 7x7 (a MobileNet-sized layer)
        int in = 24;
        int n = 48;
        NetBuilder standard = new NetBuilder(new long[] {in, 7, 7});
        standard.conv(n, 3, 1, 1, 1);
        NetBuilder separable = new NetBuilder(new long[] {in, 7, 7});
        separable.conv(in, 3, 1, 1, in).conv(n, 1, 1, 0, 1);
        // separable / standard = (9 + N) / (9 N) = 1/N + 1/9, exactly: 9 N separable == (9 + N) standard
        assertEquals(2L * in * 9 * n * 49, standard.flops());
        assertEquals((9L + n) * standard.flops(), 9L * n * separable.flops());
    }

    @Test
    void channelShufflePermutesAsDefined() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // 6 channels in 2 groups, one pixel each holding its channel index
            NDArray x = manager.arange(6f).reshape(1, 6, 1, 1);
            float[] out = NetBlocks.shuffle(x, 2).toFloatArray();
            // output channel j*g + i is input channel i*(C/g) + j: groups [0 1 2] [3 4 5] interleave
            assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, out);
            float[] three = NetBlocks.shuffle(x, 3).toFloatArray();
            assertArrayEquals(new float[] {0, 2, 4, 1, 3, 5}, three);
        }
    }

    @Test
    void earlyExitHeadsGoAfterTheNamedBlocksAndCountSeparately() {
        ModelSpec spec = small("mobilenetv2").withExpansion(2)
                .withEarlyExits(new EarlyExitSpec(List.of(1, 3), 0.9, null));
        Network net = Architectures.build(spec, DIGITS, 10);
        Net plain = Architectures.describe(small("mobilenetv2").withExpansion(2), DIGITS, 10);
        // head after block 1 (4 channels): pooling, linear 4->10 = 50 params, 80 FLOPs; after block 3 (8): 90, 160
        assertEquals(plain.params() + 50 + 90, net.net().params());
        assertEquals(net.net().params(), blockParams(net));
        assertEquals(plain.flopsPerSample(), net.flopsPerSample(), "the main path is the plain network");
        List<long[]> exits = net.net().exitHeadFlops();
        assertEquals(3, exits.size());
        assertEquals(80, exits.get(0)[1]);
        assertEquals(160, exits.get(1)[1]);
        assertEquals(plain.flopsPerSample(), exits.get(2)[0]);
        // main path to block 1: stem 2304 + block 1 3328 MACs
        assertEquals(2 * (2_304 + 3_328), exits.get(0)[0]);
        SpecException e = assertThrows(SpecException.class, () -> Architectures.describe(small("mobilenetv2")
                .withEarlyExits(new EarlyExitSpec(List.of(5), 0.9, null)), DIGITS, 10));
        assertTrue(e.getMessage().contains("blocks 1 to 4"), e.getMessage());
    }
}
