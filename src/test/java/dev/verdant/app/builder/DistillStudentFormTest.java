package dev.verdant.app.builder;

import dev.verdant.app.UiExecutor;
import dev.verdant.spec.CompressionStepSpec;
import dev.verdant.spec.Mappers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The typed distill form edits the student's model section with the builder's choices. */
class DistillStudentFormTest {

    private final BuilderViewModel vm = new BuilderViewModel(UiExecutor.synchronous());

    @Test
    void theDistillFormOffersTheStudentsArchitectureAndKnobsAndTheyReachTheSpec() throws Exception {
        List<StepForms.Param> params = StepForms.params(BuilderViewModel.COMPRESSION, "distill");
        StepForms.Param arch = params.stream().filter(p -> p.name().equals("student.arch")).findFirst()
                .orElseThrow();
        assertEquals(SpecField.Kind.CHOICE, arch.kind());
        assertEquals(dev.verdant.spec.ModelSpec.ARCHS, arch.choices());
        assertTrue(params.stream().map(StepForms.Param::name).toList()
                .containsAll(List.of("teacher", "student.hidden", "student.depth", "student.width")));

        PipelineStep step = new PipelineStep("distill", Map.of("teacher", "self", "student.arch", "mlp",
                "student.hidden", "32,16"));
        assertEquals(List.of(), vm.stepProblems(BuilderViewModel.COMPRESSION, step));
        CompressionStepSpec.Distill d = (CompressionStepSpec.Distill) Mappers.json()
                .treeToValue(step.toJson(), CompressionStepSpec.class);
        assertEquals("mlp", d.student().arch().label());
        assertEquals(List.of(32, 16), d.student().hidden());
        // read back from the spec, the student fills the same form fields
        PipelineStep back = PipelineStep.fromJson(step.toJson());
        assertEquals("mlp", back.parameters().get("student.arch"));
        assertEquals("32,16", back.parameters().get("student.hidden"));

        PipelineStep bad = new PipelineStep("distill", Map.of("teacher", "self", "student.arch", "lenet5",
                "student.width", "20"));
        List<String> problems = vm.stepProblems(BuilderViewModel.COMPRESSION, bad);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("student.width:")), problems.toString());
    }
}
