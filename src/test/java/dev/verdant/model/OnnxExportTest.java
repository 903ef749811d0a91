package dev.verdant.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.verdant.spec.Activation;
import dev.verdant.spec.ModelSpec;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ONNX export of every architecture gives, through ONNX Runtime, the logits DJL gives (within 1e-4). */
class OnnxExportTest {

    private static final long[] IMAGE = {1, 12, 12};
    private static final int BATCH = 16;

    /** Random values everywhere, normalisation statistics included, so every exported array matters. */
    private static List<Layer> randomised(List<Layer> layers, Random r) {
        List<Layer> out = new ArrayList<>();
        for (Layer l : layers) {
            if (l instanceof Layer.BatchNorm b) {
                int c = b.channels();
                out.add(new Layer.BatchNorm(c, around(r, c, 1), around(r, c, 0), around(r, c, 0), around(r, c, 1.5f)));
            } else if (l instanceof Layer.LayerNorm n) {
                int size = n.gamma().length;
                out.add(new Layer.LayerNorm(n.shape(), around(r, size, 1), around(r, size, 0)));
            } else if (l instanceof Layer.GroupNorm g) {
                out.add(new Layer.GroupNorm(g.channels(), g.groups(), around(r, g.channels(), 1),
                        around(r, g.channels(), 0)));
            } else if (l instanceof Layer.Residual res) {
                out.add(new Layer.Residual(randomised(res.branch(), r), randomised(res.shortcut(), r)));
            } else {
                out.add(l);
            }
        }
        return out;
    }

    private static float[] around(Random r, int n, float centre) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = centre + 0.4f * (r.nextFloat() - 0.5f);
        }
        return v;
    }

    /** Builds {@code spec}'s network, gives it random values, and compares DJL's logits with ONNX Runtime's. */
    private static void assertSameLogits(ModelSpec spec, long[] inputShape) throws Exception {
        Network network = Architectures.build(spec, inputShape, 10);
        Random r = new Random(11);
        float[] x = new float[BATCH * (int) new Shape(inputShape).size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        float[] djl;
        Net net;
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = network.block();
            block.initialize(m, DataType.FLOAT32, Batches.withBatch(1, inputShape));
            net = NetBlocks.readValues(network.net(), block);
            net = net.withLayers(randomised(net.layers(), r));
            NetBlocks.copyInto(net, block);
            NDArray in = m.create(x, Batches.withBatch(BATCH, inputShape));
            djl = block.forward(new ParameterStore(m, false), new NDList(in), false).singletonOrThrow()
                    .toFloatArray();
        }
        byte[] onnx = OnnxExport.toOnnx(net, spec.arch().toString());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x),
                     Batches.withBatch(BATCH, inputShape).getShape());
             OrtSession.Result out = session.run(Map.of("input", in))) {
            float[][] ort = (float[][]) out.get("logits").orElseThrow().getValue();
            assertEquals(BATCH, ort.length);
            double worst = 0;
            for (int b = 0; b < BATCH; b++) {
                assertEquals(10, ort[b].length);
                for (int k = 0; k < 10; k++) {
                    worst = Math.max(worst, Math.abs(ort[b][k] - djl[b * 10 + k]));
                }
            }
            assertTrue(worst <= 1e-4, spec.arch() + " " + spec.norm() + ": largest logit difference " + worst);
        }
    }

    private static ModelSpec activated(ModelSpec s, Activation a) {
        return new ModelSpec(s.arch(), s.hidden(), s.width(), a, s.init(), s.norm(), s.dropout(), s.depth(),
                s.channels(), s.groups());
    }

    @Test
    void mlpWithBatchNormAndGelu() throws Exception {
        assertSameLogits(activated(ModelSpec.defaults().withNorm("batch").withDropout(0.3), Activation.GELU),
                new long[] {20});
        assertSameLogits(activated(ModelSpec.defaults(), Activation.SIGMOID), new long[] {20});
    }

    @Test
    void lenet5() throws Exception {
        assertSameLogits(ModelSpec.defaults().withArch("lenet5"), new long[] {1, 28, 28});
        assertSameLogits(activated(ModelSpec.defaults().withArch("lenet5"), Activation.TANH), IMAGE);
    }

    @Test
    void dscnnWithDepthwiseConvolutionsAndBatchNorm() throws Exception {
        assertSameLogits(ModelSpec.defaults().withArch("dscnn").withNorm("batch").withChannels(4), IMAGE);
    }

    @Test
    void resnetWithGroupAndLayerNorm() throws Exception {
        assertSameLogits(ModelSpec.defaults().withArch("resnet").withDepth(8).withChannels(4).withNorm("group")
                .withGroups(2), new long[] {3, 8, 8});
        assertSameLogits(ModelSpec.defaults().withArch("resnet").withDepth(8).withChannels(4).withNorm("layer"),
                new long[] {3, 8, 8});
    }

    /** The compact gallery on 8x8 digits-sized images, each with its distinctive layers. */
    private static ModelSpec gallery(String arch) {
        return ModelSpec.defaults().withArch(arch).withChannels(4);
    }

    @Test
    void squeezenetWithConcatenatedExpandBranches() throws Exception {
        assertSameLogits(gallery("squeezenet"), new long[] {1, 8, 8});
    }

    @Test
    void mobilenetv2WithSqueezeExcitationAndBatchNorm() throws Exception {
        assertSameLogits(gallery("mobilenetv2").withExpansion(2).withSe(true).withNorm("batch"), new long[] {1, 8, 8});
    }

    @Test
    void shufflenetWithChannelShuffleAndGroupedConvolutions() throws Exception {
        assertSameLogits(gallery("shufflenet").withGroups(2), new long[] {1, 8, 8});
    }

    @Test
    void ghostnetWithGhostModules() throws Exception {
        assertSameLogits(gallery("ghostnet").withSe(true), new long[] {1, 8, 8});
    }

    @Test
    void vitTinyWithSoftmaxAndLinearAttention() throws Exception {
        assertSameLogits(gallery("vit-tiny").withBlocks(2), new long[] {1, 8, 8});
        assertSameLogits(gallery("vit-tiny").withBlocks(1).withHeads(2).withAttention("linear"),
                new long[] {3, 8, 8});
    }

    @Test
    void earlyExitHeadsAreRefusedWithASentence() {
        ModelSpec spec = gallery("mobilenetv2").withExpansion(2)
                .withEarlyExits(new dev.verdant.spec.EarlyExitSpec(List.of(1), 0.9, null));
        Network network = Architectures.build(spec, new long[] {1, 8, 8}, 10);
        Net net;
        try (NDManager m = NDManager.newBaseManager()) {
            network.block().initialize(m, DataType.FLOAT32, Batches.withBatch(1, new long[] {1, 8, 8}));
            net = NetBlocks.readValues(network.net(), network.block());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.toOnnx(net, "x"));
        assertTrue(e.getMessage().contains("early-exit heads cannot be exported"), e.getMessage());
    }

    @Test
    void anUntrainedDescriptionIsRefusedWithASentence() {
        Net net = Architectures.describe(ModelSpec.defaults(), new long[] {4}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.toOnnx(net, "x"));
        assertTrue(e.getMessage().contains("no trained values"), e.getMessage());
    }
}
