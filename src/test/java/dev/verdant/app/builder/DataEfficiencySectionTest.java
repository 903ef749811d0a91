package dev.verdant.app.builder;

import dev.verdant.app.UiExecutor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The builder's data-efficiency section: off until a field is set, validated per field, loaded from YAML. */
class DataEfficiencySectionTest {

    private final BuilderViewModel vm = new BuilderViewModel(UiExecutor.synchronous());

    @Test
    void activeLearningAndTransferAreOffUntilOneOfTheirFieldsIsSet() {
        assertNull(vm.specProperty().get().activeLearning());
        assertNull(vm.specProperty().get().transfer());
        assertNull(vm.specProperty().get().dataset().classes());
        vm.value("activeLearning.strategy").set("entropy");
        vm.value("dataset.classes").set("5, 6, 7");
        assertEquals("entropy", vm.specProperty().get().activeLearning().strategy());
        assertEquals(100, vm.specProperty().get().activeLearning().initial(), "the rest take their defaults");
        assertEquals(List.of(5, 6, 7), vm.specProperty().get().dataset().classes());
        vm.value("activeLearning.strategy").set("");
        assertNull(vm.specProperty().get().activeLearning());
    }

    @Test
    void aTransferWithoutARunIsMarkedOnTheFromField() {
        vm.value("transfer.mode").set("fine-tune-last");
        assertFalse(vm.validProperty().get());
        assertTrue(vm.problems().get("transfer.from").contains("stored run"), vm.problems().toString());
        vm.value("transfer.from").set("3");
        assertTrue(vm.validProperty().get(), vm.problemSummaryProperty().get());
        assertEquals(3L, vm.specProperty().get().transfer().from());
    }

    @Test
    void theActiveLearningPresetsLoadIntoTheSection() throws java.io.IOException {
        vm.loadYaml(java.nio.file.Files.readString(
                java.nio.file.Path.of("assets/presets/active-learning-strategies/coreset.yaml")));
        assertEquals("coreset", vm.value("activeLearning.strategy").get());
        assertEquals("2000", vm.value("activeLearning.poolLimit").get());
        assertTrue(vm.validProperty().get(), vm.problemSummaryProperty().get());
    }
}
