package dev.verdant.app;

import dev.verdant.app.history.RunHistory;
import dev.verdant.app.history.SessionHistory;
import dev.verdant.app.history.StoreHistory;
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
 * @param dialogs  every dialog the window shows
 */
public record AppContext(AppSettings settings, UiExecutor executor, EventPump pump, IntFunction<JobRunner> runners,
                         RunHistory history, DialogService dialogs) {

    /** A context whose runs are stored in (and history read from) {@code history} when it is a store. */
    public static AppContext of(AppSettings settings, UiExecutor executor, RunHistory history) {
        var store = history instanceof StoreHistory s ? s.store() : null;
        return new AppContext(settings, executor, new EventPump(), n -> new JobRunner(n, store), history,
                new FxDialogService());
    }

    /** This context with {@code dialogs} instead, e.g. a recording one for tests and the benchmark. */
    public AppContext withDialogs(DialogService dialogs) {
        return new AppContext(settings, executor, pump, runners, history, dialogs);
    }

    /** A context over an in-memory history whose runs are not stored, e.g. for tests. */
    public static AppContext inMemory(AppSettings settings, UiExecutor executor) {
        return of(settings, executor, new SessionHistory());
    }
}
