package dev.verdant.app.lessons;

import dev.verdant.app.FxUiExecutor;
import dev.verdant.app.Snapshots;
import dev.verdant.app.playground.PlaygroundView;
import dev.verdant.app.playground.PlaygroundViewModel;
import dev.verdant.run.JobRunner;
import dev.verdant.store.InMemoryRunStore;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The teaching views headless: a student walks a lesson (predict, run, observe), switches to presentation mode and
 * pages to the chart; a playground session draws its decision boundary after one epoch. Snapshots go to
 * {@code target/snapshots/} (lesson, presentation, presentation-chart, playground).
 */
@ExtendWith(ApplicationExtension.class)
class TeachingGuiTest {

    private Stage stage;
    private FxUiExecutor executor;
    private final StackPane root = new StackPane();
    private PlaygroundViewModel playground;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        executor = new FxUiExecutor();
        stage.setScene(new Scene(root, 1200, 780));
        stage.show();
    }

    @AfterEach
    void stop() {
        if (playground != null) {
            playground.close();
        }
        executor.close();
    }

    @Test
    void walksALessonThenPresentsIt(FxRobot robot) throws Exception {
        LessonsViewModel vm = WaitForAsyncUtils.asyncFx(() -> new LessonsViewModel(executor,
                () -> new JobRunner(1, new InMemoryRunStore()))).get();
        robot.interact(() -> {
            root.getChildren().setAll(new LessonsView(vm));
            vm.lessonProperty().set(vm.lessons().stream().filter(l -> l.id().equals("less-data")).findFirst()
                    .orElseThrow());
        });
        assertTrue(robot.lookup("#" + LessonsView.RUN_ID).queryButton().isDisabled(), "no Run before a prediction");
        robot.clickOn((CheckBox) robot.lookup(".check-box").query());
        RadioButton first = robot.lookup(".radio-button").queryAs(RadioButton.class);
        robot.clickOn(first);
        assertEquals(0, vm.predictionProperty().get());
        robot.clickOn("#" + LessonsView.RUN_ID);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> vm.outcomeProperty().get() != null
                || vm.progressProperty().get().startsWith("The lesson could not"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(vm.outcomeProperty().get() != null, vm.progressProperty().get());
        Label outcome = robot.lookup("#" + LessonsView.OUTCOME_ID).queryAs(Label.class);
        assertTrue(outcome.getText().contains("You predicted: " + first.getText()), outcome.getText());
        assertTrue(outcome.getText().contains("Measured answer: " + vm.outcomeProperty().get().answerText()));
        robot.interact(() -> Snapshots.write(stage.getScene(), "lesson"));

        robot.clickOn("#" + LessonsView.PRESENT_ID);
        robot.clickOn("#" + LessonsView.NEXT_ID);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup(".list-view").tryQuery().isPresent(), "presentation mode hides the lesson list");
        robot.interact(() -> Snapshots.write(stage.getScene(), "presentation"));
        robot.clickOn("#" + LessonsView.NEXT_ID);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(".chart").tryQuery().isPresent(), "the last page is the chart");
        robot.interact(() -> Snapshots.write(stage.getScene(), "presentation-chart"));
    }

    @Test
    void playgroundDrawsTheBoundaryAfterAnEpoch(FxRobot robot) throws Exception {
        playground = new PlaygroundViewModel(executor);
        PlaygroundView view = WaitForAsyncUtils.asyncFx(() -> new PlaygroundView(playground)).get();
        robot.interact(() -> root.getChildren().setAll(view));
        // on screen, the playground shows its data before anything trains
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> playground.pictureProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(playground.figuresProperty().get().startsWith("New network"), playground.figuresProperty().get());
        robot.interact(() -> playground.setProperty().set("circles"));
        assertEquals(0, view.drawnBoundaries());
        robot.clickOn("#" + PlaygroundView.STEP_ID);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> view.drawnBoundaries() > 0);
        robot.clickOn("#" + PlaygroundView.STEP_ID);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> playground.epochProperty().get() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.drawnBoundaries() >= 2);
        assertTrue(playground.figuresProperty().get().startsWith("Epoch 2: validation accuracy"),
                playground.figuresProperty().get());
        assertTrue(playground.figuresProperty().get().contains(" J ("), "energy so far, with its method");
        robot.clickOn("Train");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> playground.epochProperty().get() >= 8
                || !playground.trainingProperty().get());
        robot.clickOn("Stop");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !playground.trainingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Snapshots.write(stage.getScene(), "playground"));
    }
}
