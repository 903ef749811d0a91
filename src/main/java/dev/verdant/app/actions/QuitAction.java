package dev.verdant.app.actions;

import javafx.stage.Window;
import javafx.stage.WindowEvent;

import java.util.function.Supplier;

/**
 * File -> Quit: asks the window to close, exactly as its close button does, so the same guard
 * ({@link CloseWindowAction}) runs either way.
 */
public final class QuitAction implements AppAction {

    private final Supplier<Window> window;

    /** @param window the window to close; may supply null before it is shown (then nothing happens) */
    public QuitAction(Supplier<Window> window) {
        this.window = window;
    }

    @Override
    public void execute() {
        Window w = window.get();
        if (w != null) {
            w.fireEvent(new WindowEvent(w, WindowEvent.WINDOW_CLOSE_REQUEST));
        }
    }
}
