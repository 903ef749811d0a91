package dev.verdant.app.sweep;

import dev.verdant.app.UiExecutor;
import dev.verdant.spec.SpecException;
import dev.verdant.spec.SweepHalving;
import dev.verdant.spec.SweepMethod;
import dev.verdant.spec.SweepSpec;
import dev.verdant.store.InMemoryRunStore;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep builder's halving options reach the sweep spec, and the validator's sentence reaches the form. */
class SweepViewModelTest {

    private final SweepViewModel vm = new SweepViewModel(new InMemoryRunStore(), UiExecutor.synchronous());

    SweepViewModelTest() {
        vm.parameters().add(ParameterRow.values("training.learningRate", "0.001, 0.01"));
    }

    @Test
    void jouleRungsContinuationAndForecastPruningReachTheSpec() {
        vm.rungUnitProperty().set("joules");
        vm.minJoulesProperty().set("2");
        vm.maxJoulesProperty().set("18");
        vm.continueTrialsProperty().set(true);
        vm.targetProperty().set("0.9");
        vm.stopOnForecastProperty().set(true);

        SweepHalving h = vm.build().halving();

        assertEquals("joules", h.unit());
        assertEquals(2.0, h.minJoules());
        assertEquals(18.0, h.maxJoules());
        assertTrue(h.continueTrials());
        assertTrue(h.stopOnForecast());
        assertEquals("", vm.problemsProperty().get());
    }

    @Test
    void theDefaultsLeaveTheOptionsOut() {
        SweepSpec s = vm.build();
        assertEquals(SweepMethod.HALVING, s.method());
        assertFalse(vm.yaml().contains("unit:") || vm.yaml().contains("continueTrials")
                || vm.yaml().contains("stopOnForecast"), vm.yaml());
        assertNull(s.halving().minJoules());
    }

    @Test
    void jouleRungsWithoutAllowancesAreRefusedWithASentence() {
        vm.rungUnitProperty().set("joules");
        assertThrows(SpecException.class, vm::build);
        assertTrue(vm.problemsProperty().get().contains("minJoules"), vm.problemsProperty().get());
    }
}
