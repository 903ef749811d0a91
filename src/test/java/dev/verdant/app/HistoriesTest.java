package dev.verdant.app;

import dev.verdant.app.history.SessionHistory;
import dev.verdant.app.history.StoreHistory;
import dev.verdant.store.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run store opens on its own thread while the toolkit starts, and the window gets that store (issue 20). */
class HistoriesTest {

    @Test
    void theStoreOpenedInTheBackgroundIsTheOneTheWindowGets(@TempDir Path dir) {
        AtomicReference<String> openedOn = new AtomicReference<>();
        Histories.startOpening(() -> {
            openedOn.set(Thread.currentThread().getName());
            return RunStore.open(dir.resolve("runs.db"));
        });
        String[] problem = new String[1];
        var history = Histories.opened(problem);
        try {
            assertInstanceOf(StoreHistory.class, history);
            assertEquals("verdant-store-open", openedOn.get());
            assertNotEquals(Thread.currentThread().getName(), openedOn.get());
            assertTrue(history.list().isEmpty(), "a new store lists no runs");
            assertNull(problem[0]);
        } finally {
            history.close();
            ((StoreHistory) history).store().close();
        }
    }

    @Test
    void aStoreThatCannotOpenGivesThisSessionsMemoryAndSaysWhy() {
        Histories.startOpening(() -> {
            throw new IllegalStateException("The run store is locked by another program.");
        });
        String[] problem = new String[1];
        assertInstanceOf(SessionHistory.class, Histories.opened(problem));
        assertEquals("The run store is locked by another program.", problem[0]);
    }

    @Test
    void anErrorWhileOpeningReachesTheLauncherInsteadOfHangingTheStart() {
        Histories.startOpening(() -> {
            throw new UnsatisfiedLinkError("no sqlitejdbc in java.library.path");
        });
        assertThrows(UnsatisfiedLinkError.class, () -> Histories.opened(new String[1]));
    }
}
