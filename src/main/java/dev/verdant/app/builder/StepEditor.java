package dev.verdant.app.builder;

import dev.verdant.app.Styles;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed editor of one compression step or progressive strategy: a kind chooser and, for the chosen kind, one
 * control per setting (choices as drop-downs, numbers and lists as checked fields, each with its hint). It is
 * checked as the user types, by the spec's own rules ({@link BuilderViewModel#stepProblems}); what is wrong is said
 * in sentences under the form. A step opened with a setting its kind does not have (from an imported spec) says so.
 */
public final class StepEditor extends VBox {

    /** Node id of the kind chooser and of the message line. */
    public static final String KIND_ID = "step-kind";
    public static final String MESSAGE_ID = "step-problems";

    private final BuilderViewModel vm;
    private final String listPath;
    private final ComboBox<String> kind = new ComboBox<>();
    private final GridPane grid = new GridPane();
    private final Map<String, Control> controls = new LinkedHashMap<>();
    private final Map<String, String> unknown = new LinkedHashMap<>();
    private final Label message = new Label();
    private final ReadOnlyStringWrapper problems = new ReadOnlyStringWrapper("");

    /**
     * @param listPath {@link BuilderViewModel#COMPRESSION} or {@link BuilderViewModel#PROGRESSIVE}
     * @param current  the step to edit, or null for a new one
     */
    public StepEditor(BuilderViewModel vm, String listPath, PipelineStep current) {
        this.vm = vm;
        this.listPath = listPath;
        kind.setId(KIND_ID);
        kind.getItems().setAll(StepForms.kinds(listPath));
        String title = current == null ? kind.getItems().get(0) : StepForms.kindOf(listPath, current);
        kind.setValue(kind.getItems().contains(title) ? title : kind.getItems().get(0));
        grid.getStyleClass().add(Styles.FORM);
        grid.setHgap(8);
        grid.setVgap(5);
        message.setId(MESSAGE_ID);
        message.getStyleClass().add(Styles.ERROR_TEXT);
        message.setWrapText(true);
        message.setMaxWidth(460);
        message.textProperty().bind(problems);
        setSpacing(8);
        setPadding(new Insets(4));
        getChildren().addAll(grid, message);
        build(current);
        kind.valueProperty().addListener((o, was, now) -> {
            unknown.clear();
            build(null);
        });
    }

    /** The step as the form describes it (settings left empty take their defaults). */
    public PipelineStep step() {
        PipelineStep skeleton = StepForms.skeleton(listPath, kind.getValue());
        Map<String, String> params = new LinkedHashMap<>(skeleton.parameters());
        controls.forEach((name, c) -> {
            String text = c instanceof ComboBox<?> box ? (box.getValue() == null ? "" : box.getValue().toString())
                    : ((TextField) c).getText();
            if (text != null && !text.isBlank()) {
                params.put(name, text.trim());
            }
        });
        params.putAll(unknown);
        return new PipelineStep(skeleton.type(), params);
    }

    /** What is wrong with the step, one sentence a line; empty when it may be added. */
    public ReadOnlyStringProperty problemsProperty() {
        return problems.getReadOnlyProperty();
    }

    /** The control of setting {@code name}, e.g. {@code sparsity}. */
    public Control control(String name) {
        return controls.get(name);
    }

    private void build(PipelineStep current) {
        grid.getChildren().clear();
        controls.clear();
        grid.addRow(0, new Label("Kind"), kind);
        int row = 1;
        List<StepForms.Param> params = StepForms.params(listPath, kind.getValue());
        for (StepForms.Param p : params) {
            String value = current == null ? null : current.parameters().get(p.name());
            Control c;
            if (p.kind() == SpecField.Kind.CHOICE) {
                ComboBox<String> box = new ComboBox<>();
                box.getItems().addAll(p.choices());
                box.setValue(value); // null: the kind's default, as the prompt says
                box.setPromptText("default");
                box.valueProperty().addListener((o, was, now) -> check());
                c = box;
            } else {
                TextField text = new TextField(value == null ? "" : value);
                text.setPromptText("default");
                text.setPrefColumnCount(18);
                text.textProperty().addListener((o, was, now) -> check());
                c = text;
            }
            c.setId("step-" + p.name());
            c.setTooltip(new Tooltip(p.hint()));
            controls.put(p.name(), c);
            Label hint = new Label(p.hint());
            hint.getStyleClass().add(Styles.HINT);
            hint.setWrapText(true);
            hint.setMaxWidth(300);
            grid.addRow(row++, new Label(p.label()), c, hint);
        }
        if (current != null) {
            current.parameters().forEach((k, v) -> {
                if (!controls.containsKey(k) && !"method".equals(k)) {
                    unknown.put(k, v); // kept so that the sentence names it; the user removes it by choosing a kind
                }
            });
        }
        check();
        if (getScene() != null && getScene().getWindow() != null) {
            getScene().getWindow().sizeToScene();
        }
    }

    private void check() {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, Control> e : controls.entrySet()) {
            if (e.getValue() instanceof TextField t && !t.getText().isBlank()) {
                String typed = typing(StepForms.params(listPath, kind.getValue()).stream()
                        .filter(p -> p.name().equals(e.getKey())).findFirst().orElseThrow(), t.getText().trim());
                if (typed != null) {
                    found.add(e.getKey() + ": " + typed);
                }
            }
        }
        if (found.isEmpty()) {
            found.addAll(vm.stepProblems(listPath, step()));
        }
        problems.set(String.join("\n", found));
        controls.forEach((name, c) -> {
            boolean bad = found.stream().anyMatch(f -> f.startsWith(name + ":"));
            c.getStyleClass().remove(Styles.INVALID);
            if (bad) {
                c.getStyleClass().add(Styles.INVALID);
            }
        });
    }

    /** Why {@code text} is not a value of {@code p}'s kind, or null. */
    private static String typing(StepForms.Param p, String text) {
        try {
            switch (p.kind()) {
                case INT -> Integer.parseInt(text);
                case DOUBLE -> Double.parseDouble(text);
                case INT_LIST -> {
                    for (String part : text.replaceAll("[\\[\\]]", "").trim().split("[,\\s]+")) {
                        Integer.parseInt(part);
                    }
                }
                default -> {
                }
            }
            return null;
        } catch (NumberFormatException e) {
            return "'" + text + "' is not " + switch (p.kind()) {
                case INT -> "a whole number";
                case INT_LIST -> "a list of whole numbers such as 2, 3";
                default -> "a number";
            };
        }
    }
}
