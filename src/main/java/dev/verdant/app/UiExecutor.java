package dev.verdant.app;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one way the window does slow work: {@link #runInBackground} keeps DJL and database calls off the FX thread
 * and hands the outcome back on it. Tests use {@link #synchronous()} so ViewModels run without a toolkit.
 */
public interface UiExecutor {

    /** Runs {@code work} off the FX thread, then {@code onSuccess} or {@code onError} on it. */
    <T> void runInBackground(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError);

    /** Runs {@code action} on the FX thread (now when already on it). */
    void onFx(Runnable action);

    /** An executor that runs everything on the calling thread, for tests. */
    static UiExecutor synchronous() {
        return new UiExecutor() {
            @Override
            public <T> void runInBackground(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
                T value;
                try {
                    value = work.call();
                } catch (Exception | Error e) {
                    onError.accept(e);
                    return;
                }
                onSuccess.accept(value);
            }

            @Override
            public void onFx(Runnable action) {
                action.run();
            }
        };
    }
}
