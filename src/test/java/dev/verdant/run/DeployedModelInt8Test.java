package dev.verdant.run;

import dev.verdant.result.Int8Inference;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deployment what-if starts int8 from the delivered model's int8 figures when they were measured, only then. */
class DeployedModelInt8Test {

    private static final Int8Inference MEASURED = new Int8Inference(Int8Inference.MEASURED, "onnxruntime 1.23.2 CPU",
            0.9, 0.2, 5.0, 0.3, 0.16, 2.6, List.of("float input", "int8"), null);
    private static final Int8Inference SIMULATED = new Int8Inference(Int8Inference.SIMULATED, null, 0.9, 1.0, 9.0,
            0.9, null, null, null, "a 4-bit model can only be simulated");

    @Test
    void int8AskedOfAMeasuredModelUsesItsIntegerKernelFiguresWithoutTheAssumedFactor() {
        DeployedModel m = new DeployedModel("delivered (compressed: quantize int8)", 1.0, 9.0, 0.9, "measured:rapl",
                100, MEASURED);
        DeploymentWhatIf.Inputs in = m.inputs(1000, 8, DeploymentWhatIf.Precision.INT8, null, 1);
        assertEquals(0.2, in.msBatch1());
        assertEquals(5.0, in.msBatch64());
        assertEquals(0.3, in.joulesPer1k());
        assertEquals(DeploymentWhatIf.Precision.FP32, in.precision(), "measured: no assumed factor on top");
        assertEquals(Int8Inference.MEASURED, m.how(DeploymentWhatIf.Precision.INT8));
        assertFalse(m.int8Assumed(DeploymentWhatIf.Precision.INT8));
        // fp32 asked of the quantised model: the step's own figures, which were simulated
        assertEquals(9.0, m.inputs(1000, 8, DeploymentWhatIf.Precision.FP32, null, 1).msBatch64());
        assertEquals(Int8Inference.SIMULATED, m.how(DeploymentWhatIf.Precision.FP32));
    }

    @Test
    void simulatedOrAbsentInt8KeepsTheAssumption() {
        DeployedModel sim = new DeployedModel("delivered (compressed: quantize int4)", 1.0, 9.0, 0.9, "measured:rapl",
                100, SIMULATED);
        DeploymentWhatIf.Inputs in = sim.inputs(1000, 8, DeploymentWhatIf.Precision.INT8, null, 1);
        assertEquals(9.0, in.msBatch64());
        assertEquals(DeploymentWhatIf.Precision.INT8, in.precision());
        assertTrue(sim.int8Assumed(DeploymentWhatIf.Precision.INT8));
        DeployedModel trained = new DeployedModel("trained", 1.0, 9.0, 0.9, "measured:rapl", 100);
        assertEquals("measured", trained.how(DeploymentWhatIf.Precision.INT8));
        assertTrue(trained.int8Assumed(DeploymentWhatIf.Precision.INT8));
    }
}
