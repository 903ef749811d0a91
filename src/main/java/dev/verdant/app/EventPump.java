package dev.verdant.app;

import dev.verdant.run.RunEvent;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Carries run events from training threads to the FX thread in batches. Training threads {@link #offer} events
 * (cheap, never blocks); {@link #pump} drains everything queued and hands it to each listener as one list, so a
 * chart is redrawn once per batch however many events arrived. {@link #start} pumps at most {@link #MAX_HZ} times a
 * second on the FX thread; tests call {@link #pump} themselves.
 */
public final class EventPump {

    /** Upper bound on redraws a second: more is invisible and steals the FX thread from input handling. */
    public static final int MAX_HZ = 20;

    private final ConcurrentLinkedQueue<RunEvent> queue = new ConcurrentLinkedQueue<>();
    private final List<Consumer<List<RunEvent>>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> tickListeners = new CopyOnWriteArrayList<>();
    private Timeline timeline;

    /** Queues an event; safe from any thread. */
    public void offer(RunEvent event) {
        queue.add(event);
    }

    /** Adds a listener; it is called on the pumping thread with the events in arrival order. */
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
        for (RunEvent e; (e = queue.poll()) != null; ) {
            batch.add(e);
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
