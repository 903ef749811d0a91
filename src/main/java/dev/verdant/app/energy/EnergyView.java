package dev.verdant.app.energy;

import dev.verdant.app.Styles;
import dev.verdant.result.CompressionReport;
import dev.verdant.result.ProbeStatus;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/** The energy panel of the selected (or latest) run. */
public final class EnergyView extends ScrollPane {

    @SuppressWarnings("unchecked")
    public EnergyView(EnergyViewModel vm) {
        Label run = heading("");
        run.textProperty().bind(vm.runProperty());
        Label method = new Label();
        method.setWrapText(true);
        method.textProperty().bind(vm.methodProperty());
        Label emissions = new Label();
        emissions.getStyleClass().add(Styles.FIGURE);
        emissions.textProperty().bind(vm.emissionsProperty());
        Label cost = new Label();
        cost.textProperty().bind(vm.costProperty());
        Label intensity = new Label();
        intensity.getStyleClass().add(Styles.HINT);
        intensity.setWrapText(true);
        intensity.textProperty().bind(vm.intensityProperty());

        TableView<EnergyViewModel.PhaseRow> phases = new TableView<>(vm.phases());
        phases.setId("energy-phases");
        phases.getColumns().add(column("Phase", EnergyViewModel.PhaseRow::phase, 180));
        phases.getColumns().add(column("Energy", EnergyViewModel.PhaseRow::joules, 120));
        phases.getColumns().add(column("Share", EnergyViewModel.PhaseRow::share, 80));
        phases.setPlaceholder(new Label("No energy figures for this run"));
        phases.setPrefHeight(150);

        TableView<ProbeStatus> probes = new TableView<>(vm.probes());
        probes.setId("energy-probes");
        probes.getColumns().add(column("Probe", ProbeStatus::name, 110));
        probes.getColumns().add(column("Measuring", p -> p.available() ? "yes" : "no", 90));
        probes.getColumns().add(column("Why / what", ProbeStatus::reason, 520));
        probes.setPlaceholder(new Label("No probe reports: this run was made without an energy meter"));
        probes.setPrefHeight(150);
        // the reason is the point of this table: give it the remaining width and wrap it rather than cut it off
        probes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ProbeStatus, String> reason = (TableColumn<ProbeStatus, String>) probes.getColumns().get(2);
        reason.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            // a Text wrapped at the column's width: the row grows to the reason's lines instead of cutting it off
            private final javafx.scene.text.Text text = new javafx.scene.text.Text();

            {
                text.wrappingWidthProperty().bind(reason.widthProperty().subtract(12));
                text.fillProperty().bind(textFillProperty());
                text.fontProperty().bind(fontProperty());
                setPrefHeight(javafx.scene.control.Control.USE_COMPUTED_SIZE);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? "" : item);
                setGraphic(empty ? null : text);
            }
        });
        probes.setPrefHeight(190);

        ListView<String> equivalents = new ListView<>(vm.equivalents());
        equivalents.setPlaceholder(new Label("Teaching equivalents appear once energy is measured"));
        equivalents.setPrefHeight(110);

        TableView<CompressionReport> steps = new TableView<>(vm.compression());
        steps.setId("energy-compression");
        steps.getColumns().add(column("Step", CompressionReport::step, 200));
        steps.getColumns().add(simulatedColumn("Accuracy", c -> String.format(java.util.Locale.ROOT, "%.4f",
                c.accuracy()), 150));
        steps.getColumns().add(column("Non-zero params", c -> String.format(java.util.Locale.ROOT, "%,d",
                c.nonzeroParams()), 125));
        steps.getColumns().add(column("Model size", c -> String.format(java.util.Locale.ROOT, "%.1f kB",
                c.modelBytes() / 1000.0), 90));
        steps.getColumns().add(simulatedColumn("Latency b1", c -> String.format(java.util.Locale.ROOT, "%.3f ms",
                c.latencyMsBatch1()), 160));
        steps.getColumns().add(simulatedColumn("Inference J / 1k", c -> c.inferenceJoulesPer1k() == null ? "n/a"
                : String.format(java.util.Locale.ROOT, "%.3f", c.inferenceJoulesPer1k()), 150));
        steps.getColumns().add(column("Step energy", c -> c.energyJoules() == null ? "n/a"
                : String.format(java.util.Locale.ROOT, "%.1f J", c.energyJoules()), 90));
        steps.setPlaceholder(new Label("No compression steps in this run"));
        // columns keep their widths (a narrow window scrolls sideways): squeezed, "0.8162 simulated" read "0.… simul…"
        steps.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        steps.setPrefHeight(150);
        Label simulatedWhy = new Label(CompressionReport.SIMULATED_WHY);
        simulatedWhy.setId(SIMULATED_NOTE_ID);
        simulatedWhy.setWrapText(true);
        simulatedWhy.setStyle(MARK_STYLE);
        simulatedWhy.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.compression().stream().anyMatch(CompressionReport::simulated), vm.compression()));
        simulatedWhy.managedProperty().bind(simulatedWhy.visibleProperty());

        VBox box = new VBox(6, run, method, emissions, cost, intensity, heading("Energy by phase"), phases,
                heading("Energy probes"), probes, heading("Compression: what each step bought and cost"), steps,
                simulatedWhy, int8Section(vm),
                heading("What this compares to"), equivalents);
        box.setPadding(new Insets(10));
        setContent(box);
        setFitToWidth(true);
    }

    /** Node id of the int8 section (one block per 8-bit quantize step). */
    public static final String INT8_ID = "energy-int8";
    /** Style class of one int8 block's heading (which model, how obtained). */
    public static final String INT8_HEADING = "energy-int8-heading";
    /** Style class of one int8 figure line. */
    public static final String INT8_LINE = "energy-int8-line";

    /**
     * The int8 section: per quantize step, which model, how its int8 figures were obtained, int8 beside fp32 on the
     * same runtime, the speed ratio and the layers on integer kernels. Hidden when the run has no 8-bit step.
     */
    private static VBox int8Section(EnergyViewModel vm) {
        VBox rows = new VBox(8);
        VBox section = new VBox(4, heading("Int8 inference on integer kernels (ONNX Runtime, CPU)"), rows);
        section.setId(INT8_ID);
        Runnable fill = () -> {
            rows.getChildren().clear();
            for (Int8Figures.Row r : vm.int8()) {
                Label h = new Label(r.heading());
                h.getStyleClass().add(INT8_HEADING);
                h.setWrapText(true);
                h.setStyle(r.measured() ? "-fx-font-weight: bold;" : MARK_STYLE + " -fx-font-weight: bold;");
                VBox block = new VBox(2, h);
                for (String line : r.lines()) {
                    Label l = new Label(line);
                    l.getStyleClass().add(INT8_LINE);
                    l.setWrapText(true);
                    if (!r.measured()) {
                        l.setStyle(MARK_STYLE);
                    }
                    block.getChildren().add(l);
                }
                block.setPadding(new Insets(0, 0, 0, 8));
                rows.getChildren().add(block);
            }
            section.setVisible(!vm.int8().isEmpty());
            section.setManaged(!vm.int8().isEmpty());
        };
        vm.int8().addListener((javafx.collections.ListChangeListener<Int8Figures.Row>) ch -> fill.run());
        fill.run();
        return section;
    }

    /** Node id of the line that explains simulated figures (shown when a step has them). */
    public static final String SIMULATED_NOTE_ID = "energy-simulated-note";
    /** Style class of the "simulated" mark beside a figure. */
    public static final String SIMULATED_MARK = "simulated-mark";
    // amber and italic: noticeable in both themes without reading as an error
    private static final String MARK_STYLE = "-fx-text-fill: #b26a00; -fx-font-style: italic;";

    /**
     * A compression column whose figure, for a step computed with simulated quantised arithmetic, carries a visible
     * "simulated" mark and the reason as its tooltip.
     */
    private static TableColumn<CompressionReport, CompressionReport> simulatedColumn(
            String title, java.util.function.Function<CompressionReport, String> value, double width) {
        TableColumn<CompressionReport, CompressionReport> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            private final Label figure = new Label();
            private final Label mark = new Label(CompressionReport.SIMULATED);
            private final javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(5, figure, mark);

            {
                // the figure and its mark are never cut to "0.81..."; a narrow column widens to fit them
                figure.setMinWidth(Label.USE_PREF_SIZE);
                mark.setMinWidth(Label.USE_PREF_SIZE);
                mark.getStyleClass().add(SIMULATED_MARK);
                mark.setStyle(MARK_STYLE);
                mark.setTooltip(new javafx.scene.control.Tooltip(CompressionReport.SIMULATED_WHY));
                box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            }

            @Override
            protected void updateItem(CompressionReport item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                figure.setText(value.apply(item));
                mark.setVisible(item.simulated());
                mark.setManaged(item.simulated());
                setTooltip(item.simulated() ? new javafx.scene.control.Tooltip(CompressionReport.SIMULATED_WHY) : null);
                setGraphic(box);
            }
        });
        c.setPrefWidth(width);
        return c;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.HEADING);
        return l;
    }

    private static <T> TableColumn<T, String> column(String title, java.util.function.Function<T, String> value,
                                                     double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
