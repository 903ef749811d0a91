package dev.verdant.app.energy;

import dev.verdant.app.Snapshots;
import dev.verdant.result.CompressionReport;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.run.Job;
import dev.verdant.spec.SpecCodec;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 point 5: in the Energy panel, every figure of a step computed with simulated quantised arithmetic carries
 * a visible "simulated" mark, and one line says why. Writes {@code target/snapshots/10-energy-simulated.png}.
 */
@ExtendWith(ApplicationExtension.class)
class EnergyPanelGuiTest {

    private final EnergyViewModel vm = new EnergyViewModel();
    private EnergyView view;

    @Start
    void start(Stage stage) {
        view = new EnergyView(vm);
        stage.setScene(new Scene(view, 1100, 760));
        stage.show();
    }

    @Test
    void simulatedFiguresAreMarkedAndExplained(FxRobot robot) {
        RunResult r = Job.of(SpecCodec.parse("name: prune-then-int8\ndataset: { limit: 400 }\n"
                + "training: { epochs: 1 }\ndevice: cpu\ncompression:\n  - { type: prune, sparsity: 0.8 }\n"
                + "  - { type: quantize, bits: 8 }\n")).runHere();
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        List<CompressionReport> steps = r.compression();
        assertEquals(List.of(false, false, true), steps.stream().map(CompressionReport::simulated).toList(),
                "only the quantised step is simulated");

        robot.interact(() -> vm.show(r));
        WaitForAsyncUtils.waitForFxEvents();
        Set<Node> marks = robot.lookup("." + EnergyView.SIMULATED_MARK).queryAll();
        long visible = marks.stream().filter(Node::isVisible).count();
        assertEquals(3, visible, "accuracy, latency and inference energy of the one simulated row");
        marks.stream().filter(Node::isVisible).forEach(m ->
                assertEquals(CompressionReport.SIMULATED, ((Label) m).getText()));
        Label note = robot.lookup("#" + EnergyView.SIMULATED_NOTE_ID).queryAs(Label.class);
        assertTrue(note.isVisible());
        assertTrue(note.getText().contains("fp32 kernels plus fake quantisation")
                && note.getText().contains("int8 runtime"), note.getText());

        Path[] png = new Path[1];
        robot.interact(() -> png[0] = Snapshots.write(view.getContent(), "10-energy-simulated"));
        assertTrue(Files.exists(png[0]));

        RunResult plain = new RunResult(r.id(), r.name(), r.status(), null, r.spec(), r.provenance(),
                r.finalMetrics().withoutDelivered(), r.epochs(), r.power(), r.startedAt(), r.endedAt(),
                steps.subList(0, 2));
        robot.interact(() -> vm.show(plain));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, robot.lookup("." + EnergyView.SIMULATED_MARK).queryAll().stream().filter(Node::isVisible)
                .count(), "no simulated step, no mark");
        assertTrue(!robot.lookup("#" + EnergyView.SIMULATED_NOTE_ID).queryAs(Label.class).isVisible());
    }
}
