package dev.verdant.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.model.ResidualBlock;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ModelSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code model.init}: weight statistics match theory; LSUV gives unit output variance per layer. */
class InitializationTest {

    /** A wide MLP on the digits, so each weight matrix has enough entries for tight statistics. */
    private static ExperimentSpec mlp(String init) {
        ExperimentSpec s = ExperimentSpec.defaults().withDevice("cpu");
        return s.withModel(s.model().withHidden(List.of(512, 256)).withInit(init));
    }

    private static float[] weights(TrainingSession session, int index) {
        int seen = 0;
        for (Parameter p : session.network().block().getParameters().values()) {
            if (p.getType() == Parameter.Type.WEIGHT && seen++ == index) {
                return p.getArray().toFloatArray();
            }
        }
        throw new AssertionError("no weight " + index);
    }

    private static double std(float[] w) {
        double sum = 0;
        double sq = 0;
        for (float v : w) {
            sum += v;
            sq += v * v;
        }
        double mean = sum / w.length;
        return Math.sqrt(sq / w.length - mean * mean);
    }

    private static TrainingSession session(ExperimentSpec spec) {
        LoadedData data = Datasets.load(spec.dataset(), spec.seed());
        return TrainingSession.create(spec, data, Device.cpu());
    }

    @Test
    void kaimingAndXavierMatchPyTorchStandardDeviations() {
        // The second weight is 512 -> 256: fan_in 512, fan_out 256.
        double fanIn = 512;
        double fanOut = 256;
        try (TrainingSession s = session(mlp("kaiming"))) {
            assertEquals(Math.sqrt(2 / fanIn), std(weights(s, 1)), 0.03 * Math.sqrt(2 / fanIn));
        }
        try (TrainingSession s = session(mlp("xavier"))) {
            // U(-a, a) with a = sqrt(6 / (fan_in + fan_out)) has std a / sqrt(3)
            double expected = Math.sqrt(6 / (fanIn + fanOut)) / Math.sqrt(3);
            assertEquals(expected, std(weights(s, 1)), 0.03 * expected);
        }
        try (TrainingSession s = session(mlp("xavier-normal"))) {
            double expected = Math.sqrt(2 / (fanIn + fanOut));
            assertEquals(expected, std(weights(s, 1)), 0.03 * expected);
        }
    }

    @Test
    void orthogonalWeightsHaveOrthonormalRowsTimesTheReluGain() {
        try (TrainingSession s = session(mlp("orthogonal"))) {
            float[] w = weights(s, 1); // [256, 512]: rows are fewer, so W W^T = gain^2 I
            int rows = 256;
            int cols = 512;
            double gain2 = 2.0;
            for (int i = 0; i < rows; i += 17) {
                for (int j = 0; j < rows; j += 13) {
                    double dot = 0;
                    for (int k = 0; k < cols; k++) {
                        dot += (double) w[i * cols + k] * w[j * cols + k];
                    }
                    assertEquals(i == j ? gain2 : 0, dot, 1e-4, "row " + i + " . row " + j);
                }
            }
        }
    }

    @Test
    void orthogonalMatrixWithMoreRowsHasOrthonormalColumns() {
        float[] q = Orthogonal.matrix(50, 20, 1.0, new Random(1));
        for (int a = 0; a < 20; a++) {
            for (int b = 0; b < 20; b++) {
                double dot = 0;
                for (int i = 0; i < 50; i++) {
                    dot += (double) q[i * 20 + a] * q[i * 20 + b];
                }
                assertEquals(a == b ? 1 : 0, dot, 1e-5);
            }
        }
    }

    @Test
    void afterLsuvEachLayersOutputVarianceIsWithinATenthOfOne() {
        for (String arch : List.of("mlp", "lenet5")) {
            ExperimentSpec spec = mlp("lsuv");
            spec = spec.withModel(spec.model().withArch(arch));
            try (TrainingSession s = session(spec); NDManager scratch = s.model().getNDManager().newSubManager()) {
                NDArray batch = LiveNetwork.firstSamples(scratch, s.data().train(), s.data().sampleShape());
                List<Double> variances = Lsuv.layerVariances(s.network(), scratch, batch);
                assertEquals(s.network().net().weighted().size(), variances.size(), arch + ": one variance per layer");
                for (double v : variances) {
                    assertEquals(1.0, v, 0.1, arch + " layer variances " + variances);
                }
            }
        }
    }

    @Test
    void zeroResidualStartsEveryBranchAtZero() {
        ExperimentSpec spec = mlp("zero-residual");
        for (String norm : List.of("batch", "none")) {
            spec = spec.withModel(spec.model().withArch("resnet").withChannels(4).withNorm(norm));
            try (TrainingSession s = session(spec)) {
                List<ResidualBlock> blocks = s.network().residualBlocks();
                assertEquals(3, blocks.size());
                for (ResidualBlock b : blocks) {
                    var children = b.branch().getChildren().values();
                    var last = children.get(children.size() - 1);
                    if ("none".equals(norm)) {
                        assertTrue(last instanceof Conv2d, "without norm the branch ends in a convolution");
                    }
                    Parameter p = last.getDirectParameters().values().get(0);
                    assertEquals(0f, p.getArray().abs().max().getFloat(), norm + ": last scale of each branch is zero");
                }
                // The stem convolution stays Kaiming-initialised.
                assertTrue(std(weights(s, 0)) > 0.1);
            }
        }
    }

    @Test
    void everyInitIsDeterministicUnderTheSeed() {
        for (String init : ModelSpec.INITS) {
            if ("zero-residual".equals(init)) {
                continue; // resnet only: covered above
            }
            float[] a;
            float[] b;
            try (TrainingSession s = session(mlp(init))) {
                a = weights(s, 0);
            }
            try (TrainingSession s = session(mlp(init))) {
                b = weights(s, 0);
            }
            assertTrue(java.util.Arrays.equals(a, b), init);
        }
    }
}
