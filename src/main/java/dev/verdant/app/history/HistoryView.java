package dev.verdant.app.history;

import dev.verdant.app.DialogService;
import dev.verdant.result.RunResult;
import dev.verdant.spec.ExperimentSpec;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/** The table of stored runs with a filter box and the actions on selected runs. */
public final class HistoryView extends BorderPane {

    public static final String TABLE_ID = "history-table";
    public static final String FILTER_ID = "history-filter";
    public static final String COMPARE_ID = "compare-button";
    public static final String GROUPS_ID = "history-groups";
    /** Node id of the "Group by" chooser. */
    public static final String GROUP_BY_ID = "history-group-by";

    private final TableView<HistoryRow> table = new TableView<>();

    /**
     * @param onCompare gets the selected runs in full (two or more)
     * @param onClone   gets the selected run's spec, to open in the builder
     * @param onRerun   gets the selected run's spec, to queue unchanged
     * @param onSelect  gets the selected runs in full whenever the selection changes (energy panel, Pareto);
     *                  an empty list when nothing is selected any more
     * @param dialogs   asks for the tag
     */
    public HistoryView(HistoryViewModel vm, Consumer<List<RunResult>> onCompare, Consumer<ExperimentSpec> onClone,
                       Consumer<ExperimentSpec> onRerun, Consumer<List<RunResult>> onSelect, DialogService dialogs) {
        TextField filter = new TextField();
        filter.setId(FILTER_ID);
        filter.setPromptText("Filter: name, dataset, arch, status, tag…");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        filter.setMinWidth(110);

        Button compare = new Button("Compare");
        compare.setId(COMPARE_ID);
        compare.setTooltip(new Tooltip("Select two or more runs to compare them"));
        compare.disableProperty().bind(Bindings.size(vm.selection()).lessThan(2));
        compare.setOnAction(e -> vm.loadSelected(onCompare));
        Button clone = new Button("Clone and change");
        clone.setTooltip(new Tooltip("Open the run's spec in the builder"));
        clone.disableProperty().bind(Bindings.isEmpty(vm.selection()));
        clone.setOnAction(e -> vm.selectedSpec(onClone));
        Button rerun = new Button("Re-run");
        rerun.disableProperty().bind(Bindings.isEmpty(vm.selection()));
        rerun.setOnAction(e -> vm.selectedSpec(onRerun));
        Button tag = new Button("Tag…");
        tag.disableProperty().bind(Bindings.isEmpty(vm.selection()));
        tag.setOnAction(e -> dialogs.askText("Tag the selected runs", "").ifPresent(vm::tagSelected));
        Button untag = new Button("Untag…");
        untag.setId(UNTAG_ID);
        untag.setTooltip(new Tooltip("Remove a tag from the selected runs"));
        untag.disableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.selection().stream().allMatch(r -> r.tags().isEmpty()), vm.selection()));
        untag.setOnAction(e -> dialogs.askText("Remove which tag from the selected runs?",
                vm.selection().stream().flatMap(r -> r.tags().stream()).findFirst().orElse(""))
                .ifPresent(vm::untagSelected));
        Button delete = new Button("Delete");
        delete.disableProperty().bind(Bindings.isEmpty(vm.selection()));
        delete.setOnAction(e -> vm.deleteSelected());
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> vm.refresh());
        javafx.scene.control.MenuButton columns = new javafx.scene.control.MenuButton("Columns");
        columns.setTooltip(new Tooltip("Show any spec field as a column of the run table"));
        for (dev.verdant.app.builder.SpecField f : dev.verdant.app.builder.SpecField.ALL) {
            javafx.scene.control.CheckMenuItem item = new javafx.scene.control.CheckMenuItem(f.path());
            item.selectedProperty().addListener((o, was, now) -> {
                if (now) {
                    vm.addSpecColumn(f.path());
                } else {
                    vm.removeSpecColumn(f.path());
                }
            });
            columns.getItems().add(item);
        }
        javafx.scene.control.ComboBox<String> groupBy = new javafx.scene.control.ComboBox<>(
                javafx.collections.FXCollections.observableArrayList(HistoryViewModel.groupChoices()));
        groupBy.setId(GROUP_BY_ID);
        groupBy.valueProperty().bindBidirectional(vm.groupByProperty());
        groupBy.setTooltip(new Tooltip("Group by: show the runs under one header row per value of a field "
                + "(status, tag or any spec field)"));
        groupBy.setMaxWidth(150);
        Label groupLabel = new Label("Group by");
        groupLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(6, filter, compare, clone, rerun, tag, untag, delete, refresh, columns, groupLabel,
                groupBy);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6));
        // buttons keep their words; the filter field gives way
        bar.getChildren().stream().filter(n -> n instanceof Button)
                .forEach(b -> ((Button) b).setMinWidth(Region.USE_PREF_SIZE));
        setTop(bar);

        table.setId(TABLE_ID);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No runs yet: finished runs appear here"));
        table.getColumns().addAll(List.of(
                // the run's id: the number the queue, the chart legends, Compare and 'verdant runs' use
                number("ID", r -> (double) r.id(), "%.0f", 45),
                text("Name", HistoryRow::name, 130),
                text("Dataset", HistoryRow::dataset, 80),
                text("Arch", HistoryRow::arch, 60),
                text("Strategy", HistoryRow::strategy, 170),
                text("Compression", HistoryRow::compression, 90),
                number("delivered acc", HistoryRow::accuracy, "%.4f", 85, HistoryRow::deliveredSimulated),
                number("trained acc", HistoryRow::trainedAccuracy, "%.4f", 80),
                number("Energy J", HistoryRow::energyJoules, "%.1f", 75),
                number("gCO2e", HistoryRow::co2eGrams, "%.4f", 65),
                number("Params", r -> r.params() == null ? null : r.params().doubleValue(), "%,.0f", 75),
                text("Status", HistoryRow::status, 75),
                text("Date", r -> r.date() == null ? "" : r.date().replace('T', ' ').replaceFirst("\\..*", ""), 140),
                text("Tags", r -> String.join(", ", r.tags()), 90)));
        vm.specColumns().addListener((ListChangeListener<String>) c -> {
            table.getColumns().removeIf(col -> col.getId() != null && col.getId().startsWith(SPEC_COLUMN_PREFIX));
            for (String path : vm.specColumns()) {
                TableColumn<HistoryRow, String> col = text(path, r -> vm.specValue(r.id(), path), 110);
                col.setId(SPEC_COLUMN_PREFIX + path);
                table.getColumns().add(col);
            }
        });
        vm.specs().addListener((javafx.collections.MapChangeListener<Long, com.fasterxml.jackson.databind.JsonNode>)
                c -> table.refresh());
        SortedList<HistoryRow> sorted = new SortedList<>(vm.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        // grouped, the table shows the view model's header-and-member rows in their order (no column sorting)
        table.setSortPolicy(t -> HistoryViewModel.GROUP_NONE.equals(vm.groupByProperty().get())
                && TableView.DEFAULT_SORT_POLICY.call(t));
        vm.groupByProperty().addListener((o, was, now) -> {
            table.getSelectionModel().clearSelection();
            table.setItems(HistoryViewModel.GROUP_NONE.equals(now) ? sorted : vm.groupedRows());
        });
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(HistoryRow row, boolean empty) {
                super.updateItem(row, empty);
                setStyle(!empty && row != null && row.isGroupHeader() ? "-fx-font-weight: bold;" : "");
            }
        });
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<HistoryRow>) c -> {
            // a group header is not a run: selecting it selects nothing
            vm.selection().setAll(table.getSelectionModel().getSelectedItems().stream()
                    .filter(r -> r != null && !r.isGroupHeader()).toList());
            vm.loadNotes();
            if (!vm.selection().isEmpty()) {
                vm.loadSelected(onSelect);
            } else {
                onSelect.accept(List.of());
            }
        });
        setCenter(table);
        setBottom(new VBox(notesPane(vm), groupTable(vm)));
    }

    /**
     * The run groups (specs run with repeats) below the run table, each with mean ± 95% CI; selecting groups selects
     * their members in the run table, so Compare on two selected groups tests them (Welch). Hidden while none exist.
     */
    private VBox groupTable(HistoryViewModel vm) {
        TableView<GroupRow> groups = new TableView<>(vm.groups());
        groups.setId(GROUPS_ID);
        groups.setPrefHeight(110); // the run table above gets the room
        groups.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        groups.getColumns().addAll(List.of(
                groupText("Group", r -> "group " + r.id(), 70),
                groupText("Name", GroupRow::name, 130),
                groupText("Runs", GroupRow::runs, 120),
                groupText("Delivered acc (mean ± 95% CI)", GroupRow::accuracy, 190),
                groupText("Energy J (mean ± 95% CI)", GroupRow::energyJoules, 170),
                groupText("Time s (mean ± 95% CI)", GroupRow::trainSeconds, 150),
                groupText("Members", r -> r.runIds().stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(", ", "runs ", "")), 160)));
        groups.setPrefHeight(140);
        groups.getSelectionModel().getSelectedItems().addListener((ListChangeListener<GroupRow>) c -> {
            java.util.Set<Long> members = new java.util.HashSet<>();
            groups.getSelectionModel().getSelectedItems().forEach(g -> members.addAll(vm.members(g)));
            if (members.isEmpty()) {
                return;
            }
            int[] rows = java.util.stream.IntStream.range(0, table.getItems().size())
                    .filter(i -> members.contains(table.getItems().get(i).id())).toArray();
            if (rows.length == 0) {
                return;
            }
            // one selection change, so the selected runs are loaded once, not once per member
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().selectIndices(rows[0], java.util.Arrays.copyOfRange(rows, 1, rows.length));
        });
        Label title = new Label("Run groups (repeats and comparisons): select one or two to select their runs, "
                + "then Compare");
        title.getStyleClass().add(dev.verdant.app.Styles.HEADING);
        VBox box = new VBox(4, title, groups);
        box.setPadding(new Insets(6));
        box.visibleProperty().bind(Bindings.isNotEmpty(vm.groups()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** Id prefix of the spec-field columns (followed by the field's path). */
    public static final String SPEC_COLUMN_PREFIX = "spec-column-";

    /** Node ids of the notes editor's field and the Untag button. */
    public static final String NOTE_FIELD_ID = "history-note";
    public static final String UNTAG_ID = "history-untag";

    /** The notes of the first selected run, and a field to add one (Enter or Add note). */
    private static javafx.scene.Node notesPane(HistoryViewModel vm) {
        javafx.scene.control.ListView<String> list = new javafx.scene.control.ListView<>(vm.notes());
        list.setPrefHeight(52);
        list.setPlaceholder(new Label("No notes on this run"));
        TextField text = new TextField();
        text.setId(NOTE_FIELD_ID);
        text.setPromptText("Add a note to the first selected run: what you tried, what you saw…");
        Button add = new Button("Add note");
        Runnable addNote = () -> {
            vm.addNote(text.getText());
            text.clear();
        };
        add.setOnAction(e -> addNote.run());
        text.setOnAction(e -> addNote.run());
        add.disableProperty().bind(text.textProperty().isEmpty());
        HBox.setHgrow(text, Priority.ALWAYS);
        Label title = new Label("Notes");
        title.getStyleClass().add(dev.verdant.app.Styles.HEADING);
        VBox box = new VBox(4, title, list, new HBox(6, text, add));
        box.setPadding(new Insets(6));
        box.visibleProperty().bind(Bindings.isNotEmpty(vm.selection()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static TableColumn<GroupRow, String> groupText(String title, Function<GroupRow, String> value,
                                                           double width) {
        TableColumn<GroupRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    public TableView<HistoryRow> table() {
        return table;
    }

    /** Header of the "show on charts" column. */
    public static final String CHART_COLUMN = "chart";

    /**
     * Adds the "show on charts" check after the ID column: ticked when {@code charted} says the run is on the
     * charts; ticking or unticking calls {@code toggle} with the run's id. {@link #refreshChecks()} re-reads them.
     */
    public void addChartChecks(java.util.function.LongPredicate charted,
                               java.util.function.BiConsumer<Long, Boolean> toggle) {
        TableColumn<HistoryRow, Boolean> c = new TableColumn<>(CHART_COLUMN);
        c.setCellValueFactory(cd -> {
            if (cd.getValue().isGroupHeader()) {
                return null; // no check on a group header
            }
            long id = cd.getValue().id();
            javafx.beans.property.BooleanProperty p = new javafx.beans.property.SimpleBooleanProperty(
                    charted.test(id));
            p.addListener((o, was, now) -> toggle.accept(id, now));
            return p;
        });
        c.setCellFactory(javafx.scene.control.cell.CheckBoxTableCell.forTableColumn(c));
        c.setEditable(true);
        c.setSortable(false);
        c.setPrefWidth(50);
        table.setEditable(true);
        table.getColumns().add(Math.min(1, table.getColumns().size()), c); // after the ID column
        Label header = new Label(CHART_COLUMN);
        header.setTooltip(new Tooltip("Show on charts: the Pareto chart plots the ticked completed runs"));
        c.setGraphic(header);
        c.setText("");
    }

    /** Re-reads the "show on charts" checks (the charted runs changed elsewhere). */
    public void refreshChecks() {
        table.refresh();
    }

    private static TableColumn<HistoryRow, String> text(String title, Function<HistoryRow, String> value,
                                                        double width) {
        TableColumn<HistoryRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** A numeric column that sorts by value and shows {@code n/a} for missing figures. */
    private static TableColumn<HistoryRow, Double> number(String title, Function<HistoryRow, Double> value,
                                                          String format, double width) {
        return number(title, value, format, width, r -> false);
    }

    /**
     * A figure column; where {@code simulated} holds for a row, its figure came from simulated quantised arithmetic
     * and the cell says so ({@code 0.8162 sim.}, the tooltip says why), so it is never read as a measured one.
     */
    private static TableColumn<HistoryRow, Double> number(String title, Function<HistoryRow, Double> value,
                                                          String format, double width,
                                                          java.util.function.Predicate<HistoryRow> simulated) {
        TableColumn<HistoryRow, Double> c = new TableColumn<>(title);
        javafx.scene.control.Tooltip why = new javafx.scene.control.Tooltip(
                dev.verdant.result.CompressionReport.SIMULATED_WHY);
        // a group header row has no figures: NaN draws as a blank cell, not as "n/a"
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().isGroupHeader() ? Double.NaN
                : value.apply(cd.getValue())));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                HistoryRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                boolean sim = row != null && v != null && simulated.test(row);
                setText(empty || (v != null && v.isNaN()) ? null
                        : v == null ? "n/a" : String.format(Locale.ROOT, format, v) + (sim ? " sim." : ""));
                setTooltip(sim ? why : null);
                setAlignment(Pos.CENTER_RIGHT);
            }
        });
        c.setComparator(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        c.setPrefWidth(width);
        return c;
    }
}
