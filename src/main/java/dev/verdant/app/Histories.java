package dev.verdant.app;

import dev.verdant.app.history.RunHistory;
import dev.verdant.app.history.SessionHistory;
import dev.verdant.app.history.StoreHistory;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoreLocation;

import java.util.function.Supplier;

/** Opens the history the window shows: the run store, or this session's runs when the store cannot be opened. */
final class Histories {

    private Histories() {
    }

    /** The store being opened while the JavaFX toolkit starts (see {@link #startOpening()}); null before. */
    private static volatile java.util.concurrent.CompletableFuture<Object[]> opening;

    /**
     * Starts opening the default store on a daemon thread and returns at once: opening it (SQLite's native library,
     * the schema check) costs about a second of CPU, which then overlaps the toolkit's own start instead of
     * following it on the way to the first frame (issue 20).
     */
    static void startOpening() {
        startOpening(Histories::defaultStore);
    }

    /** {@link #startOpening()} with the store {@code store} opens (tests give a temporary one). */
    static void startOpening(Supplier<RunStore> store) {
        var f = new java.util.concurrent.CompletableFuture<Object[]>();
        opening = f;
        Thread t = new Thread(() -> {
            try {
                String[] problem = new String[1];
                RunHistory h = open(store, problem);
                f.complete(new Object[] {h, problem[0]});
            } catch (Throwable e) { // an Error (e.g. SQLite's native library) reaches the launcher, as before
                f.completeExceptionally(e);
            }
        }, "verdant-store-open");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The history {@link #startOpening()} opened, waiting for it; or, when nothing was started, opened now. Call off
     * the FX thread; a problem goes into {@code problem[0]} as for {@link #open}.
     */
    static RunHistory opened(String[] problem) {
        var f = opening;
        if (f == null) {
            return open(problem);
        }
        opening = null;
        Object[] r;
        try {
            r = f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
        problem[0] = (String) r[1];
        return (RunHistory) r[0];
    }

    /**
     * Opens the default store (or {@code VERDANT_DB}); call off the FX thread. On failure returns the in-memory
     * history and puts the reason into {@code problem[0]} for the window to show.
     */
    static RunHistory open(String[] problem) {
        return open(Histories::defaultStore, problem);
    }

    private static RunStore defaultStore() {
        return RunStore.open(StoreLocation.resolve(null));
    }

    private static RunHistory open(Supplier<RunStore> store, String[] problem) {
        try {
            return new StoreHistory(store.get());
        } catch (RuntimeException e) {
            problem[0] = e.getMessage();
            return new SessionHistory();
        }
    }
}
