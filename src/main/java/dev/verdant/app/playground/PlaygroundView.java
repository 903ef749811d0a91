package dev.verdant.app.playground;

import dev.verdant.lesson.Playground;
import dev.verdant.run.PlaygroundSession;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.util.List;

/**
 * The playground's layout: controls on the left, the picture (boundary and points) in the middle, the figures below.
 * Only layout and bindings; the work is in {@link PlaygroundViewModel}.
 */
public final class PlaygroundView extends BorderPane {

    /** Node ids the GUI tests look up. */
    public static final String CANVAS_ID = "playground-canvas";
    public static final String STEP_ID = "playground-step";

    private static final Color CLASS0 = Color.web("#0072B2");
    private static final Color CLASS1 = Color.web("#D55E00");
    /** Opaque light tints for the boundary (translucent cells would show seams where they overlap). */
    private static final Color TINT0 = Color.web("#9cc7e6");
    private static final Color TINT1 = Color.web("#f2b48a");

    private final PlaygroundViewModel vm;
    /** The canvas's side where the window has room for it. */
    private static final double SIDE = 520;
    private final Canvas canvas = new Canvas(SIDE, SIDE);
    private int drawnBoundaries;

    /** The view of {@code vm}. */
    public PlaygroundView(PlaygroundViewModel vm) {
        this.vm = vm;
        canvas.setId(CANVAS_ID);
        ComboBox<String> set = new ComboBox<>();
        set.getItems().setAll(Playground.SETS);
        set.valueProperty().bindBidirectional(vm.setProperty());
        ComboBox<String> features = new ComboBox<>();
        features.getItems().setAll(List.of("xy", "playground", "fourier"));
        features.valueProperty().bindBidirectional(vm.featuresProperty());
        Slider noise = new Slider(0, 0.5, vm.noiseProperty().get());
        noise.setShowTickLabels(true);
        noise.setMajorTickUnit(0.1);
        Label noiseValue = new Label();
        noiseValue.textProperty().bind(vm.noiseProperty().asString("noise %.2f"));
        noise.valueChangingProperty().addListener((o, was, now) -> {
            if (!now) {
                vm.noiseProperty().set(Math.round(noise.getValue() * 100) / 100.0);
            }
        });
        vm.noiseProperty().addListener((o, was, now) -> noise.setValue(now.doubleValue()));
        Slider samples = new Slider(100, 2000, vm.samplesProperty().get());
        samples.setShowTickLabels(true);
        samples.setMajorTickUnit(500);
        Label samplesValue = new Label();
        samplesValue.textProperty().bind(vm.samplesProperty().asString("%d points"));
        samples.valueChangingProperty().addListener((o, was, now) -> {
            if (!now) {
                vm.samplesProperty().set((int) Math.round(samples.getValue() / 50) * 50);
            }
        });
        Button step = new Button("Step one epoch");
        step.setId(STEP_ID);
        step.setOnAction(e -> vm.step());
        step.disableProperty().bind(vm.trainingProperty());
        Button train = new Button("Train");
        train.setOnAction(e -> vm.train());
        train.disableProperty().bind(vm.trainingProperty());
        Button stop = new Button("Stop");
        stop.setOnAction(e -> vm.stop());
        stop.disableProperty().bind(vm.trainingProperty().not());
        Button reset = new Button("New network");
        reset.setOnAction(e -> vm.reset());
        VBox controls = new VBox(8, new Label("Data set"), set, new Label("Inputs"), features, noiseValue, noise,
                samplesValue, samples, new HBox(6, step, train), new HBox(6, stop, reset));
        controls.setPadding(new Insets(10));
        controls.setPrefWidth(230);
        Label figures = new Label();
        figures.textProperty().bind(vm.figuresProperty());
        figures.setWrapText(true);
        figures.setPadding(new Insets(8));
        setLeft(controls);
        // the canvas stays square and fits the space left (on a 700-pixel screen a fixed 520 pixels pushed the
        // figures line out of sight)
        javafx.scene.layout.StackPane holder = new javafx.scene.layout.StackPane(canvas);
        holder.setMinSize(0, 0);
        holder.setPrefSize(SIDE, SIDE);
        javafx.beans.InvalidationListener fit = o -> {
            double side = Math.max(120, Math.min(SIDE, Math.min(holder.getWidth(), holder.getHeight()) - 8));
            if (side != canvas.getWidth()) {
                canvas.setWidth(side);
                canvas.setHeight(side);
                draw(vm.pictureProperty().get());
            }
        };
        holder.widthProperty().addListener(fit);
        holder.heightProperty().addListener(fit);
        setCenter(holder);
        setBottom(figures);
        vm.pictureProperty().addListener((o, was, now) -> draw(now));
        draw(vm.pictureProperty().get());
        // the data shows as soon as the playground is on screen, before anything trains
        sceneProperty().addListener((o, was, now) -> {
            if (now != null && vm.pictureProperty().get() == null) {
                vm.reset();
            }
        });
    }

    /** How many times a decision boundary has been drawn (tests wait for it). */
    public int drawnBoundaries() {
        return drawnBoundaries;
    }

    private void draw(PlaygroundViewModel.Picture p) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        if (p == null) {
            return;
        }
        int n = PlaygroundViewModel.GRID;
        if (p.grid() != null) {
            for (int row = 0; row < n; row++) {
                double y0 = Math.floor(row * h / n);
                double y1 = Math.floor((row + 1) * h / n);
                for (int col = 0; col < n; col++) {
                    double x0 = Math.floor(col * w / n);
                    double x1 = Math.floor((col + 1) * w / n);
                    g.setFill(TINT0.interpolate(TINT1, p.grid()[row * n + col]));
                    g.fillRect(x0, y0, x1 - x0, y1 - y0);
                }
            }
            drawnBoundaries++;
        }
        PlaygroundSession.Points pts = p.points();
        double e = Playground.EXTENT;
        for (int i = 0; i < pts.labels().length; i++) {
            double x = (pts.xy()[2 * i] + e) / (2 * e) * w;
            double y = (e - pts.xy()[2 * i + 1]) / (2 * e) * h;
            g.setFill(pts.labels()[i] == 1 ? CLASS1 : CLASS0);
            g.fillOval(x - 3.5, y - 3.5, 7, 7);
            g.setStroke(Color.WHITE);
            g.strokeOval(x - 3.5, y - 3.5, 7, 7);
        }
    }
}
