package dev.verdant.app;

import dev.verdant.app.history.RunHistory;
import dev.verdant.app.history.SessionHistory;
import dev.verdant.app.history.StoreHistory;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoreLocation;

/** Opens the history the window shows: the run store, or this session's runs when the store cannot be opened. */
final class Histories {

    private Histories() {
    }

    /**
     * Opens the default store (or {@code VERDANT_DB}); call off the FX thread. On failure returns the in-memory
     * history and puts the reason into {@code problem[0]} for the window to show.
     */
    static RunHistory open(String[] problem) {
        try {
            return new StoreHistory(RunStore.open(StoreLocation.resolve(null)));
        } catch (RuntimeException e) {
            problem[0] = e.getMessage();
            return new SessionHistory();
        }
    }
}
