package dev.verdant.app.cluster;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.function.Function;


/** Cluster settings: layout and bindings only; {@link ClusterViewModel} does the work. */
public final class ClusterView extends VBox {

    private final Timeline refresher;

    public ClusterView(ClusterViewModel vm) {
        setSpacing(8);
        setPadding(new Insets(10));
        TextField iface = new TextField();
        iface.setId("cluster-interface");
        iface.textProperty().bindBidirectional(vm.bindInterfaceProperty());
        TextField port = new TextField();
        port.setId("cluster-port");
        port.setPrefColumnCount(6);
        port.textProperty().bindBidirectional(vm.portProperty());
        TextField key = new TextField();
        key.setId("cluster-key");
        key.setPrefColumnCount(28);
        key.textProperty().bindBidirectional(vm.keyFileProperty());
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("Listen on"), iface, new Label("port"), port);
        form.addRow(1, new Label("Key file"), key);
        GridPane.setColumnSpan(key, 3);
        iface.disableProperty().bind(vm.runningProperty().or(vm.busyProperty()));
        port.disableProperty().bind(iface.disableProperty());
        key.disableProperty().bind(iface.disableProperty());

        Button start = new Button("Start");
        start.setId("cluster-start");
        start.setOnAction(e -> vm.start());
        start.disableProperty().bind(vm.runningProperty().or(vm.busyProperty()));
        Button stop = new Button("Stop");
        stop.setId("cluster-stop");
        stop.setOnAction(e -> vm.stop());
        stop.disableProperty().bind(vm.runningProperty().not().or(vm.busyProperty()));
        Button createKey = new Button("Create key");
        createKey.setOnAction(e -> vm.createKey());
        createKey.disableProperty().bind(vm.busyProperty());
        Label status = new Label();
        status.setId("cluster-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        HBox buttons = new HBox(8, start, stop, createKey);

        TableView<ClusterViewModel.WorkerRow> workers = new TableView<>(vm.workers());
        workers.setId("cluster-workers");
        workers.setPlaceholder(new Label("No worker has joined."));
        workers.getColumns().add(column("Worker", ClusterViewModel.WorkerRow::name));
        workers.getColumns().add(column("Host", ClusterViewModel.WorkerRow::host));
        workers.getColumns().add(column("CPU", ClusterViewModel.WorkerRow::cpu));
        workers.getColumns().add(column("GPU", ClusterViewModel.WorkerRow::gpu));
        workers.getColumns().add(column("Devices", ClusterViewModel.WorkerRow::devices));
        workers.getColumns().add(column("State", ClusterViewModel.WorkerRow::state));
        workers.setPrefHeight(150);
        workers.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableView<ClusterViewModel.TrialRow> trials = new TableView<>(vm.trials());
        trials.setId("cluster-trials");
        trials.setPlaceholder(new Label("No trial is running in the cluster."));
        trials.getColumns().add(column("Trial", ClusterViewModel.TrialRow::trial));
        trials.getColumns().add(column("Attempt", ClusterViewModel.TrialRow::attempt));
        trials.getColumns().add(column("State", ClusterViewModel.TrialRow::state));
        trials.getColumns().add(column("Worker", ClusterViewModel.TrialRow::worker));
        trials.getColumns().add(column("Run", ClusterViewModel.TrialRow::run));
        trials.getColumns().add(column("Progress", ClusterViewModel.TrialRow::progress));
        VBox.setVgrow(trials, Priority.ALWAYS);
        trials.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        ListView<String> rejected = new ListView<>(vm.rejections());
        rejected.setPrefHeight(80);
        Label rejectedLabel = new Label();
        rejectedLabel.textProperty().bind(Bindings.size(vm.rejections())
                .asString("Rejected (unsigned or forged): %d"));
        Label trust = new Label("Traffic is signed, not encrypted: use a trusted LAN, or a VPN or SSH tunnel "
                + "(docs/cluster.md).");
        trust.setWrapText(true);

        getChildren().addAll(form, buttons, status, new Label("Workers"), workers, new Label("Running trials"),
                trials, rejectedLabel, rejected, trust);

        refresher = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.refresh()));
        refresher.setCycleCount(Timeline.INDEFINITE);
        refresher.play();
    }

    /** Stops the once-a-second refresh (when the window closes). */
    public void dispose() {
        refresher.stop();
    }

    private static <R> TableColumn<R, String> column(String title, Function<R, Object> value) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(String.valueOf(value.apply(cell.getValue()))));
        return c;
    }
}
