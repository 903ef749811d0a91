package dev.verdant.compress;

import ai.djl.Device;
import dev.verdant.data.LoadedData;
import dev.verdant.model.Net;
import dev.verdant.result.CompressionReport;
import dev.verdant.result.Int8Inference;
import dev.verdant.spec.CompressionStepSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ModelSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quantize step measures its model on ONNX Runtime's integer kernels: LeNet-5 on 8-bit images runs integer from
 * input to logits, classifies as the simulation did (within 0.1 point), and its figures are labelled measured; where
 * the runtime cannot run the model the simulated figures come back labelled simulated, with the reason.
 */
class OrtInt8Test {

    /** 0.1 point of accuracy, inclusive (a difference of exactly 0.1 point is within it). */
    private static final double POINT = 0.001 + 1e-9;

    private static ExperimentSpec spec;
    private static LoadedData images;
    private static Net lenet;

    @BeforeAll
    static void train() {
        // the built-in Fashion-MNIST split is held as 8-bit pixels, as MNIST, Fashion-MNIST and CIFAR-10 are
        ExperimentSpec s = Trained.spec(ModelSpec.defaults().withArch("lenet5"), 1);
        spec = s.withDataset(s.dataset().withName("fashion-mnist-small").withLimit(5000))
                .withTraining(s.training().withBatchSize(64));
        images = Trained.digits(spec);
        lenet = Trained.net(spec, images);
    }

    private static CompressionReport quantizeStep(ExperimentSpec withSteps, LoadedData data, Net trained) {
        CompressionPipeline pipeline = CompressionPipeline.plan(withSteps, data,
                dev.verdant.model.Architectures.build(withSteps.model(), data.sampleShape(), data.numClasses()),
                Device.cpu(), TeacherSource.NONE, Trained.QUICK);
        List<CompressionReport> reports = pipeline.run(trained, null, r -> { }, () -> false).reports();
        return reports.get(reports.size() - 1);
    }

    @Test
    void lenet5OnEightBitImagesRunsIntegerFromInputToLogitsAsTheSimulationClassifies() {
        assertTrue(images.validation().isBytes(), "the test needs 8-bit images");
        assertTrue(images.validation().size() >= 1000, "0.1 point is one sample in a thousand");
        CompressionReport q = quantizeStep(spec.withCompression(List.of(
                CompressionStepSpec.quantize(8, "per-channel", 2))), images, lenet);
        Int8Inference int8 = q.int8();
        assertNotNull(int8, "an 8-bit quantize step reports int8 inference");
        assertEquals(Int8Inference.MEASURED, int8.how(), int8.note());
        assertEquals("measured (onnxruntime int8)", int8.how());
        assertTrue(int8.runtime().startsWith("onnxruntime 1."), int8.runtime());
        assertEquals(List.of("float input", "int8", "int8", "int8", "int8"), int8.layers(),
                "the second convolution and the three linear layers on integer kernels; the 1-channel first "
                + "convolution keeps its float input");
        assertTrue(int8.note().contains("one input channel"), int8.note());
        assertTrue(q.simulated(), "the step's own figures stay the simulated ones, labelled so");
        assertEquals(q.accuracy(), int8.accuracy(), POINT, "int8 through ONNX Runtime within 0.1 point of the "
                + "simulated accuracy on " + images.validation().size() + " images");
        assertTrue(int8.latencyMsBatch1() > 0 && int8.latencyMsBatch64() > 0, int8.toString());
        assertTrue(int8.fp32LatencyMsBatch64() > 0, "fp32 timed on the same runtime: " + int8);
        assertNull(int8.inferenceJoulesPer1k(), "no meter, no joules");
    }

