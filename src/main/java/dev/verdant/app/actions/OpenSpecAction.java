package dev.verdant.app.actions;

import dev.verdant.app.AppState;
import dev.verdant.app.DialogService;
import dev.verdant.app.DialogService.FileType;
import dev.verdant.app.builder.BuilderViewModel;

import java.util.List;

/** File -> Open spec: asks for a YAML or JSON spec file and loads it into the builder off the FX thread. */
public final class OpenSpecAction implements AppAction {

    private final BuilderViewModel builder;
    private final AppState state;
    private final DialogService dialogs;

    public OpenSpecAction(BuilderViewModel builder, AppState state, DialogService dialogs) {
        this.builder = builder;
        this.state = state;
        this.dialogs = dialogs;
    }

    @Override
    public void execute() {
        dialogs.chooseFileToOpen("Open spec", List.of(FileType.SPEC, FileType.ALL)).ifPresent(f ->
                builder.open(f, () -> state.status("Opened " + f),
                        e -> dialogs.showError("Could not open " + f.getFileName(), e)));
    }
}
