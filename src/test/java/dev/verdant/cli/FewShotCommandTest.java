package dev.verdant.cli;

import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.run.Job;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.store.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code verdant fewshot} on a stored run pre-trained on digits 0-4, episodes on the unseen digits 5-9. */
class FewShotCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsOneLinePerShotsValueAndTheSameTwice() {
        Path db = dir.resolve("v.db");
        long id;
        try (RunStore store = RunStore.open(db)) {
            ExperimentSpec s = ExperimentSpec.defaults().withDevice("cpu")
                    .withDataset(DatasetSpec.defaults().withClasses(List.of(0, 1, 2, 3, 4)));
            RunResult r = Job.of(s.withTraining(s.training().withEpochs(2)), store).runHere();
            assertEquals(RunStatus.COMPLETED, r.status(), r.message());
            id = r.id();
        }
        String[] args = {"fewshot", "--db", db.toString(), "--from", Long.toString(id), "--dataset", "digits",
                "--classes", "5,6,7,8,9", "--ways", "5", "--shots", "1,5", "--episodes", "30"};
        String first = run(args);
        assertTrue(first.contains("5-way 1-shot, 30 episodes") && first.contains("5-way 5-shot"), first);
        assertTrue(first.contains("+-") && first.contains("95% CI"), first);
        String again = run(args);
        assertEquals(first.lines().skip(1).toList(), again.lines().skip(1).toList(), "same seed, same episodes");

        StringWriter err = new StringWriter();
        int code = VerdantCommand.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()))
                .execute("fewshot", "--db", db.toString(), "--from", Long.toString(id), "--dataset",
                        "fashion-mnist-small");
        assertEquals(ExitCode.FAILED, code);
        assertTrue(err.toString().contains("input shape"), err.toString());
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        int code = VerdantCommand.commandLine().setOut(new PrintWriter(out)).execute(args);
        assertEquals(0, code, out.toString());
        return out.toString();
    }
}
