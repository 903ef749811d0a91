package dev.verdant.app;

import javafx.application.Platform;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** The real {@link UiExecutor}: a small daemon pool for the work, {@link Platform#runLater} for the hand-back. */
public final class FxUiExecutor implements UiExecutor, AutoCloseable {

    private final AtomicInteger threads = new AtomicInteger();
    // Two threads: a store query must not wait behind a slow file read, and more would only contend on 2 cores.
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "verdant-ui-worker-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    @Override
    public <T> void runInBackground(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
        try {
            pool.execute(() -> {
                try {
                    T value = work.call();
                    onFx(() -> onSuccess.accept(value));
                } catch (Exception | Error e) {
                    onFx(() -> onError.accept(e));
                }
            });
        } catch (RejectedExecutionException closing) {
            // The window is closing (this executor was closed): a run event still in the pump, e.g. a cancelled
            // run's Finished, may ask a view to refresh; the store already holds what it would read.
        }
    }

    @Override
    public void onFx(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
