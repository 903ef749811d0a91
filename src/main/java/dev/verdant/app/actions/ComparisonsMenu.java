package dev.verdant.app.actions;

import dev.verdant.app.DialogService;
import dev.verdant.app.Styles;
import dev.verdant.app.builder.Presets;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecCodec;
import dev.verdant.spec.SpecException;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Comparisons menu: each folder of specs (the shipped {@code assets/presets/<folder>} and the user's own) is one
 * comparison, listed with its description; choosing it queues all its specs as one run group and shows only them on
 * the live charts.
 */
public final class ComparisonsMenu {

    /** Queues a comparison's specs as one group named after it. */
    @FunctionalInterface
    public interface Starter {
        void start(String name, List<ExperimentSpec> specs);
    }

    private final List<Presets.Folder> shipped;
    private final List<Presets.Folder> own;
    private final Starter starter;
    private final DialogService dialogs;

    /**
     * @param shipped the shipped presets (their folders are the comparisons)
     * @param own     the user's comparisons folder (its folders are comparisons too)
     */
    public ComparisonsMenu(Presets.Folder shipped, Presets.Folder own, Starter starter, DialogService dialogs) {
        this.shipped = shipped.folders().stream().filter(f -> !f.presets().isEmpty()).toList();
        this.own = own.folders().stream().filter(f -> !f.presets().isEmpty()).toList();
        this.starter = starter;
        this.dialogs = dialogs;
    }

    /** Every comparison, the shipped ones first. */
    public List<Presets.Folder> comparisons() {
        List<Presets.Folder> all = new ArrayList<>(shipped);
        all.addAll(own);
        return all;
    }

    /**
     * Reads every spec of {@code comparison} and queues them as one group; when one is not a valid spec nothing is
     * queued and the user is told which file and what is wrong.
     */
    public void run(Presets.Folder comparison) {
        List<ExperimentSpec> specs = new ArrayList<>();
        for (Presets.Preset p : comparison.presets()) {
            try {
                specs.add(SpecCodec.parse(p.yaml()));
            } catch (SpecException e) {
                dialogs.showError("Could not run comparison " + comparison.name(),
                        p.name() + ".yaml is not a valid spec: " + e.problems().stream()
                                .map(pr -> pr.field() + " " + pr.message()).collect(Collectors.joining("; "))
                                + ". Fix the file and choose the comparison again; nothing was queued.");
                return;
            }
        }
        starter.start(comparison.name(), specs);
    }

    /** The menu: one item per comparison (name and description), or a disabled line saying there are none. */
    public Menu menu() {
        Menu menu = new Menu("Comparisons");
        shipped.forEach(f -> menu.getItems().add(item(f)));
        if (!own.isEmpty()) {
            if (!shipped.isEmpty()) {
                menu.getItems().add(new SeparatorMenuItem());
            }
            own.forEach(f -> menu.getItems().add(item(f)));
        }
        if (menu.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(no comparison folders found)");
            none.setDisable(true);
            menu.getItems().add(none);
        }
        return menu;
    }

    private MenuItem item(Presets.Folder f) {
        Label name = new Label(f.name() + "  (" + f.presets().size() + " runs)");
        name.setStyle("-fx-font-weight: bold;");
        VBox box = new VBox(1, name);
        if (!f.description().isEmpty()) {
            Label description = new Label(f.description());
            description.getStyleClass().add(Styles.HINT);
            description.setWrapText(true);
            description.setMaxWidth(420);
            box.getChildren().add(description);
        }
        CustomMenuItem item = new CustomMenuItem(box);
        item.setText(f.name()); // tests and accessibility find it by name
        item.setOnAction(e -> run(f));
        return item;
    }
}
