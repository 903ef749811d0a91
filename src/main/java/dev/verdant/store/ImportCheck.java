package dev.verdant.store;

import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.SpecProblem;
import dev.verdant.spec.SpecValidator;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a run must be to be imported: ended (a {@code running} run would stay running forever, no process owns it)
 * and made from a spec that passes validation (a run of {@code epochs: -5} cannot have happened, and re-running it
 * would fail).
 */
public final class ImportCheck {

    private ImportCheck() {
    }

    /**
     * Throws a {@link StoreException} saying why {@code run} cannot be imported; returns when it can.
     *
     * @param where names the run in messages, e.g. {@code "runs.json, run 2"}
     */
    public static void requireImportable(RunResult run, String where) {
        if (run.spec() == null) {
            throw new StoreException(where + ": the run has no spec, so it could not be reproduced");
        }
        if (run.status() == RunStatus.RUNNING) {
            throw new StoreException(where + ": the run's status is 'running': it was exported while it trained, "
                    + "and no process would ever finish it here; export it again once it has ended");
        }
        List<SpecProblem> problems = SpecValidator.problems(run.spec());
        if (!problems.isEmpty()) {
            throw new StoreException(where + ": the run's spec is not valid ("
                    + problems.stream().map(SpecProblem::toString).collect(Collectors.joining("; "))
                    + "); such a run cannot have been made by Verdant, so it is not imported");
        }
    }
}
