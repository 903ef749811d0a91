package dev.verdant.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sweep files: the issue's example reads, round-trips, and every kind of mistake is a clear error before a run. */
class SweepSpecTest {

    @TempDir
    Path dir;

    private static final String ISSUE_EXAMPLE = """
            sweep:
              name: width-and-lr
              base: base.yaml
              parameters:
                training.learningRate: { values: [0.0003, 0.001, 0.003] }
                model.hidden:          { values: [[32], [64], [128, 64]] }
                model.width:           { range: [0.25, 1.0], scale: linear }
              method: halving
              trials: 27
              halving: { eta: 3, minEpochs: 1, maxEpochs: 9 }
              objectives: [ { metric: deliveredAccuracy, goal: max }, { metric: totalEnergyJoules, goal: min } ]
              target: { accuracy: 0.95 }
              stopAtTarget: true
              budget: { joules: 5000, trials: 50, seconds: 3600 }
              repeats: 1
              seed: 1
            """;

    private Path base() throws Exception {
        Path base = dir.resolve("base.yaml");
        Files.writeString(base, "name: base\ndataset: { name: digits }\nmodel: { arch: mlp, hidden: [64] }\n"
                + "training: { epochs: 3 }\n");
        return base;
    }

    @Test
    void theIssuesExampleReadsWithItsBaseInlinedAndRoundTrips() throws Exception {
        base();
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, ISSUE_EXAMPLE);
        SweepSpec s = SweepCodec.read(file);
        assertEquals("width-and-lr", s.name());
        assertEquals(SweepMethod.HALVING, s.method());
        assertEquals(List.of("training.learningRate", "model.hidden", "model.width"),
                List.copyOf(s.parameters().keySet()));
        assertTrue(s.parameters().get("model.width").isRange());
        assertEquals(27, s.trials());
        assertEquals(3, s.halving().eta());
        assertEquals(9, s.halving().maxEpochs());
        assertEquals(0.95, s.targetAccuracy());
        assertTrue(s.stopAtTarget());
        assertEquals(5000.0, s.budget().joules());
        assertEquals("base", s.baseSpec().name());
        assertEquals(List.of(64), s.baseSpec().model().hidden());
        SweepSpec again = SweepCodec.fromStored(SweepCodec.toJson(s));
        assertEquals(s.withBase(SweepBase.inline(s.baseSpec())), again);
        assertEquals(again, SweepCodec.parse(SweepCodec.toYaml(again), null));
    }

    @Test
    void anInlineBaseWorksToo() {
        SweepSpec s = SweepCodec.parse("""
                sweep:
                  base: { name: inline, training: { epochs: 2 } }
                  parameters: { training.batchSize: { values: [32, 64] } }
                """, null);
        assertEquals(SweepMethod.GRID, s.method());
        assertEquals("inline", s.baseSpec().name());
        assertEquals(2, s.objectives().size());
    }

    private static String problems(String body) {
        SpecException e = assertThrows(SpecException.class, () -> SweepCodec.parse(
                "sweep:\n  base: { training: { epochs: 2 } }\n" + body, null));
        return e.getMessage();
    }

    @Test
    void unknownPathsBadValuesAndEmptySpacesAreClearErrors() {
        String unknown = problems("  parameters: { training.learningRat: { values: [0.1] } }\n");
        assertTrue(unknown.contains("sweep.parameters.training.learningRat") && unknown.contains("not a spec path")
                && unknown.contains("learningRate"), unknown);

        String bad = problems("  parameters: { training.learningRate: { values: [0.001, -1] } }\n");
        assertTrue(bad.contains("sweep.parameters.training.learningRate.values[1]")
                && bad.contains("training.learningRate: '-1"), bad);

        String wrongType = problems("  parameters: { model.hidden: { values: [[32], [abc]] } }\n");
        assertTrue(wrongType.contains("sweep.parameters.model.hidden.values[1]"), wrongType);

        String empty = problems("  parameters: {}\n");
        assertTrue(empty.contains("sweep.parameters: is empty"), empty);

        String emptyValues = problems("  parameters: { model.dropout: { values: [] } }\n");
        assertTrue(emptyValues.contains("sweep.parameters.model.dropout.values: is empty"), emptyValues);

        String rangeInGrid = problems("  parameters: { model.dropout: { range: [0.0, 0.5] } }\n");
        assertTrue(rangeInGrid.contains("a grid cannot enumerate a range"), rangeInGrid);

        String badRange = problems("  method: random\n  parameters: { model.dropout: { range: [0.5, 0.1] } }\n");
        assertTrue(badRange.contains("low must be below high"), badRange);

        String rangeOut = problems("  method: random\n  parameters: { model.dropout: { range: [0.0, 1.5] } }\n");
        assertTrue(rangeOut.contains("range[1]") && rangeOut.contains("model.dropout"), rangeOut);

        String logZero = problems("  method: random\n  parameters: "
                + "{ training.learningRate: { range: [0, 0.1], scale: log } }\n");
        assertTrue(logZero.contains("log scale"), logZero);

        String field = problems("  parameters: { model.dropout: { values: [0.1] } }\n  methd: grid\n");
        assertTrue(field.contains("unknown field 'methd'"), field);

        String method = problems("  parameters: { model.dropout: { values: [0.1] } }\n  method: bayes\n");
        assertTrue(method.contains("'bayes' is not one of grid, random, halving, hyperband"), method);

        String eta = problems("  parameters: { model.dropout: { values: [0.1] } }\n  method: halving\n"
                + "  halving: { eta: 1, minEpochs: 4, maxEpochs: 2 }\n");
        assertTrue(eta.contains("sweep.halving.eta") && eta.contains("sweep.halving.maxEpochs"), eta);

        String objective = problems("  parameters: { model.dropout: { values: [0.1] } }\n"
                + "  objectives: [ { metric: speed, goal: up } ]\n");
        assertTrue(objective.contains("objectives[0].metric") && objective.contains("objectives[0].goal"), objective);

        String stop = problems("  parameters: { model.dropout: { values: [0.1] } }\n  stopAtTarget: true\n");
        assertTrue(stop.contains("needs a target"), stop);

        String halvingOptions = problems("  parameters: { model.dropout: { values: [0.1] } }\n  method: halving\n"
                + "  halving: { selection: best, stopOnForecast: true, unit: joules, minJoules: 0 }\n");
        assertTrue(halvingOptions.contains("sweep.halving.selection: 'best' is not one of epsnet, crowding")
                && halvingOptions.contains("sweep.halving.stopOnForecast: needs a target")
                && halvingOptions.contains("sweep.halving.minJoules: give a trial's joule allowance")
                && halvingOptions.contains("sweep.halving.maxJoules: give the allowance at the last rung"),
                halvingOptions);
        String joulesWithoutUnit = problems("  parameters: { model.dropout: { values: [0.1] } }\n  method: halving\n"
                + "  halving: { minJoules: 1, maxJoules: 9, unit: watts }\n");
        assertTrue(joulesWithoutUnit.contains("sweep.halving.unit: 'watts' is not one of epochs, joules"),
                joulesWithoutUnit);
        String noUnit = problems("  parameters: { model.dropout: { values: [0.1] } }\n  method: halving\n"
                + "  halving: { minJoules: 1, maxJoules: 9 }\n");
        assertTrue(noUnit.contains("sweep.halving.unit: minJoules and maxJoules count rungs in joules"), noUnit);
        String gridHalving = problems("  parameters: { model.dropout: { values: [0.1] } }\n"
                + "  halving: { continueTrials: false }\n");
        assertTrue(gridHalving.contains("applies to method: halving or hyperband only"), gridHalving);

        String budget = problems("  parameters: { model.dropout: { values: [0.1] } }\n"
                + "  budget: { joules: -5, trials: 0 }\n");
        assertTrue(budget.contains("budget.joules") && budget.contains("budget.trials"), budget);

        String epochs = problems("  method: halving\n  parameters: { training.epochs: { values: [1, 2] } }\n");
        assertTrue(epochs.contains("sets each rung's epochs"), epochs);

        SpecException noBase = assertThrows(SpecException.class, () -> SweepCodec.parse(
                "sweep:\n  parameters: { model.dropout: { values: [0.1] } }\n", null));
        assertTrue(noBase.getMessage().contains("sweep.base: is missing"), noBase.getMessage());

        SpecException noTop = assertThrows(SpecException.class, () -> SweepCodec.parse("name: x\n", null));
        assertTrue(noTop.getMessage().contains("'sweep:'"), noTop.getMessage());
    }

    @Test
    void aBaseFileThatIsMissingOrInvalidIsNamed() throws Exception {
        SpecException missing = assertThrows(SpecException.class, () -> SweepCodec.parse(
                "sweep:\n  base: nowhere.yaml\n  parameters: { model.dropout: { values: [0.1] } }\n", dir));
        assertTrue(missing.getMessage().startsWith("sweep.base") && missing.getMessage().contains("nowhere.yaml"),
                missing.getMessage());
        Files.writeString(dir.resolve("bad.yaml"), "training: { epochs: 0 }\n");
        SpecException bad = assertThrows(SpecException.class, () -> SweepCodec.parse(
                "sweep:\n  base: bad.yaml\n  parameters: { model.dropout: { values: [0.1] } }\n", dir));
        assertTrue(bad.getMessage().contains("sweep.base.training.epochs"), bad.getMessage());
    }

    @Test
    void specPathsSetNestedFieldsAndListEntries() {
        ExperimentSpec s = ExperimentSpec.defaults();
        ExperimentSpec t = SpecPaths.apply(s, "training.earlyStopping.patience",
                com.fasterxml.jackson.databind.node.IntNode.valueOf(3));
        assertEquals(3, t.training().earlyStopping().patience());
        assertEquals(0.01, SpecPaths.apply(s, "training.learningRate",
                com.fasterxml.jackson.databind.node.DoubleNode.valueOf(0.01)).training().learningRate());
        assertTrue(SpecPaths.leafPaths(s).contains("model.hidden"));
    }
}
