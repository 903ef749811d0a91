package dev.verdant.app.actions;

import dev.verdant.app.AppState;
import dev.verdant.app.DialogService;
import dev.verdant.app.DialogService.FileType;
import dev.verdant.app.builder.BuilderViewModel;

import java.util.List;

/**
 * File -> Save spec as: asks where to write the builder's spec as YAML (proposing {@code NAME.yaml}) and writes it
 * off the FX thread. An invalid form is not saved: the problems are shown instead.
 */
public final class SaveSpecAction implements AppAction {

    private final BuilderViewModel builder;
    private final AppState state;
    private final DialogService dialogs;

    public SaveSpecAction(BuilderViewModel builder, AppState state, DialogService dialogs) {
        this.builder = builder;
        this.state = state;
        this.dialogs = dialogs;
    }

    @Override
    public void execute() {
        if (!builder.validProperty().get()) {
            dialogs.showError("The spec is not valid yet", builder.problemSummaryProperty().get());
            return;
        }
        dialogs.chooseFileToSave("Save spec as", builder.value("name").get() + ".yaml",
                List.of(FileType.SPEC, FileType.ALL)).ifPresent(f ->
                builder.save(f, () -> state.status("Saved " + f),
                        e -> dialogs.showError("Could not save " + f.getFileName(), e)));
    }
}
