package dev.verdant.app;

import javafx.event.Event;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * What the window leaves for later to show its first frame sooner (issue 20): tabs the user has not opened are
 * built on first selection, and tooltips on first hover; both are there when the user gets to them.
 */
@ExtendWith(ApplicationExtension.class)
class LazyTabsGuiTest {

    @TempDir
    static Path settingsDir;

    private MainWindow window;
    private FxUiExecutor executor;

    @Start
    void start(Stage stage) {
        executor = new FxUiExecutor();
        AppSettings settings = AppSettings.in(settingsDir);
        settings.putDouble(AppSettings.WIDTH, 1280);
        settings.putDouble(AppSettings.HEIGHT, 800);
        window = new MainWindow(AppContext.inMemory(settings, executor));
        window.install(stage);
        stage.show();
    }

    @AfterEach
    void stop() {
        executor.close();
    }

    private Tab tab(String id) {
        return window.tabs().getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow();
    }

    @Test
    void aTabIsBuiltOnItsFirstSelectionOnly() {
        AtomicInteger made = new AtomicInteger();
        TabPane pane = new TabPane();
        WaitForAsyncUtils.asyncFx(() -> {
            pane.getTabs().addAll(Tabs.fixed("First", "first", new Label("first")),
                    Tabs.lazy("Later", "later", () -> {
                        made.incrementAndGet();
                        return new Label("made");
                    }));
        });
        WaitForAsyncUtils.waitForFxEvents();
        Tab later = pane.getTabs().get(1);
        assertEquals(0, made.get(), "not made while another tab is selected");
        assertNull(later.getContent());
        WaitForAsyncUtils.asyncFx(() -> pane.getSelectionModel().select(later));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, made.get());
        assertEquals("made", ((Label) later.getContent()).getText());
        WaitForAsyncUtils.asyncFx(() -> {
            pane.getSelectionModel().select(0);
            pane.getSelectionModel().select(later);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, made.get(), "made once, kept after");
    }

    @Test
    void theWindowsOtherTabsAreEmptyUntilOpenedAndWorkThen() throws Exception {
        List<String> later = List.of(MainWindow.HISTORY_TAB, "tab-lessons", "tab-playground", "tab-gallery",
                "tab-deploy", "tab-sweeps", "tab-data-efficiency");
        assertEquals(MainWindow.LIVE_TAB, window.tabs().getSelectionModel().getSelectedItem().getId());
        assertNotNull(tab(MainWindow.LIVE_TAB).getContent(), "the tab the user lands on is there at once");
        for (String id : later) {
            assertNull(tab(id).getContent(), id + " is not built before it is opened");
        }
        for (String id : later) {
            WaitForAsyncUtils.asyncFx(() -> window.showTab(id));
            WaitForAsyncUtils.waitForFxEvents();
            assertNotNull(tab(id).getContent(), id + " is built when opened");
            assertNotNull(tab(id).getContent().getScene(), id + " is on screen when opened");
        }
        assertSame(window.historyView(), tab(MainWindow.HISTORY_TAB).getContent(),
                "History's view is one view, whoever asked first");
        // the playground, made on opening, makes its data once on screen
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> tab("tab-playground").getContent().lookupAll(".label")
                .stream().anyMatch(n -> ((Label) n).getText() != null
                        && ((Label) n).getText().startsWith("New network")));
    }

    @Test
    void aTooltipIsMadeWhenTheMouseFirstEntersItsControl() {
        Button b = new Button("b");
        LazyTooltip.set(b, "what b does");
        assertNull(b.getTooltip(), "no popup made before the mouse comes");
        assertEquals("what b does", LazyTooltip.text(b));
        Event.fireEvent(b, new MouseEvent(MouseEvent.MOUSE_ENTERED, 1, 1, 1, 1, null, 0, false, false, false,
                false, false, false, false, false, false, false, null));
        assertNotNull(b.getTooltip());
        assertEquals("what b does", b.getTooltip().getText());
        LazyTooltip.set(b, "now this");
        assertEquals("now this", b.getTooltip().getText(), "a made tooltip is changed in place");
        LazyTooltip.set(b, null);
        assertNull(b.getTooltip());
        assertNull(LazyTooltip.text(b));
    }
}
