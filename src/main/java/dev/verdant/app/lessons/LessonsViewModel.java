package dev.verdant.app.lessons;

import dev.verdant.app.UiExecutor;
import dev.verdant.lesson.Lesson;
import dev.verdant.lesson.LessonCatalog;
import dev.verdant.lesson.LessonOutcome;
import dev.verdant.lesson.LessonRunner;
import dev.verdant.run.JobRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.function.Supplier;

/**
 * The Lessons panel's state: the lessons, the chosen one, the student's prediction, the run in progress and the
 * outcome. Running is refused until a prediction is made (Predict comes before Run). The lesson runs on the
 * executor's background thread with a job runner from {@code runners} (stored like any other run).
 */
public final class LessonsViewModel {

    private final UiExecutor executor;
    private final Supplier<JobRunner> runners;
    private final ObservableList<Lesson> lessons = FXCollections.observableArrayList();
    private final ObjectProperty<Lesson> lesson = new SimpleObjectProperty<>();
    private final IntegerProperty prediction = new SimpleIntegerProperty(-1);
    private final BooleanProperty quick = new SimpleBooleanProperty();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final ObjectProperty<LessonOutcome> outcome = new SimpleObjectProperty<>();
    private final StringProperty progress = new SimpleStringProperty("");
    private final BooleanProperty presentation = new SimpleBooleanProperty();
    private volatile LessonRunner current;

    /** Lessons run with job runners from {@code runners} on {@code executor}'s background thread. */
    public LessonsViewModel(UiExecutor executor, Supplier<JobRunner> runners) {
        this.executor = executor;
        this.runners = runners;
        lessons.setAll(LessonCatalog.all());
        lesson.addListener((o, was, now) -> {
            prediction.set(-1);
            outcome.set(null);
            progress.set("");
        });
        if (!lessons.isEmpty()) {
            lesson.set(lessons.get(0));
        }
    }

    /** Whether Run may be pressed: a lesson, a prediction, nothing running. */
    public boolean canRun() {
        return lesson.get() != null && prediction.get() >= 0 && !running.get();
    }

    /** Runs the chosen lesson with the prediction made; the outcome arrives on the FX thread. */
    public void run() {
        if (!canRun()) {
            progress.set(prediction.get() < 0 ? "Make a prediction first: pick one of the answers." : "");
            return;
        }
        Lesson l = lesson.get();
        int p = prediction.get();
        boolean q = quick.get();
        running.set(true);
        outcome.set(null);
        progress.set("Starting " + l.title() + "…");
        executor.runInBackground(() -> {
            try (JobRunner runner = runners.get()) {
                current = new LessonRunner(runner);
                return current.run(l, q, p, line -> executor.onFx(() -> progress.set(line)));
            }
        }, result -> {
            running.set(false);
            outcome.set(result);
            progress.set("Done: " + result.runs().all().size() + " runs.");
        }, e -> {
            running.set(false);
            progress.set("The lesson could not finish: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        });
    }

    /** Cancels the lesson's runs. */
    public void cancel() {
        LessonRunner r = current;
        if (r != null) {
            r.cancel();
        }
    }

    public ObservableList<Lesson> lessons() {
        return lessons;
    }

    public ObjectProperty<Lesson> lessonProperty() {
        return lesson;
    }

    public IntegerProperty predictionProperty() {
        return prediction;
    }

    public BooleanProperty quickProperty() {
        return quick;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public ObjectProperty<LessonOutcome> outcomeProperty() {
        return outcome;
    }

    public StringProperty progressProperty() {
        return progress;
    }

    public BooleanProperty presentationProperty() {
        return presentation;
    }
}
