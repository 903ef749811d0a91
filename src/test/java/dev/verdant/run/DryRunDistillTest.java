package dev.verdant.run;

import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecCodec;
import dev.verdant.spec.SpecProblem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The background dry-run checks a distill step's student and stored teacher against the data (no training). */
class DryRunDistillTest {

    private static ExperimentSpec spec(String dataset, String arch, String distill) {
        return SpecCodec.parse("name: d\ndevice: cpu\ndataset: { name: " + dataset + " }\nmodel: { arch: " + arch
                + ", hidden: [16] }\ntraining: { epochs: 1 }\ncompression:\n  - " + distill + "\n");
    }

    private static String messages(List<SpecProblem> ps) {
        return ps.stream().map(p -> p.field() + ": " + p.message()).toList().toString();
    }

    @Test
    void aStudentThatDoesNotBuildForTheDataIsMarkedOnTheStep() {
        List<SpecProblem> ok = DryRun.problems(spec("spirals", "mlp",
                "{ type: distill, teacher: self, student: { arch: mlp, hidden: [8] } }"));
        assertEquals(List.of(), ok, messages(ok));
        // a conv student on two features does not build
        List<SpecProblem> bad = DryRun.problems(spec("spirals", "mlp",
                "{ type: distill, teacher: self, student: { arch: lenet5 } }"));
        assertTrue(bad.stream().anyMatch(p -> p.field().equals("compression")
                && p.message().startsWith("the distill student does not fit")), messages(bad));
    }

    @Test
    void aStoredTeacherMustExistAndTakeTheSameInput() {
        ExperimentSpec onSpirals = spec("spirals", "mlp", "{ type: distill, teacher: 12 }");
        ExperimentSpec onDigits = spec("digits", "mlp", "{ type: distill, teacher: 12 }");
        Map<Long, ExperimentSpec> store = Map.of(12L, onDigits);

        List<SpecProblem> missing = DryRun.problems(onSpirals, id -> Optional.empty());
        assertTrue(messages(missing).contains("run 12, is not in the store"), messages(missing));

        List<SpecProblem> mismatch = DryRun.problems(onSpirals, id -> Optional.ofNullable(store.get(id)));
        assertTrue(mismatch.stream().anyMatch(p -> p.field().equals("compression")
                && p.message().contains("takes inputs of shape")), messages(mismatch));

        List<SpecProblem> fits = DryRun.problems(onDigits, id -> Optional.ofNullable(store.get(id)));
        assertEquals(List.of(), fits, messages(fits));
    }
}
