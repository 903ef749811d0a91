package dev.verdant.app;

import dev.verdant.app.history.RunHistory;
import dev.verdant.app.history.SessionHistory;

/** Opens the history the window shows: the run store when one is available, else this session's runs. */
final class Histories {

    private Histories() {
    }

    static RunHistory open() {
        return new SessionHistory();
    }
}