    /**
     * The first convolution's average pooling, computed in float on values rounded to the quantiser's steps (the
     * export's form), gives the logits of quantising first and pooling on integers (the earlier form) on every
     * validation image, bit for bit: the faster form changes no figure.
     */
    @Test
    void poolingInFloatOnRoundedStepsGivesTheLogitsOfIntegerPooling() throws Exception {
        ExperimentSpec q8 = spec.withCompression(List.of(CompressionStepSpec.quantize(8, "per-tensor", 2)));
        CompressionPipeline pipeline = CompressionPipeline.plan(q8, images,
                dev.verdant.model.Architectures.build(q8.model(), images.sampleShape(), images.numClasses()),
                Device.cpu(), TeacherSource.NONE, Trained.QUICK);
        Net quantised = pipeline.run(lenet, null, r -> { }, () -> false).net();
        byte[] pooledFirst = dev.verdant.model.OnnxExport.toInt8Onnx(quantised, "a", 1f / 255).onnx();
        byte[] integerPool = dev.verdant.model.OnnxExport.toInt8OnnxIntegerPool(quantised, "b", 1f / 255).onnx();
        ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        var split = images.validation();
        int n = split.size();
        float[] x = new float[n * 784];
        for (int k = 0; k < n; k++) {
            split.copySample(k, x, k * 784);
        }
        float[][][] logits = new float[2][][];
        byte[][] models = {pooledFirst, integerPool};
        for (int m = 0; m < 2; m++) {
            try (ai.onnxruntime.OrtSession s = env.createSession(models[m], new ai.onnxruntime.OrtSession
                    .SessionOptions());
                 ai.onnxruntime.OnnxTensor in = ai.onnxruntime.OnnxTensor.createTensor(env,
                         java.nio.FloatBuffer.wrap(x), new long[] {n, 1, 28, 28});
                 ai.onnxruntime.OrtSession.Result r = s.run(java.util.Map.of("input", in))) {
                logits[m] = (float[][]) r.get(0).getValue();
            }
        }
        int differing = 0;
        for (int k = 0; k < n; k++) {
            differing += java.util.Arrays.equals(logits[0][k], logits[1][k]) ? 0 : 1;
        }
        assertEquals(0, differing, differing + " of " + n + " images got other logits");
    }

    @Test
    void anMlpOnEightBitImagesQuantisesItsInputOnceAndRunsEveryLayerOnIntegers() {
        ExperimentSpec mlp = spec.withModel(ModelSpec.defaults().withHidden(List.of(64, 32)));
        Net trained = Trained.net(mlp, images);
        CompressionReport q = quantizeStep(mlp.withCompression(List.of(
                CompressionStepSpec.quantize(8, "per-channel", 2))), images, trained);
        Int8Inference int8 = q.int8();
        assertEquals(List.of("int8", "int8", "int8"), int8.layers(), int8.note());
        assertTrue(int8.note().contains("input quantised once"), int8.note());
        assertEquals(q.accuracy(), int8.accuracy(), POINT, "int8 through ONNX Runtime within 0.1 point of the "
                + "simulated accuracy on " + images.validation().size() + " images");
    }

    @Test
    void floatInputsKeepAFloatFirstLayerAndFourBitsStaySimulatedWithTheReason() {
        LoadedData digits = Trained.digits(Trained.spec(ModelSpec.defaults(), 1));
        ExperimentSpec mlp = Trained.spec(ModelSpec.defaults().withHidden(List.of(32)), 2);
        Net trained = Trained.net(mlp, digits);
        Int8Inference eight = quantizeStep(mlp.withCompression(List.of(
                CompressionStepSpec.quantize(8, "per-tensor", 2))), digits, trained).int8();
        assertEquals(Int8Inference.MEASURED, eight.how(), eight.note());
        assertEquals(List.of("float input", "int8"), eight.layers(), "digits are not 8-bit values");
        assertTrue(eight.note().contains("first layer takes float input"), eight.note());

        CompressionReport four = quantizeStep(mlp.withCompression(List.of(
                CompressionStepSpec.quantize(4, "per-channel", 2))), digits, trained);
        Int8Inference simulated = four.int8();
        assertEquals(Int8Inference.SIMULATED, simulated.how());
        assertTrue(simulated.note().contains("4-bit model can only be simulated"), simulated.note());
        assertEquals(four.latencyMsBatch64(), simulated.latencyMsBatch64(), "the simulated figure, kept");
        assertTrue(simulated.layers().isEmpty() && simulated.runtime() == null, simulated.toString());
    }
}
