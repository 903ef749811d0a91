package dev.verdant.app;

import dev.verdant.run.RunEvent;
import dev.verdant.run.RunListener;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Carries run events from training threads to the FX thread in batches. A run's listener from {@link #forRun}
 * queues its events (cheap, never blocks); {@link #pump} drains everything queued, delivers each event to the
 * listener of its run first (through its typed callback), then hands the whole batch to each batch listener as one
 * list, so a chart is redrawn once per batch however many events arrived. {@link #start} pumps at most
 * {@link #MAX_HZ} times a second on the FX thread; tests call {@link #pump} themselves.
 */
public final class EventPump {

    /** Upper bound on redraws a second: more is invisible and steals the FX thread from input handling. */
    public static final int MAX_HZ = 20;

    /** An event and the FX-side listener of its run (null: batch listeners only). */
    private record Delivery(RunEvent event, RunListener target) {
    }

    private final ConcurrentLinkedQueue<Delivery> queue = new ConcurrentLinkedQueue<>();
    private final List<Consumer<List<RunEvent>>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> tickListeners = new CopyOnWriteArrayList<>();
    private Timeline timeline;

    /**
     * A listener to attach to one run (safe on any thread): it queues the run's events, which {@link #pump} then
     * delivers on the pumping thread to {@code onFxThread}'s callbacks and to every batch listener.
     */
    public RunListener forRun(RunListener onFxThread) {
        return RunListener.forwarding(e -> queue.add(new Delivery(e, onFxThread)));
    }

    /** A listener to attach to a run whose events only the batch listeners need. */
    public RunListener forRun() {
        return RunListener.forwarding(e -> queue.add(new Delivery(e, null)));
    }

    /**
     * Adds a batch listener; it is called on the pumping thread with the events in arrival order, after each run's
     * own listener, and reads them through {@link RunEvent#deliverTo} with a {@link RunListener} of its own.
     */
    public void addListener(Consumer<List<RunEvent>> listener) {
        listeners.add(listener);
    }

    /** Adds a listener called after every pump, with or without events (deferred redraws use it). */
    public void addTickListener(Runnable listener) {
        tickListeners.add(listener);
    }

    /** Delivers everything queued so far; returns how many events it delivered. */
    public int pump() {
        List<RunEvent> batch = new ArrayList<>();
        for (Delivery d; (d = queue.poll()) != null; ) {
            if (d.target() != null) {
                d.event().deliverTo(d.target());
            }
            batch.add(d.event());
        }
        if (!batch.isEmpty()) {
            List<RunEvent> view = List.copyOf(batch);
            for (Consumer<List<RunEvent>> l : listeners) {
                l.accept(view);
            }
        }
        tickListeners.forEach(Runnable::run);
        return batch.size();
    }

    /** Events queued and not yet delivered. */
    public boolean isIdle() {
        return queue.isEmpty();
    }

    /** Starts pumping on the FX thread at {@link #MAX_HZ}; call on the FX thread. */
    public void start() {
        if (timeline == null) {
            timeline = new Timeline(new KeyFrame(Duration.millis(1000.0 / MAX_HZ), e -> pump()));
            timeline.setCycleCount(Timeline.INDEFINITE);
            timeline.play();
        }
    }

    /** Stops the periodic pump (pending events stay queued). */
    public void stop() {
        if (timeline != null) {
            timeline.stop();
            timeline = null;
        }
    }
}
