package dev.verdant.app.energy;

import dev.verdant.app.AppSamples;
import dev.verdant.result.RunResult;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnergyViewModelTest {

    private final EnergyViewModel vm = new EnergyViewModel();

    @Test
    void showsProbesMethodPhasesEmissionsAndEquivalents() {
        vm.show(AppSamples.run(4, "metered", 0.01, 0.9, 1000.0));
        assertEquals(2, vm.probes().size());
        assertFalse(vm.probes().get(0).available());
        assertTrue(vm.methodProperty().get().contains("estimated:cpu-tdp"));
        assertTrue(vm.methodProperty().get().contains("an estimate"));
        assertEquals("train", vm.phases().get(0).phase());
        assertEquals("800.0 J", vm.phases().get(0).joules());
        assertEquals("80%", vm.phases().get(0).share());
        assertTrue(vm.phases().stream().anyMatch(p -> p.phase().equals("total") && p.joules().equals("1000.0 J")));
        assertEquals("0.1300 gCO2e", vm.emissionsProperty().get());
        assertTrue(vm.costProperty().get().contains("pricePerKwh"));
        assertFalse(vm.equivalents().isEmpty());
        assertTrue(vm.intensityProperty().get().contains("gCO2e/kWh"), vm.intensityProperty().get());
    }

    @Test
    void withoutEnergySaysWhy() {
        RunResult r = AppSamples.run(5, "unmetered", 0.01, 0.9, null);
        vm.show(r);
        assertTrue(vm.phases().isEmpty());
        assertEquals("gCO2e: n/a", vm.emissionsProperty().get());
        assertTrue(vm.methodProperty().get().startsWith("No energy figure"), vm.methodProperty().get());
    }
}
