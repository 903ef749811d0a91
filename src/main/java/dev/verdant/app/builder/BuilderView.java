package dev.verdant.app.builder;

import dev.verdant.app.LazyTooltip;
import dev.verdant.app.Styles;
import dev.verdant.spec.ExperimentSpec;
import javafx.beans.binding.Bindings;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.ValidationMessage;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The experiment builder form: one section per part of the spec, a compression step list, and the Run button,
 * which is disabled while the spec is invalid. Each invalid field carries a ControlsFX error decoration whose
 * tooltip is the validator's message; all messages are also listed under the form.
 */
public final class BuilderView extends BorderPane {

    /** Node ids, for tests and stylesheets. */
    public static final String RUN_BUTTON_ID = "run-button";
    public static final String PROBLEMS_ID = "builder-problems";

    private final BuilderViewModel vm;
    private final Map<String, Control> controls = new HashMap<>();
    private final GraphicValidationDecoration decoration = new GraphicValidationDecoration();
    private final Button run = new Button("Run");
    private static final double LABEL_WIDTH = 128;

    public BuilderView(BuilderViewModel vm, Consumer<ExperimentSpec> onRun) {
        this.vm = vm;
        VBox sections = new VBox(4);
        sections.setPadding(new Insets(4));
        for (String section : SpecField.SECTIONS) {
            TitledPane pane = new TitledPane(section, form(section));
            pane.setCollapsible(true);
            sections.getChildren().add(pane);
        }
        sections.getChildren().add(new TitledPane("Progressive training (in order)", stepListEditor(
                BuilderViewModel.PROGRESSIVE, vm.progressiveSteps(),
                "No progressive strategy: the full network trains from the first epoch")));
        sections.getChildren().add(new TitledPane("Compression steps (in order)", stepListEditor(
                BuilderViewModel.COMPRESSION, vm.compressionSteps(),
                "No compression: the trained model is kept as is")));
        ScrollPane scroll = new ScrollPane(sections);
        scroll.setFitToWidth(true);
        setCenter(scroll);

        Label problems = new Label();
        problems.setId(PROBLEMS_ID);
        problems.getStyleClass().add(Styles.ERROR_TEXT);
        problems.setWrapText(true);
        problems.textProperty().bind(vm.problemSummaryProperty());
        problems.visibleProperty().bind(vm.validProperty().not());
        problems.managedProperty().bind(problems.visibleProperty());
        run.setId(RUN_BUTTON_ID);
        run.getStyleClass().add(Styles.PRIMARY);
        run.disableProperty().bind(vm.validProperty().not());
        LazyTooltip.set(run, "Queue this experiment (Ctrl+R)");
        run.setOnAction(e -> {
            if (vm.specProperty().get() != null) {
                onRun.accept(vm.specProperty().get());
            }
        });
        Label ready = new Label("Ready to run");
        ready.getStyleClass().add(Styles.OK_TEXT);
        ready.visibleProperty().bind(vm.validProperty());
        ready.managedProperty().bind(ready.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, ready, spacer, run);
        VBox bottom = new VBox(4, problems, actions);
        bottom.setPadding(new Insets(6, 8, 8, 8));
        setBottom(bottom);

        vm.problems().addListener((MapChangeListener<String, String>) c -> decorate(c.getKey()));
        controls.keySet().forEach(this::decorate);
        setMinWidth(300);
    }

    /** The control editing {@code path}, e.g. {@code training.learningRate}. */
    public Control control(String path) {
        return controls.get(path);
    }

    /** The CSS id of the control editing {@code path}. */
    public static String fieldId(String path) {
        return "field-" + path.replace('.', '-');
    }

    /**
     * One section's fields as label-control rows. Rows (not a grid) so that a hidden row, e.g. depth for an mlp,
     * takes no space at all.
     */
    private VBox form(String section) {
        VBox rows = new VBox(5);
        rows.setPadding(new Insets(6, 8, 6, 8));
        for (SpecField f : SpecField.ALL) {
            if (!f.section().equals(section)) {
                continue;
            }
            Label label = new Label(f.label());
            label.setMinWidth(LABEL_WIDTH);
            label.setPrefWidth(LABEL_WIDTH);
            Control control = control(f);
            control.setId(fieldId(f.path()));
            control.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(control, Priority.ALWAYS);
            label.setLabelFor(control);
            String tip = FieldTips.of(f.path());
            if (tip != null) {
                LazyTooltip.set(label, tip);
                LazyTooltip.set(control, tip);
            }
            controls.put(f.path(), control);
            HBox row = new HBox(8, label, control);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            rows.getChildren().add(row);
            if (!f.archs().isEmpty()) {
                var applies = Bindings.createBooleanBinding(() -> f.appliesTo(vm.value("model.arch").get()),
                        vm.value("model.arch"));
                row.visibleProperty().bind(applies);
                row.managedProperty().bind(applies);
            } else if (f.path().equals("model.groups")) {
                // the group count only matters for group normalisation
                var applies = Bindings.createBooleanBinding(() -> "group".equals(vm.value("model.norm").get()),
                        vm.value("model.norm"));
                row.visibleProperty().bind(applies);
                row.managedProperty().bind(applies);
            }
        }
        return rows;
    }

