package dev.verdant.compress;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The distillation loss and its gradient with respect to the student's logits, against PyTorch on the same logits.
 * The reference values were recorded with Debian's python3-torch 1.13.1 (float64) by:
 *
 * <pre>
 * import torch, torch.nn.functional as F
 * s = torch.tensor([[1.0, -0.5, 2.0, 0.3], [0.2, 0.1, -1.0, 3.0], [-2.0, 1.5, 0.0, 0.5]],
 *                  dtype=torch.float64, requires_grad=True)
 * t = torch.tensor([[0.5, 0.0, 4.0, -1.0], [1.0, -2.0, 0.5, 2.5], [-1.0, 3.0, 1.0, -0.5]], dtype=torch.float64)
 * y = torch.tensor([2, 3, 1])
 * for T, alpha in [(4.0, 0.9), (1.0, 0.5), (2.0, 0.0)]:
 *     s.grad = None
 *     kl = F.kl_div(F.log_softmax(s / T, 1), F.softmax(t / T, 1), reduction='batchmean')
 *     loss = alpha * T * T * kl + (1 - alpha) * F.cross_entropy(s, y)
 *     loss.backward()
 *     print(T, alpha, repr(loss.item()), s.grad.flatten().tolist())
 * </pre>
 */
class DistillationLossTest {

    private static final float[] STUDENT = {1.0f, -0.5f, 2.0f, 0.3f, 0.2f, 0.1f, -1.0f, 3.0f, -2.0f, 1.5f, 0.0f, 0.5f};
    private static final float[] TEACHER = {0.5f, 0.0f, 4.0f, -1.0f, 1.0f, -2.0f, 0.5f, 2.5f, -1.0f, 3.0f, 1.0f, -0.5f};
    private static final long[] LABELS = {2, 3, 1};

    @ParameterizedTest(name = "T={0}, alpha={1}")
    @CsvSource(delimiter = '|', value = {
        "4.0|0.9|0.6275559437256876|0.08089400603758379,0.004966009809129407,-0.18794238355176138,"
            + "0.10208236770504808,-0.059479202695085255,0.10027678395278879,-0.08947389970280811,"
            + "0.04867631844510465,-0.010475546756386608,-0.09835745649504148,-0.013707181898126038,"
            + "0.12254018514955389",
        "1.0|0.5|0.3017669088768512|0.07033956959977798,0.013866295167569435,-0.12043967393078162,"
            + "0.0362338091634342,-0.009280772019299412,0.014819782931050733,-0.011086183436307205,"
            + "0.0055471725245559225,0.0036302821801268447,-0.10184234163588725,0.026824358683905522,"
            + "0.07138770077185484",
        "2.0|0.0|0.36641888645844856|0.07510895374006765,0.016759072876602304,-0.12916602922713638,"
            + "0.03729800261046641,0.017872450865629254,0.016171662295230524,0.005383078753412756,"
            + "-0.0394271919142725,0.006208827477823171,-0.1277252052716713,0.04587737454221752,"
            + "0.07563900325163057"})
    void lossAndGradientMatchPyTorch(double temperature, double alpha, double expectedLoss, String expectedGrad) {
        String[] cells = expectedGrad.split(",");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray student = m.create(STUDENT, new Shape(3, 4));
            student.setRequiresGradient(true);
            NDArray teacher = m.create(TEACHER, new Shape(3, 4));
            NDArray labels = m.create(LABELS);
            float loss;
            float[] grad;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = new DistillationLoss(temperature, alpha)
                        .evaluate(new NDList(labels, teacher), new NDList(student));
                gc.backward(l);
                loss = l.getFloat();
            }
            grad = student.getGradient().toFloatArray();
            assertEquals(expectedLoss, loss, 1e-5, "loss");
            assertEquals(cells.length, grad.length);
            for (int i = 0; i < grad.length; i++) {
                assertEquals(Double.parseDouble(cells[i]), grad[i], 1e-5, "d loss / d s[" + i + "]");
            }
        }
    }
}
