package dev.verdant.app.actions;

import dev.verdant.app.AppState;
import dev.verdant.app.DialogService;
import dev.verdant.app.builder.BuilderViewModel;
import dev.verdant.app.builder.Presets;
import dev.verdant.spec.SpecException;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;

/**
 * File -> Presets: every shipped spec, the single presets first and then one submenu per comparison folder
 * (e.g. {@code batchnorm-vs-none}); choosing one loads it into the builder.
 */
public final class PresetsMenu {

    private final Presets.Folder presets;
    private final BuilderViewModel builder;
    private final AppState state;
    private final DialogService dialogs;

    public PresetsMenu(Presets.Folder presets, BuilderViewModel builder, AppState state, DialogService dialogs) {
        this.presets = presets;
        this.builder = builder;
        this.state = state;
        this.dialogs = dialogs;
    }

    /** Loads {@code preset} into the builder; a preset that is not a spec is reported, the form left as it was. */
    public void load(Presets.Preset preset) {
        try {
            builder.loadYaml(preset.yaml());
            state.status("Loaded preset " + preset.name());
        } catch (SpecException e) {
            dialogs.showError("Could not load preset " + preset.name(), e);
        }
    }

    /** The Presets menu. */
    public Menu menu() {
        Menu menu = fill(new Menu("Presets"), presets);
        if (menu.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(no presets found)");
            none.setDisable(true);
            menu.getItems().add(none);
        }
        return menu;
    }

    private Menu fill(Menu menu, Presets.Folder folder) {
        for (Presets.Preset p : folder.presets()) {
            MenuItem item = new MenuItem(p.name());
            item.setOnAction(e -> load(p));
            menu.getItems().add(item);
        }
        for (Presets.Folder sub : folder.folders()) {
            menu.getItems().add(fill(new Menu(sub.name()), sub));
        }
        return menu;
    }
}
