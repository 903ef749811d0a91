package dev.verdant.app;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first-frame callback (startup figure, CDS recording) comes after the shown window's first pulse has run. */
@ExtendWith(ApplicationExtension.class)
class FirstFrameGuiTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void theCallbackComesOnlyAfterThePulseThatLaidOutAndDrewTheNewWindow() throws Exception {
        CompletableFuture<double[]> seen = new CompletableFuture<>();
        Platform.runLater(() -> {
            Label label = new Label("first frame");
            stage.setScene(new Scene(label, 300, 200));
            stage.show();
            AtomicInteger pulses = new AtomicInteger();
            AnimationTimer counter = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    pulses.incrementAndGet();
                }
            };
            counter.start(); // started first: it runs before FirstFrame's timer in each pulse
            FirstFrame.then(() -> {
                counter.stop();
                seen.complete(new double[] {pulses.get(), label.getWidth(), label.getHeight()});
            });
        });
        double[] r = seen.get(30, TimeUnit.SECONDS);
        assertTrue(r[0] >= FirstFrame.PULSES, "at least " + FirstFrame.PULSES + " pulse starts, saw " + r[0]);
        assertTrue(r[1] > 0 && r[2] > 0, "the label was laid out by then: " + r[1] + "x" + r[2]);
    }
}
