package dev.verdant.app.actions;

import dev.verdant.app.AppState;
import dev.verdant.app.RecordingDialogService;
import dev.verdant.app.Tabs;
import dev.verdant.app.Theme;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuItem;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Closing, the theme toggle, tab switching, About and how actions become menu items. */
class WindowActionsTest {

    private final AppState state = new AppState();
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final AtomicInteger shutdowns = new AtomicInteger();
    private final CloseWindowAction close = new CloseWindowAction(state, dialogs, shutdowns::incrementAndGet);

    @Test
    void closingWithoutActiveRunsAsksNothing() {
        close.execute();
        assertTrue(dialogs.shown().isEmpty());
        assertEquals(1, shutdowns.get());
    }

    @Test
    void closingWhileRunsAreActiveAsksAndCancelKeepsTheWindow() {
        state.activeRunsProperty().set(2);
        close.execute();
        RecordingDialogService.Shown asked = dialogs.shown("confirm").get(0);
        assertEquals("Quit while runs are active?", asked.title());
        assertTrue(asked.message().startsWith("2 run(s) are still active"), asked.message());
        assertEquals(0, shutdowns.get(), "cancelled: the window stays");

        dialogs.answerConfirm(true);
        close.execute();
        assertEquals(1, shutdowns.get());
    }

    @Test
    void theThemeToggleAndItsCheckItemFollowTheState() {
        ThemeToggle toggle = new ThemeToggle(state);
        CheckMenuItem item = toggle.menuItem();
        assertFalse(item.isSelected());
        toggle.execute();
        assertEquals(Theme.DARK, state.themeProperty().get());
        assertTrue(item.isSelected(), "the check mark follows a switch made elsewhere");
        item.setSelected(false);
        item.fire();
        assertEquals(Theme.LIGHT, state.themeProperty().get());
    }

    @Test
    void showTabSetsTheActiveTab() {
        new ShowTabAction(state, Tabs.ENERGY).execute();
        assertEquals(Tabs.ENERGY, state.activeTabProperty().get());
    }

    @Test
    void aboutShowsTheVersions() {
        new AboutAction(dialogs).execute();
        RecordingDialogService.Shown about = dialogs.shown("info").get(0);
        assertTrue(about.title().startsWith("Verdant "), about.title());
        assertTrue(about.message().contains("Java " + System.getProperty("java.version")), about.message());
    }

    @Test
    void aMenuItemIsDisabledWhileItsActionCannotRunAndRunsItOtherwise() {
        SimpleBooleanProperty ready = new SimpleBooleanProperty(false);
        AtomicInteger runs = new AtomicInteger();
        AppAction action = new AppAction() {
            @Override
            public void execute() {
                runs.incrementAndGet();
            }

            @Override
            public BooleanExpression executable() {
                return ready;
            }
        };
        MenuItem item = Menus.item("Do it", "Shortcut+D", action);
        assertTrue(item.isDisable());
        ready.set(true);
        assertFalse(item.isDisable());
        item.fire();
        assertEquals(1, runs.get());
        assertEquals("Shortcut+D", item.getAccelerator().getName());
    }

    @Test
    void cancelActionsCanRunOnlyWhileRunsAreActive() {
        CancelRunsAction all = CancelRunsAction.all(null, state);
        assertFalse(all.executable().get());
        state.activeRunsProperty().set(1);
        assertTrue(all.executable().get());
    }
}
