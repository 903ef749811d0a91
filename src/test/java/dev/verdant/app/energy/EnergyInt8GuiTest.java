package dev.verdant.app.energy;

import dev.verdant.app.Snapshots;
import dev.verdant.result.CompressionReport;
import dev.verdant.result.Int8Inference;
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
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20 point 4 in the window: for a run whose 8-bit quantize step ran on ONNX Runtime's integer kernels, the
 * Energy panel shows the int8 latency and joules labelled {@code measured (onnxruntime int8)}, the fp32 figures on the
 * same runtime beside them, the speed ratio and the layers on integer kernels, all said to be the delivered model's;
 * a run whose int8 figures stayed simulated (a 4-bit step) says simulated and why. Writes
 * {@code target/snapshots/11-energy-int8.png} at 1024x700.
 */
@ExtendWith(ApplicationExtension.class)
class EnergyInt8GuiTest {

    private final EnergyViewModel vm = new EnergyViewModel();
    private EnergyView view;
    private Scene scene;

    @Start
    void start(Stage stage) {
        view = new EnergyView(vm);
        scene = new Scene(view, 1024, 700);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void measuredInt8FiguresAreLabelledAndSimulatedOnesSaySo(FxRobot robot) {
        RunResult r = run(8);
        CompressionReport q = r.compression().get(r.compression().size() - 1);
        assertTrue(q.int8() != null && q.int8().measured(), "the 8-bit step ran on ONNX Runtime: " + q.int8());

        robot.interact(() -> vm.show(r));
        WaitForAsyncUtils.waitForFxEvents();
        Node section = robot.lookup("#" + EnergyView.INT8_ID).query();
        assertTrue(section.isVisible());
        String heading = texts(robot, EnergyView.INT8_HEADING).get(0);
        assertTrue(heading.startsWith("Delivered model (step 1 of 1: " + q.step() + ")")
                && heading.endsWith(Int8Inference.MEASURED), heading);
        List<String> lines = texts(robot, EnergyView.INT8_LINE);
        String all = String.join("\n", lines);
        assertTrue(lines.get(0).startsWith(String.format(Locale.ROOT, "int8 latency %.3f ms per batch of 64",
                q.int8().latencyMsBatch64())) && lines.get(0).contains(Int8Inference.MEASURED), all);
        assertTrue(all.contains(String.format(Locale.ROOT, "fp32 on the same runtime (same network before "
                + "quantisation): %.3f ms per batch of 64", q.int8().fp32LatencyMsBatch64()))
                && all.contains(Int8Figures.FP32_SAME_RUNTIME), all);
        assertTrue(all.contains(String.format(Locale.ROOT, "int8 runs at %.2fx fp32's speed",
                q.int8().fp32LatencyMsBatch64() / q.int8().latencyMsBatch64())), all);
        assertTrue(all.contains(String.format(Locale.ROOT, "integer kernels in %d of %d weighted layers",
                q.int8().integerLayers(), q.int8().layers().size())), all);
        // the spec meters energy, so the joules line gives the figure and the meter's method
        assertTrue(lines.get(1).startsWith("int8 energy ") && lines.get(1).contains(Int8Inference.MEASURED)
                && lines.get(1).contains("joules " + r.finalMetrics().energyMethod()), lines.get(1));

        Path[] png = new Path[1];
        robot.interact(() -> {
            view.setVvalue(view.getVmax());
            view.layout();
            png[0] = Snapshots.write(scene, "11-energy-int8");
        });
        assertTrue(Files.exists(png[0]));

        RunResult four = run(4);
        robot.interact(() -> vm.show(four));
        WaitForAsyncUtils.waitForFxEvents();
        String simHeading = texts(robot, EnergyView.INT8_HEADING).get(0);
        assertTrue(simHeading.startsWith("Delivered model") && simHeading.endsWith(": " + Int8Inference.SIMULATED),
                simHeading);
        String simAll = String.join("\n", texts(robot, EnergyView.INT8_LINE));
        assertTrue(simAll.contains("Not run on integer kernels: ONNX Runtime's CPU integer kernels take 8-bit "
                + "weights") && simAll.contains(": " + Int8Inference.SIMULATED + " (fp32 kernels"), simAll);
        assertFalse(simAll.contains(Int8Inference.MEASURED), "nothing of a simulated run reads as measured: " + simAll);

        RunResult plain = new RunResult(r.id(), r.name(), r.status(), null, r.spec(), r.provenance(),
                r.finalMetrics().withoutDelivered(), r.epochs(), r.power(), r.startedAt(), r.endedAt(), List.of());
        robot.interact(() -> vm.show(plain));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#" + EnergyView.INT8_ID).query().isVisible(), "no quantize step, no int8 section");
    }

    private static RunResult run(int bits) {
        RunResult r = Job.of(SpecCodec.parse("name: int8-window\ndataset: { limit: 400 }\ntraining: { epochs: 1 }\n"
                + "device: cpu\ncompression:\n  - { type: quantize, bits: " + bits + " }\n")).runHere();
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        return r;
    }

    private static List<String> texts(FxRobot robot, String styleClass) {
        return robot.lookup("." + styleClass).queryAllAs(Label.class).stream().filter(Node::isVisible)
                .map(Label::getText).toList();
    }
}
