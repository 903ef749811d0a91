package dev.verdant.app.queue;

import dev.verdant.app.Styles;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Map;
import java.util.WeakHashMap;

/** The run queue: per run its name, status, a progress bar, epoch, elapsed time, ETA and Cancel. */
public final class QueueView extends BorderPane {

    /** Node id of the list. */
    public static final String LIST_ID = "run-queue";
    /** Node id of the device notice above the list. */
    public static final String DEVICE_NOTICE_ID = "queue-device-notice";

    private final RunQueueViewModel vm;
    private final Map<RunItem, Node> nodes = new WeakHashMap<>();

    public QueueView(RunQueueViewModel vm) {
        this.vm = vm;
        ListView<RunItem> list = new ListView<>(vm.items());
        list.setId(LIST_ID);
        list.setPlaceholder(new Label("No runs yet: build an experiment and press Run (Ctrl+R)"));
        list.setCellFactory(l -> {
            ListCell<RunItem> cell = new ListCell<>() {
                @Override
                protected void updateItem(RunItem item, boolean empty) {
                    super.updateItem(item, empty);
                    setGraphic(empty || item == null ? null : nodes.computeIfAbsent(item, QueueView.this::node));
                }
            };
            // A cell as wide as the list, never wider: the row's contents shrink and wrap instead of pushing the
            // status and Cancel off-screen behind a horizontal scroll bar.
            cell.setPrefWidth(0);
            cell.setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
            return cell;
        });
        Label title = new Label("Run queue");
        title.getStyleClass().add(Styles.HEADING);
        Button clear = new Button("Clear finished");
        clear.setOnAction(e -> vm.clearFinished());
        Label active = new Label();
        active.textProperty().bind(vm.activeCountProperty().asString("%d active"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, title, active, spacer, clear);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setStyle("-fx-padding: 2 6 2 6;");
        clear.setMinWidth(Region.USE_PREF_SIZE);
        // the notice every CPU run would repeat ("no CUDA GPU found, training on CPU ..."), said once
        Label device = new Label();
        device.setId(DEVICE_NOTICE_ID);
        device.textProperty().bind(vm.deviceNoticeProperty());
        device.getStyleClass().add(Styles.HINT);
        device.setWrapText(true);
        device.setMinWidth(0);
        device.setStyle("-fx-padding: 0 6 2 6;");
        device.visibleProperty().bind(vm.deviceNoticeProperty().isNotEmpty());
        device.managedProperty().bind(device.visibleProperty());
        setTop(new VBox(top, device));
        setCenter(list);
    }

    private java.util.function.BiConsumer<RunItem, Boolean> onShowOnCharts = (item, shown) -> { };

    /** Called when a run's "show on charts" check changes (the window hides its curves, charts its result). */
    public void setOnShowOnCharts(java.util.function.BiConsumer<RunItem, Boolean> action) {
        onShowOnCharts = action;
    }

    private Node node(RunItem item) {
        Label name = new Label();
        name.textProperty().bind(item.labelProperty());
        name.setStyle("-fx-font-weight: bold;");
        name.setMinWidth(40); // a long name is cut with an ellipsis; status and Cancel keep their room
        Label status = new Label();
        status.textProperty().bind(item.statusProperty());
        status.getStyleClass().add("queue-status");
        status.setMinWidth(Region.USE_PREF_SIZE);
        status.setId("status-" + item.key());
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(item.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        Label epoch = new Label();
        epoch.textProperty().bind(item.epochProperty());
        Label elapsed = new Label();
        elapsed.textProperty().bind(item.elapsedProperty());
        Label eta = new Label();
        eta.textProperty().bind(item.etaProperty());
        Label message = new Label();
        message.textProperty().bind(item.messageProperty());
        message.getStyleClass().add(Styles.HINT);
        message.setWrapText(true);
        message.setMinWidth(0);
        message.setMaxWidth(Double.MAX_VALUE);
        message.visibleProperty().bind(item.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-" + item.key());
        cancel.disableProperty().bind(item.resultProperty().isNotNull());
        cancel.setOnAction(e -> vm.cancel(item));
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        javafx.scene.control.CheckBox chart = new javafx.scene.control.CheckBox("show on charts");
        chart.selectedProperty().bindBidirectional(item.shownOnChartsProperty());
        chart.selectedProperty().addListener((o, was, now) -> onShowOnCharts.accept(item, now));
        chart.setMinWidth(Region.USE_PREF_SIZE);
        HBox head = new HBox(8, name, spacer, chart, status);
        epoch.setMinWidth(0);
        elapsed.setMinWidth(Region.USE_PREF_SIZE);
        eta.setMinWidth(0);
        HBox figures = new HBox(10, epoch, elapsed, eta, new Region(), cancel);
        HBox.setHgrow(figures.getChildren().get(3), Priority.ALWAYS);
        figures.setAlignment(Pos.CENTER_LEFT);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(head, bar, figures, message);
        box.getStyleClass().add(Styles.QUEUE_ITEM);
        box.setMinWidth(0);
        box.setPrefWidth(0); // as wide as the cell gives, so long text wraps rather than widening the row
        return box;
    }
}
