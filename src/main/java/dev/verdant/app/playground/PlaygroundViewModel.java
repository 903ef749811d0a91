package dev.verdant.app.playground;

import dev.verdant.app.UiExecutor;
import dev.verdant.lesson.Playground;
import dev.verdant.run.PlaygroundSession;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The playground's state and actions: which set, noise, points, features; step one epoch or train on; the latest
 * picture (points and boundary grid) and figures. All training and grid predictions run on one background thread
 * (the session is single-threaded); results come back to the FX thread through the {@link UiExecutor}.
 */
public final class PlaygroundViewModel {

    /** Cells per side of the decision-boundary grid. */
    public static final int GRID = 80;

    /**
     * What the view draws.
     *
     * @param points the training points (x, y pairs) and labels
     * @param grid   class-1 probability on a {@link #GRID}² grid over [-EXTENT, EXTENT]², top row first; null before
     *               the first epoch
     */
    public record Picture(PlaygroundSession.Points points, float[] grid) {
    }

    private final UiExecutor ui;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "verdant-playground");
        t.setDaemon(true);
        return t;
    });
    private final StringProperty set = new SimpleStringProperty("spirals");
    private final DoubleProperty noise = new SimpleDoubleProperty(Playground.defaultNoise("spirals"));
    private final IntegerProperty samples = new SimpleIntegerProperty(Playground.defaultSamples());
    private final StringProperty features = new SimpleStringProperty(Playground.defaultFeatures("spirals"));
    private final ObjectProperty<Picture> picture = new SimpleObjectProperty<>();
    private final IntegerProperty epoch = new SimpleIntegerProperty();
    private final StringProperty figures = new SimpleStringProperty("Press Step or Train to start.");
    private final BooleanProperty training = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private PlaygroundSession session; // worker thread only
    private volatile boolean stopRequested;
    private Future<?> current;

    /** A playground whose results reach the FX thread through {@code ui}. */
    public PlaygroundViewModel(UiExecutor ui) {
        this.ui = ui;
        set.addListener((o, was, now) -> {
            noise.set(Playground.defaultNoise(now));
            features.set(Playground.defaultFeatures(now));
            reset();
        });
        noise.addListener((o, was, now) -> reset());
        samples.addListener((o, was, now) -> reset());
        features.addListener((o, was, now) -> reset());
    }

    /** Drops the network and regenerates the data with the current settings (the points show at once). */
    public void reset() {
        stopRequested = true;
        String s = set.get();
        double n = noise.get();
        int k = samples.get();
        String f = features.get();
        submit(() -> {
            closeSession();
            session = PlaygroundSession.start(Playground.spec(s, n, k, f));
            PlaygroundSession.Points pts = session.trainPoints();
            ui.onFx(() -> {
                picture.set(new Picture(pts, null));
                epoch.set(0);
                figures.set("New network: " + pts.labels().length + " training points. Press Step or Train.");
            });
        });
    }

    /** Trains one epoch and redraws the boundary. */
    public void step() {
        stopRequested = false;
        ensureSession();
        submit(this::oneEpoch);
    }

    /** Trains epoch after epoch, redrawing after each, until {@link #stop()} or 0.99 accuracy or the epoch cap. */
    public void train() {
        stopRequested = false;
        ensureSession();
        ui.onFx(() -> training.set(true));
        submit(() -> {
            try {
                for (int i = 0; i < Playground.MAX_EPOCHS && !stopRequested; i++) {
                    if (oneEpoch().valAccuracy() >= 0.99) {
                        break;
                    }
                }
            } finally {
                ui.onFx(() -> training.set(false));
            }
        });
    }

    /** Stops training after the current epoch. */
    public void stop() {
        stopRequested = true;
    }

    private void ensureSession() {
        String s = set.get();
        double n = noise.get();
        int k = samples.get();
        String f = features.get();
        submit(() -> {
            if (session == null) {
                session = PlaygroundSession.start(Playground.spec(s, n, k, f));
            }
        });
    }

    private PlaygroundSession.Step oneEpoch() {
        PlaygroundSession.Step s = session.step();
        float[] grid = session.grid(GRID, -Playground.EXTENT, Playground.EXTENT);
        PlaygroundSession.Points pts = session.trainPoints();
        String text = String.format(Locale.ROOT, "Epoch %d: validation accuracy %.3f, training %.3f; energy so far "
                + "%.2f J (%s, training and drawing)", s.epoch(), s.valAccuracy(), s.trainAccuracy(), s.joules(),
                s.energyMethod());
        ui.onFx(() -> {
            picture.set(new Picture(pts, grid));
            epoch.set(s.epoch());
            figures.set(text);
        });
        return s;
    }

    private synchronized void submit(Runnable work) {
        ui.onFx(() -> busy.set(true));
        current = worker.submit(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                ui.onFx(() -> figures.set("The playground stopped: " + why));
            } finally {
                ui.onFx(() -> busy.set(false));
            }
        });
    }

    private void closeSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    /** Stops the worker and frees the network. */
    public void close() {
        stopRequested = true;
        worker.submit(this::closeSession);
        worker.shutdown();
    }

    public StringProperty setProperty() {
        return set;
    }

    public DoubleProperty noiseProperty() {
        return noise;
    }

    public IntegerProperty samplesProperty() {
        return samples;
    }

    public StringProperty featuresProperty() {
        return features;
    }

    public ObjectProperty<Picture> pictureProperty() {
        return picture;
    }

    public IntegerProperty epochProperty() {
        return epoch;
    }

    public StringProperty figuresProperty() {
        return figures;
    }

    public BooleanProperty trainingProperty() {
        return training;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }
}
