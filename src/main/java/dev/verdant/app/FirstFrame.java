package dev.verdant.app;

import javafx.animation.AnimationTimer;

/**
 * Calls back once the window's first frame has been drawn. An {@link AnimationTimer} runs at the start of each
 * pulse, before that pulse's CSS, layout and rendering, so its first call after {@code show()} comes before the first
 * frame; the render thread draws pulse N while pulse N+1 runs, and pulse N+1 waits for it before handing over its own
 * scene. So the third call is the first moment the first frame is surely on screen (at most one 60 Hz pulse late);
 * counting from the first call missed the whole first pulse, the costliest of all (CSS and layout of every control).
 */
public final class FirstFrame {

    /** Pulse starts to wait for after {@code show()} (see the class comment). */
    static final int PULSES = 3;

    private FirstFrame() {
    }

    /** Calls {@code then} on the FX thread once the first frame after now is drawn; call on the FX thread. */
    public static void then(Runnable then) {
        new AnimationTimer() {
            private int calls;

            @Override
            public void handle(long now) {
                StartupTrace.mark("pulse start " + (calls + 1));
                if (++calls >= PULSES) {
                    stop();
                    then.run();
                }
            }
        }.start();
    }
}