    private Control control(SpecField f) {
        if (f.kind() == SpecField.Kind.CHOICE) {
            ComboBox<String> box = new ComboBox<>();
            if (f.optional()) {
                box.getItems().add(""); // "not set"
            }
            box.getItems().addAll(f.choices());
            box.valueProperty().bindBidirectional(vm.value(f.path()));
            if (f.path().equals("model.init")) {
                // zero-residual zeroes the last norm of each residual block: only resnet has them
                Runnable offer = () -> {
                    String keep = box.getValue();
                    boolean resnet = "resnet".equals(vm.value("model.arch").get());
                    box.getItems().setAll(f.choices().stream()
                            .filter(c -> resnet || !"zero-residual".equals(c)).toList());
                    box.setValue(keep);
                };
                vm.value("model.arch").addListener((o, was, now) -> offer.run());
                offer.run();
            }
            return box;
        }
        TextField text = new TextField();
        text.textProperty().bindBidirectional(vm.value(f.path()));
        if (f.optional()) {
            text.setPromptText("(not set)");
        }
        return text;
    }

    private void decorate(String path) {
        Control c = controls.get(path);
        if (c == null) {
            return;
        }
        decoration.removeDecorations(c);
        String message = vm.problems().get(path);
        if (message != null) {
            decoration.applyValidationDecoration(ValidationMessage.error(c, message));
            LazyTooltip.set(c, message);
            if (!c.getStyleClass().contains(Styles.INVALID)) {
                c.getStyleClass().add(Styles.INVALID);
            }
        } else {
            String tip = FieldTips.of(path);
            LazyTooltip.set(c, tip);
            c.getStyleClass().remove(Styles.INVALID);
        }
    }

    /** An ordered list of steps with Add, Edit, Up, Down and Remove; its problems are decorated on the list. */
    private Node stepListEditor(String path, javafx.collections.ObservableList<PipelineStep> steps,
                                String placeholder) {
        ListView<PipelineStep> list = new ListView<>(steps);
        list.setId(fieldId(path));
        list.setPrefHeight(100);
        list.setPlaceholder(new Label(placeholder));
        controls.put(path, list);
        Button add = new Button("Add…");
        Button edit = new Button("Edit…");
        Button up = new Button("Up");
        Button down = new Button("Down");
        Button remove = new Button("Remove");
        var selected = list.getSelectionModel().selectedIndexProperty();
        edit.disableProperty().bind(selected.lessThan(0));
        remove.disableProperty().bind(selected.lessThan(0));
        up.disableProperty().bind(selected.lessThan(1));
        down.disableProperty().bind(Bindings.createBooleanBinding(
                () -> selected.get() < 0 || selected.get() >= steps.size() - 1, selected, steps));
        add.setOnAction(e -> editStep(path, null).ifPresent(steps::add));
        edit.setOnAction(e -> {
            int i = selected.get();
            editStep(path, steps.get(i)).ifPresent(s -> steps.set(i, s));
        });
        up.setOnAction(e -> move(list, -1));
        down.setOnAction(e -> move(list, 1));
        remove.setOnAction(e -> steps.remove(selected.get()));
        return new VBox(4, list, new HBox(4, add, edit, up, down, remove));
    }

    private void move(ListView<PipelineStep> list, int by) {
        int i = list.getSelectionModel().getSelectedIndex();
        int j = i + by;
        var steps = list.getItems();
        if (i < 0 || j < 0 || j >= steps.size()) {
            return;
        }
        PipelineStep s = steps.remove(i);
        steps.add(j, s);
        list.getSelectionModel().select(j);
    }

    private java.util.Optional<PipelineStep> editStep(String path, PipelineStep current) {
        Dialog<PipelineStep> dialog = new Dialog<>();
        dialog.setTitle(current == null ? "Add step" : "Edit step");
        if (getScene() != null) {
            dialog.initOwner(getScene().getWindow());
        }
        StepEditor editor = new StepEditor(vm, path, current);
        dialog.getDialogPane().setContent(editor);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.disableProperty().bind(editor.problemsProperty().isNotEmpty());
        dialog.setResultConverter(b -> b == ButtonType.OK ? editor.step() : null);
        return dialog.showAndWait();
    }
}
