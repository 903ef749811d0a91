package dev.verdant.app.builder;

import dev.verdant.app.UiExecutor;
import dev.verdant.spec.CompressionStepSpec;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ModelSpec;
import dev.verdant.spec.SpecException;
import dev.verdant.spec.TrainingSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuilderViewModelTest {

    private final BuilderViewModel vm = new BuilderViewModel(UiExecutor.synchronous());

    @Test
    void theDefaultSpecIsValid() {
        assertTrue(vm.validProperty().get(), vm.problemSummaryProperty().get());
        assertEquals(ExperimentSpec.defaults(), vm.specProperty().get());
    }

    @Test
    void textThatIsNotANumberIsMarkedOnItsFieldAndDisablesRun() {
        vm.value("training.learningRate").set("abc");
        assertFalse(vm.validProperty().get());
        assertNull(vm.specProperty().get());
        assertEquals("'abc' is not a number", vm.problems().get("training.learningRate"));
        assertTrue(vm.problemSummaryProperty().get().contains("Learning rate: 'abc' is not a number"));
    }

    @Test
    void validatorMessagesLandOnTheirFieldAndClearWhenFixed() {
        vm.value("training.learningRate").set("-1");
        assertTrue(vm.problems().get("training.learningRate").contains("must be above 0"));
        vm.value("training.learningRate").set("0.01");
        assertTrue(vm.validProperty().get());
        assertTrue(vm.problems().isEmpty());
        assertEquals(0.01, vm.specProperty().get().training().learningRate());
    }

    @Test
    void hiddenLayerProblemsAreShownOnTheHiddenField() {
        vm.value("model.hidden").set("128, x");
        assertEquals("'128, x' is not a list of whole numbers such as 128, 64", vm.problems().get("model.hidden"));
        vm.value("model.hidden").set("128 0");
        assertTrue(vm.problems().get("model.hidden").contains("between 1 and 65536"));
        vm.value("model.hidden").set("32, 16, 8");
        assertEquals(List.of(32, 16, 8), vm.specProperty().get().model().hidden());
    }

    @Test
    void optionalFieldsMayBeEmptyButRequiredOnesMayNot() {
        vm.value("dataset.limit").set("");
        assertTrue(vm.validProperty().get());
        assertNull(vm.specProperty().get().dataset().limit());
        vm.value("training.epochs").set("");
        assertEquals("is required", vm.problems().get("training.epochs"));
    }

    @Test
    void choiceListsComeFromTheSpecConstants() {
        assertEquals(ModelSpec.ARCHS, field("model.arch").choices());
        assertEquals(ModelSpec.INITS, field("model.init").choices());
        assertEquals(ModelSpec.NORMS, field("model.norm").choices());
        assertEquals(TrainingSpec.OPTIMIZERS, field("training.optimizer").choices());
        assertEquals(TrainingSpec.SCHEDULES, field("training.schedule").choices());
        assertEquals(DatasetSpec.NAMES, field("dataset.name").choices());
        assertEquals(ExperimentSpec.DEVICES, field("device").choices());
        assertTrue(field("model.depth").appliesTo("resnet"));
        assertFalse(field("model.depth").appliesTo("mlp"));
    }

    @Test
    void fieldsTheFormDoesNotShowAreKept() {
        ExperimentSpec spec = ExperimentSpec.defaults().withDataset(
                new DatasetSpec("spirals", null, 0.3, null, null, 500, 0.25));
        vm.load(spec);
        vm.value("training.epochs").set("4");
        ExperimentSpec made = vm.specProperty().get();
        assertEquals(500, made.dataset().samples());
        assertEquals(0.25, made.dataset().noise());
        assertEquals(4, made.training().epochs());
    }

    @Test
    void savesAndOpensYaml(@TempDir Path dir) {
        vm.value("name").set("saved");
        vm.value("model.arch").set("lenet5");
        Path file = dir.resolve("s.yaml");
        AtomicReference<Throwable> error = new AtomicReference<>();
        vm.save(file, () -> { }, error::set);
        BuilderViewModel other = new BuilderViewModel(UiExecutor.synchronous());
        other.open(file, () -> { }, error::set);
        assertNull(error.get());
        assertEquals(vm.specProperty().get(), other.specProperty().get());
        assertEquals("lenet5", other.value("model.arch").get());
    }

    @Test
    void yamlWithAnInvalidValueLoadsAndMarksTheField() {
        vm.loadYaml("name: x\ntraining:\n  epochs: 0\n");
        assertEquals("x", vm.value("name").get());
        assertTrue(vm.problems().get("training.epochs").contains("between 1 and 10000"));
    }

    @Test
    void yamlThatIsNotASpecIsRefusedWithTheFieldNamed() {
        SpecException e = assertThrows(SpecException.class, () -> vm.loadYaml("name: x\ntrainin:\n  epochs: 2\n"));
        assertTrue(e.getMessage().contains("unknown field 'trainin'"), e.getMessage());
    }

    @Test
    void compressionStepsAreEditedAsAnOrderedList() {
        var steps = vm.compressionSteps();
        steps.add(PipelineStep.parse("prune", "sparsity=0.5, fineTuneEpochs=1"));
        steps.add(PipelineStep.parse("quantize", "bits=8"));
        steps.add(0, steps.remove(1));
        assertEquals(List.of("quantize", "prune"), steps.stream().map(PipelineStep::type).toList());
        assertEquals("sparsity=0.5; fineTuneEpochs=1", steps.get(1).parameterText());
        assertThrows(IllegalArgumentException.class, () -> PipelineStep.parse("prune", "sparsity"));
        assertTrue(vm.validProperty().get(), vm.problemSummaryProperty().get());
        var spec = vm.specProperty().get();
        assertEquals(List.of("quantize", "prune"), spec.compression().stream().map(c -> c.type()).toList());
        assertEquals(8, ((CompressionStepSpec.Quantize) spec.compression().get(0)).bits());
        assertEquals(0.5, ((CompressionStepSpec.MagnitudePrune) spec.compression().get(1)).sparsity());
        steps.set(0, PipelineStep.parse("quantize", "bits=3"));
        assertFalse(vm.validProperty().get());
        assertTrue(vm.problems().containsKey(BuilderViewModel.COMPRESSION), vm.problems().toString());
    }

    @Test
    void progressiveStrategiesTakeListParametersAndRoundTrip() {
        vm.value("model.arch").set("resnet");
        vm.value("training.epochs").set("5");
        vm.progressiveSteps().add(PipelineStep.parse("stack", "epochs=2; depths=8,14"));
        vm.value("model.depth").set("14");
        assertTrue(vm.validProperty().get(), vm.problemSummaryProperty().get());
        var p = vm.specProperty().get().training().progressive().get(0);
        assertEquals(List.of(8, 14), p.depths());
        BuilderViewModel again = new BuilderViewModel(UiExecutor.synchronous());
        again.loadYaml(vm.toYaml());
        assertEquals("epochs=2; depths=8,14", again.progressiveSteps().get(0).parameterText());
        assertEquals(vm.specProperty().get(), again.specProperty().get());
    }

    @Test
    void earlyStoppingIsOffUntilOneOfItsFieldsIsSet() {
        assertNull(vm.specProperty().get().training().earlyStopping());
        vm.value("training.earlyStopping.patience").set("2");
        var es = vm.specProperty().get().training().earlyStopping();
        assertEquals(2, es.patience());
        assertEquals("valLoss", es.monitor());
        vm.value("training.earlyStopping.patience").set("");
        assertNull(vm.specProperty().get().training().earlyStopping());
    }

    @Test
    void presetsLoadAndAreValid() {
        var presets = Presets.load();
        assertTrue(presets.containsKey("quickstart"), presets.keySet().toString());
        vm.loadYaml(presets.get("quickstart"));
        assertTrue(vm.validProperty().get(), vm.problemSummaryProperty().get());
        assertEquals("quickstart", vm.value("name").get());
    }

    private static SpecField field(String path) {
        return SpecField.ALL.stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
    }
}
