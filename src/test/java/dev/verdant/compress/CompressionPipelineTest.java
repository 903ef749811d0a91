package dev.verdant.compress;

import dev.verdant.result.CompressionReport;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.run.Job;
import dev.verdant.run.RunEvent;
import dev.verdant.run.RunListener;
import dev.verdant.spec.CompressionStepSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ModelSpec;
import dev.verdant.spec.SpecCodec;
import dev.verdant.spec.SpecException;
import dev.verdant.store.InMemoryRunStore;
import dev.verdant.store.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pipeline inside a run: every step measured, stored, published; bad steps refused before training. */
class CompressionPipelineTest {

    private static ExperimentSpec base() {
        ExperimentSpec s = Trained.spec(ModelSpec.defaults().withHidden(List.of(64, 32)), 2).withName("compress");
        return s.withTraining(s.training().withLearningRate(0.01));
    }

    @Test
    void aRunCompressesStepByStepAndStoresEveryReportAndTheArtifact(@TempDir Path dir) throws Exception {
        ExperimentSpec spec = base().withCompression(List.of(
                CompressionStepSpec.magnitude("global", 0.8, "gradual", 3, 1),
                CompressionStepSpec.structured(0.5, 1),
                CompressionStepSpec.lowRank(null, 0.9, 0),
                CompressionStepSpec.quantize(8, "per-channel", 2),
                CompressionStepSpec.distill("self", ModelSpec.defaults().withHidden(List.of(16)), 4.0, 0.7, 2)));
        try (RunStore store = new InMemoryRunStore(dir.resolve("models"))) {
            List<RunEvent.StepEnded> steps = new ArrayList<>();
            RunResult r = Job.of(spec, store).addListener(new RunListener() {
                @Override
                public void onStep(RunEvent.StepEnded s) {
                    steps.add(s);
                }
            }).runHere();
            assertEquals(RunStatus.COMPLETED, r.status(), r.message());
            List<CompressionReport> c = r.compression();
            assertEquals(6, c.size());
            assertEquals(6, steps.size());
            assertEquals("baseline", c.get(0).step());
            assertEquals(r.finalMetrics().params(), c.get(0).params());
            assertEquals(r.finalMetrics().flopsPerSample(), c.get(0).flopsPerSample());
            CompressionReport pruned = c.get(1);
            assertEquals(c.get(0).flopsPerSample(), pruned.flopsPerSample(), "zeros remove no structural FLOPs");
            assertTrue(pruned.nonzeroParams() < 0.25 * pruned.params(), pruned.toString());
            assertTrue(c.get(2).flopsPerSample() < pruned.flopsPerSample(), "structured pruning removes work");
            assertTrue(c.get(4).simulated() && c.get(4).modelBytes() < c.get(3).modelBytes() / 3, c.get(4).toString());
            assertEquals("64-16-10", c.get(5).layers());
            for (CompressionReport s : c) {
                assertTrue(s.accuracy() > 0.3, s.toString());
                assertTrue(s.latencyMsBatch1() > 0 && s.latencyMsBatch64() > 0, s.toString());
                assertNotNull(s.inferenceJoulesPer1k(), s.toString());
                assertNotNull(s.energyJoules(), s.toString());
            }
            assertEquals(c, store.load(r.id()).orElseThrow().compression());
            Net artifact = NetArtifact.load(store.modelDir(r.id()).resolve("compressed"));
            assertEquals(c.get(5).accuracy(), Trained.accuracy(artifact, Trained.digits(spec)), 0.0);
        }
    }

