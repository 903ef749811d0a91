package dev.verdant.run;

import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.store.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 19, point 1, end to end: two stores in one folder ({@code --db a.db}, {@code --db b.db}) each train their
 * run 1 with a different network; each reloads its own trained model, and deleting run 1 in one leaves the other's.
 * Before model folders belonged to their store, both wrote {@code models/1/} and one of them no longer fit.
 */
class ModelsPerStoreTest {

    @TempDir
    Path dir;

    private static ExperimentSpec tiny(String name, List<Integer> hidden) {
        ExperimentSpec s = ExperimentSpec.defaults().withName(name).withDevice("cpu")
                .withDataset(DatasetSpec.defaults().withLimit(300));
        return s.withTraining(s.training().withEpochs(1)).withModel(s.model().withHidden(hidden));
    }

    @Test
    void eachStoreReloadsItsOwnRunOneAndDeletingOneKeepsTheOther() {
        try (RunStore a = RunStore.open(dir.resolve("a.db")); RunStore b = RunStore.open(dir.resolve("b.db"))) {
            RunResult inA = Job.of(tiny("wide", List.of(48)), a).runHere();
            RunResult inB = Job.of(tiny("narrow", List.of(12)), b).runHere();
            assertEquals(RunStatus.COMPLETED, inA.status(), inA.message());
            assertEquals(RunStatus.COMPLETED, inB.status(), inB.message());
            assertEquals(1L, inA.id());
            assertEquals(1L, inB.id());

            assertEquals(inA.finalMetrics().accuracy(), StoredModel.evaluate(a, 1).accuracy(), 0.0);
            assertEquals(inB.finalMetrics().accuracy(), StoredModel.evaluate(b, 1).accuracy(), 0.0);

            a.delete(1);
            assertEquals(inB.finalMetrics().accuracy(), StoredModel.evaluate(b, 1).accuracy(), 0.0,
                    "b.db's run 1 still loads after a.db deleted its run 1");
        }
    }
}
