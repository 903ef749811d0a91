package dev.verdant.app;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The window's background executor once the window is closing. */
class FxUiExecutorTest {

    @Test
    void workAskedForAfterCloseIsDroppedWithoutAnError() {
        FxUiExecutor executor = new FxUiExecutor();
        executor.close();
        AtomicBoolean ran = new AtomicBoolean();
        // a run event still in the pump when the window closes asks a view to refresh: no exception on the FX thread
        assertDoesNotThrow(() -> executor.runInBackground(() -> {
            ran.set(true);
            return 1;
        }, v -> ran.set(true), e -> ran.set(true)));
        assertFalse(ran.get(), "nothing runs after close");
    }
}