    @Test
    void aStoredRunTeachesAndAMisfitTeacherIsRefusedBeforeTraining(@TempDir Path dir) {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            RunResult teacher = Job.of(base(), store).runHere();
            ExperimentSpec student = base().withCompression(List.of(CompressionStepSpec.distill(
                    Long.toString(teacher.id()), ModelSpec.defaults().withHidden(List.of(16)), 4.0, 0.5, 1)));
            RunResult r = Job.of(student, store).runHere();
            assertEquals(RunStatus.COMPLETED, r.status(), r.message());
            assertTrue(r.compression().get(1).note().contains("teacher " + teacher.id()));

            ExperimentSpec spirals = ExperimentSpec.defaults().withDevice("cpu")
                    .withDataset(dev.verdant.spec.DatasetSpec.defaults().withName("spirals"));
            RunResult other = Job.of(spirals.withTraining(spirals.training().withEpochs(1)), store).runHere();
            RunResult misfit = Job.of(base().withCompression(List.of(CompressionStepSpec.distill(
                    Long.toString(other.id()), ModelSpec.defaults(), 4.0, 0.5, 1))), store).runHere();
            assertEquals(RunStatus.FAILED, misfit.status());
            assertTrue(misfit.message().contains("compression[0]") && misfit.message().contains("input shape or classes"),
                    misfit.message());
            assertTrue(misfit.epochs().isEmpty(), "refused before any training");

            RunResult unstored = Job.of(base().withCompression(List.of(CompressionStepSpec.distill(
                    Long.toString(teacher.id()), ModelSpec.defaults(), 4.0, 0.5, 1)))).runHere();
            assertTrue(unstored.message().contains("not stored"), unstored.message());
        }
    }

    @Test
    void stepsThatNeedTheNetworkAreRefusedBeforeTraining() {
        RunResult rank = Job.of(base().withCompression(List.of(CompressionStepSpec.lowRank(40, null, 0)))).runHere();
        assertEquals(RunStatus.FAILED, rank.status());
        assertTrue(rank.message().contains("rank 40 is above the size of linear 2 (64 -> 32)"), rank.message());
        assertTrue(rank.epochs().isEmpty());

        RunResult whole = Job.of(base().withCompression(List.of(CompressionStepSpec.structured(0.99, 0)))).runHere();
        assertEquals(RunStatus.FAILED, whole.status());
        assertTrue(whole.message().contains("would remove every unit of linear 2 (64 -> 32)"), whole.message());

        // A structured prune first halves the layers, so a later rank is checked against the smaller sizes.
        RunResult after = Job.of(base().withCompression(List.of(CompressionStepSpec.structured(0.5, 0),
                CompressionStepSpec.lowRank(20, null, 0)))).runHere();
        assertTrue(after.message().contains("compression[1]") && after.message().contains("linear 2 (32 -> 16)"),
                after.message());
    }

    @Test
    void specRoundTripsAndRejectsBadStepsNamingTheField() {
        String yaml = """
                name: c
                compression:
                  - { type: prune, method: magnitude, scope: global, sparsity: 0.9, schedule: gradual, steps: 5, fineTuneEpochs: 2 }
                  - { type: prune, method: l1-structured, ratio: 0.5, fineTuneEpochs: 1 }
                  - { type: lowrank, rank: 32 }
                  - { type: lowrank, energy: 0.9 }
                  - { type: quantize, bits: 8, granularity: per-channel, calibrationBatches: 10 }
                  - { type: distill, teacher: self, student: { arch: mlp, hidden: [64] }, temperature: 4, alpha: 0.7, epochs: 5 }
                """;
        ExperimentSpec s = SpecCodec.parse(yaml);
        assertEquals(6, s.compression().size());
        assertEquals(0, ((CompressionStepSpec.LowRank) s.compression().get(2)).fineTuneEpochs());
        assertNull(((CompressionStepSpec.LowRank) s.compression().get(2)).energy());
        assertEquals(List.of(64), ((CompressionStepSpec.Distill) s.compression().get(5)).student().hidden());
        String out = SpecCodec.toYaml(s);
        assertEquals(s, SpecCodec.parse(out));
        assertEquals(out, SpecCodec.toYaml(SpecCodec.parse(out)));
        assertEquals(s, SpecCodec.parse(SpecCodec.toJson(s)));

        assertEquals("compression[0].sparsity: '1' must be at least 0 and below 1",
                error("compression: [{ type: prune, sparsity: 1.0 }]"));
        assertEquals("compression[0].bits: '3' is not one of 4, 8", error("compression: [{ type: quantize, bits: 3 }]"));
        assertTrue(error("compression: [{ type: quantize, rank: 3 }]")
                .startsWith("compression[0].rank: does not belong to a 'quantize' step; its fields are bits,"));
        assertTrue(error("compression: [{ type: shrink }]").contains("'shrink' is not one of prune, lowrank, quantize, distill"));
        assertTrue(error("compression: [{ type: distill, teacher: best }]").contains("neither self nor a stored run id"));
        assertTrue(error("compression: [{ type: prune, method: l1-structured, sparsity: 0.5 }]")
                .contains("'sparsity': ".substring(0, 0) + "compression[0].sparsity: does not belong"));
    }

    private static String error(String yaml) {
        return assertThrows(SpecException.class, () -> SpecCodec.parse(yaml)).getMessage();
    }

    @Test
    void cancelledRunsKeepTheirCompletedSteps() {
        // Cancels as soon as the baseline is measured: the run ends cancelled with the baseline kept.
        Job job = Job.of(base().withCompression(List.of(CompressionStepSpec.quantize(8, "per-tensor", 1))));
        job.addListener(new RunListener() {
            @Override
            public void onStep(RunEvent.StepEnded s) {
                job.handle().cancel();
            }
        });
        RunResult r = job.runHere();
        assertEquals(RunStatus.CANCELLED, r.status());
        assertEquals(1, r.compression().size());
        assertTrue(Files.exists(Path.of(".")));
    }
}
