package dev.verdant.run;

import dev.verdant.energy.CarbonModel;
import dev.verdant.spec.EnergySpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deployment what-if's arithmetic, worked by hand in the comments. */
class DeploymentWhatIfTest {

    /** WORLD: 475 gCO2e/kWh; PUE 1.5; $0.20 per kWh. */
    private static final CarbonModel CARBON = CarbonModel.of(new EnergySpec("WORLD", 1.5, 0.20, null, null));

    @Test
    void measuredPowerAtBatch64GivesBackTheMeasuredJoulesPerSample() {
        // measured: 1 ms at batch 1, 32 ms at batch 64, 20 J per 1000 samples at batch 64
        // power = (20 / 1000 J) / (32 / 64 / 1000 s) = 0.02 / 0.0005 = 40 W; at batch 64: 40 W * 0.5 ms = 0.02 J
        var in = new DeploymentWhatIf.Inputs(1_000_000, 64, DeploymentWhatIf.Precision.FP32, null, 2, 1.0, 32.0,
                20.0, 36_000.0);
        DeploymentWhatIf.Estimate e = DeploymentWhatIf.estimate(in, CARBON);
        assertEquals(40.0, e.watts(), 1e-9);
        assertEquals(32.0, e.msPerBatch(), 1e-9);
        assertEquals(0.02, e.joulesPerRequest(), 1e-12);
        // per day 1e6 * 0.02 = 20,000 J; per year 7.3e6 J = 2.02778 kWh, x 1.5 PUE = 3.041667 kWh
        assertEquals(20_000, e.joulesPerDay(), 1e-6);
        assertEquals(7.3e6 / 3.6e6 * 1.5, e.kwhPerYear(), 1e-9);
        assertEquals(7.3e6 / 3.6e6 * 1.5 * 475, e.gco2ePerYear(), 1e-6);
        assertEquals(7.3e6 / 3.6e6 * 1.5 * 0.20, e.costPerYear(), 1e-9);
        // two years: twice the year
        assertEquals(2 * e.kwhPerYear(), e.kwhTotal(), 1e-9);
        assertEquals(2 * e.costPerYear(), e.costTotal(), 1e-9);
        // training spent 36,000 J: 36,000 / 20,000 = day 1.8
        assertEquals(1.8, e.breakEvenDay(), 1e-12);
        assertTrue(e.breaksEvenWithin(2));
    }

    @Test
    void batchOneUsesTheBatchOneLatencyAndAnEnteredTdp() {
        // TDP 65 W, batch 1: 2 ms per request -> 65 * 0.002 = 0.13 J; 1000 requests a day = 130 J/day
        var in = new DeploymentWhatIf.Inputs(1_000, 1, DeploymentWhatIf.Precision.FP32, 65.0, 1, 2.0, 40.0, null,
                1.3e6);
        DeploymentWhatIf.Estimate e = DeploymentWhatIf.estimate(in, CARBON);
        assertEquals(0.13, e.joulesPerRequest(), 1e-12);
        assertEquals(130, e.joulesPerDay(), 1e-9);
        // 1.3e6 J of training / 130 J a day = day 10,000: after one year of service
        assertEquals(10_000, e.breakEvenDay(), 1e-9);
        assertFalse(e.breaksEvenWithin(1));
    }

    @Test
    void batchesBetweenOneAndSixtyFourInterpolateTheLatencyAndInt8HalvesTheEnergy() {
        // batch 22: 1 + (64 - 1) * 21 / 63 = 22 ms per batch -> 1 ms per request; TDP 10 W -> 0.01 J, int8 0.005 J
        var in = new DeploymentWhatIf.Inputs(100, 22, DeploymentWhatIf.Precision.INT8, 10.0, 1, 1.0, 64.0, null, 0);
        DeploymentWhatIf.Estimate e = DeploymentWhatIf.estimate(in, CARBON);
        assertEquals(22.0, e.msPerBatch(), 1e-9);
        assertEquals(0.005, e.joulesPerRequest(), 1e-12);
    }

    @Test
    void withoutMeasuredEnergyATdpIsRequired() {
        var in = new DeploymentWhatIf.Inputs(100, 1, DeploymentWhatIf.Precision.FP32, null, 1, 1.0, 64.0, null, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeploymentWhatIf.estimate(in, CARBON));
        assertTrue(e.getMessage().contains("--tdp"), e.getMessage());
    }
}
