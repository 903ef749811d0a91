package dev.verdant.store;

/** Argument checks and messages that every {@link RunStore} implementation gives alike. */
final class Checks {

    /** Why a run became interrupted, stored as its message. */
    static final String INTERRUPTED_MESSAGE = "the process running it stopped before the run finished (killed or "
            + "crashed); the epochs completed before that are kept";

    private Checks() {
    }

    /** The error for a run id that is not stored; the CLI shows it as is. */
    static StoreException noRun(long runId) {
        return new StoreException("no run with id " + runId + " (see 'verdant runs list')");
    }

    /** The text stripped; a null or blank one is refused. */
    static String requireText(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new StoreException("the " + what + " is empty");
        }
        return text.strip();
    }

    /** Refuses a run that cannot be imported: no spec, still running, or a spec that fails validation. */
    static void requireSpec(dev.verdant.result.RunResult result) {
        ImportCheck.requireImportable(result, "the run to import");
    }

    /** The error for deleting a run whose trainer is alive: the trainer would fail on the missing row. */
    static StoreException training(long runId, OwnerProcess owner) {
        return new StoreException("run " + runId + " is training (process " + owner.pid() + "); cancel it first "
                + "(Ctrl-C where it runs, or Cancel in the window), then delete it");
    }
}
