package dev.verdant.app.actions;

import dev.verdant.app.AppState;
import dev.verdant.app.DialogService.FileType;
import dev.verdant.app.RecordingDialogService;
import dev.verdant.app.UiExecutor;
import dev.verdant.app.builder.BuilderViewModel;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File -> Open spec and Save spec as, driven through a recording dialog service and a real builder. */
class FileActionsTest {

    private final AppState state = new AppState();
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final BuilderViewModel builder = new BuilderViewModel(UiExecutor.synchronous());

    @TempDir
    Path dir;

    @Test
    void openLoadsTheChosenSpecIntoTheBuilder() throws Exception {
        Path file = dir.resolve("opened.yaml");
        Files.writeString(file, SpecCodec.toYaml(ExperimentSpec.defaults().withName("opened")));
        new OpenSpecAction(builder, state, dialogs.answerFile(file)).execute();
        assertEquals("opened", builder.value("name").get());
        assertEquals("Opened " + file, state.statusProperty().get());
        RecordingDialogService.Shown asked = dialogs.shown().get(0);
        assertEquals("open", asked.kind());
        assertEquals(List.of(FileType.SPEC, FileType.ALL).toString(), asked.details());
        assertTrue(dialogs.shown("error").isEmpty());
    }

    @Test
    void cancellingTheChooserChangesNothing() {
        String before = builder.toYaml();
        new OpenSpecAction(builder, state, dialogs).execute();
        assertEquals(before, builder.toYaml());
        assertEquals("Ready", state.statusProperty().get());
        assertEquals(1, dialogs.shown().size());
    }

    @Test
    void aFileThatIsNotASpecIsReportedByName() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "model: { arch: mlp, bogus: 3 }\n");
        new OpenSpecAction(builder, state, dialogs.answerFile(file)).execute();
        List<RecordingDialogService.Shown> errors = dialogs.shown("error");
        assertEquals(1, errors.size());
        assertEquals("Could not open broken.yaml", errors.get(0).title());
        assertTrue(errors.get(0).message().contains("bogus"), errors.get(0).message());
        assertEquals(ExperimentSpec.defaults().name(), builder.value("name").get(), "the form is unchanged");
    }

    @Test
    void saveProposesTheSpecsNameAndWritesYaml() throws Exception {
        builder.value("name").set("my-run");
        Path target = dir.resolve("chosen.yaml");
        new SaveSpecAction(builder, state, dialogs.answerFile(target)).execute();
        assertEquals("my-run.yaml", dialogs.shown("save").get(0).message());
        ExperimentSpec saved = SpecCodec.read(target);
        assertEquals("my-run", saved.name());
        assertEquals(builder.specProperty().get(), saved);
        assertEquals("Saved " + target, state.statusProperty().get());
    }

    @Test
    void anInvalidFormIsNotSavedAndItsProblemsAreShown() {
        builder.value("training.learningRate").set("abc");
        new SaveSpecAction(builder, state, dialogs.answerFile(dir.resolve("never.yaml"))).execute();
        assertTrue(dialogs.shown("save").isEmpty(), "no file chooser for an invalid spec");
        RecordingDialogService.Shown error = dialogs.shown("error").get(0);
        assertEquals("The spec is not valid yet", error.title());
        assertTrue(error.message().contains("'abc' is not a number"), error.message());
        assertFalse(Files.exists(dir.resolve("never.yaml")));
    }
}
