package dev.verdant.app;

import dev.verdant.app.history.RunHistory;
import dev.verdant.app.history.SessionHistory;
import dev.verdant.run.JobRunner;

import java.util.function.IntFunction;

/**
 * What the window is built from: settings, the task executor, the event pump, how runs are executed and where
 * finished runs are kept. The application makes the real one; tests make one with a temporary settings folder
 * and an in-memory history.
 *
 * @param settings remembered window state
 * @param executor background work and hand-back to the FX thread
 * @param pump     run events to the FX thread, batched
 * @param runners  makes a job runner for a parallelism
 * @param history  where finished runs are kept
 * @param errors   error dialogs
 */
public record AppContext(AppSettings settings, UiExecutor executor, EventPump pump, IntFunction<JobRunner> runners,
                         RunHistory history, ErrorReporter errors) {

    /** The application's context: settings in the user's config folder, the run store when available. */
    public static AppContext standard(AppSettings settings, UiExecutor executor) {
        return new AppContext(settings, executor, new EventPump(), JobRunner::new, Histories.open(), new ErrorReporter());
    }

    /** A context over an in-memory history, e.g. for tests. */
    public static AppContext inMemory(AppSettings settings, UiExecutor executor) {
        return new AppContext(settings, executor, new EventPump(), JobRunner::new, new SessionHistory(),
                new ErrorReporter());
    }
}
