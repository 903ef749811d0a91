package dev.verdant.app.deploy;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/**
 * The deployment what-if panel: the question as a small form, then the estimate, every line labelled estimated.
 * Layout and bindings only; {@link DeployViewModel} does the work.
 */
public final class DeployView extends VBox {

    /** Id of the Estimate button. */
    public static final String ESTIMATE_ID = "deploy-estimate";
    /** Id of the grid holding the estimate. */
    public static final String RESULT_ID = "deploy-result";

    private final GridPane result = new GridPane();

    public DeployView(DeployViewModel vm) {
        setSpacing(8);
        setPadding(new Insets(10));
        Label title = new Label("Deployment what-if (estimated)");
        title.setStyle("-fx-font-size: 15px; -fx-font-weight: bold");
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("Run id"), field(vm.runIdProperty(), Long::valueOf, "e.g. 7"));
        form.addRow(1, new Label("Requests per day"), field(vm.requestsPerDayProperty(), Long::valueOf, null));
        form.addRow(2, new Label("Batch"), field(vm.batchProperty(), Integer::valueOf, null));
        ChoiceBox<String> precision = new ChoiceBox<>();
        precision.getItems().addAll("fp32", "int8");
        precision.valueProperty().bindBidirectional(vm.precisionProperty());
        form.addRow(3, new Label("Precision"), precision);
        form.addRow(4, new Label("Hardware TDP (W)"), field(vm.tdpProperty(), Double::valueOf,
                "empty: this machine as measured"));
        form.addRow(5, new Label("Years in service"), field(vm.yearsProperty(), Double::valueOf, null));
        Button estimate = new Button("Estimate");
        estimate.setId(ESTIMATE_ID);
        estimate.disableProperty().bind(vm.busyProperty());
        estimate.setOnAction(e -> vm.estimate());
        Label status = new Label();
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        result.setId(RESULT_ID);
        result.setHgap(12);
        result.setVgap(4);
        getChildren().addAll(title, form, estimate, status, result);
        vm.lines().addListener((ListChangeListener<String[]>) c -> {
            result.getChildren().clear();
            int row = 0;
            for (String[] line : vm.lines()) {
                Label name = new Label(line[0]);
                name.setStyle("-fx-font-weight: bold");
                // the names stay whole; long values (the int8 line) wrap instead of squeezing the names to "..."
                name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                Label value = new Label(line[1]);
                value.setWrapText(true);
                result.addRow(row++, name, value);
            }
        });
    }

    /** A text field bound to {@code property}; text that does not parse leaves the property null. */
    private static <T> TextField field(javafx.beans.property.ObjectProperty<T> property, Function<String, T> parse,
                                       String prompt) {
        TextField f = new TextField(property.get() == null ? "" : String.valueOf(property.get()));
        f.setPromptText(prompt);
        f.setPrefColumnCount(14);
        // The view model may change the value too (a run picked elsewhere): keep the text in step without a loop.
        property.addListener((o, was, now) -> {
            String text = now == null ? "" : String.valueOf(now);
            T shown;
            try {
                shown = f.getText().isBlank() ? null : parse.apply(f.getText().trim().replace(",", ""));
            } catch (NumberFormatException e) {
                shown = null;
            }
            if (!java.util.Objects.equals(shown, now)) {
                f.setText(text);
            }
        });
        f.textProperty().addListener((o, was, now) -> {
            try {
                property.set(now.isBlank() ? null : parse.apply(now.trim().replace(",", "")));
            } catch (NumberFormatException e) {
                property.set(null);
            }
        });
        return f;
    }
}
