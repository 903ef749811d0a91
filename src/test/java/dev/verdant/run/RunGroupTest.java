package dev.verdant.run;

import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.TrainingSpec;
import dev.verdant.store.InMemoryRunStore;
import dev.verdant.store.StoredGroup;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A spec with repeats queued on a {@link JobRunner} (as the window does) becomes a stored group of real runs. */
class RunGroupTest {

    @Test
    void membersHaveConsecutiveSeedsAndSingleRunSpecs() {
        ExperimentSpec spec = ExperimentSpec.defaults().withSeed(100).withRepeats(3);
        List<ExperimentSpec> members = RunGroup.memberSpecs(spec);
        assertEquals(List.of(100L, 101L, 102L), members.stream().map(ExperimentSpec::seed).toList());
        members.forEach(m -> assertEquals(spec.withSeed(m.seed()).withRepeats(1), m));
    }

    @Test
    void aQueuedGroupRunsEveryMemberAndStoresTheGroup() throws Exception {
        ExperimentSpec spec = ExperimentSpec.defaults().withName("queued-trio").withDevice("cpu").withRepeats(2)
                .withDataset(DatasetSpec.defaults().withLimit(200))
                .withTraining(TrainingSpec.defaults().withEpochs(1));
        try (InMemoryRunStore store = new InMemoryRunStore(); JobRunner runner = new JobRunner(1, store)) {
            RunGroup group = runner.startGroup(spec);
            List<RunHandle> handles = new java.util.ArrayList<>();
            for (int i = 0; i < group.size(); i++) {
                handles.add(runner.submit(group.member(i), group.joiner()));
            }
            assertEquals(2, handles.size());
            List<Long> ids = new java.util.ArrayList<>();
            for (RunHandle handle : handles) {
                RunResult r = handle.result().get(120, TimeUnit.SECONDS);
                assertEquals(RunStatus.COMPLETED, r.status(), r.message());
                ids.add(r.id());
            }
            StoredGroup stored = store.groups().get(0);
            assertEquals("queued-trio", stored.name());
            assertEquals(2, stored.repeats());
            assertEquals(ids, stored.runIds());
            assertEquals(ids, group.summary().runIds());
            assertEquals(2, group.summary().completed());
            assertEquals(List.of(42L, 43L), ids.stream().map(id -> store.spec(id).orElseThrow().seed()).toList());
        }
    }
}
