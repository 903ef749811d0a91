package dev.verdant.run;

import java.util.function.Consumer;

/**
 * Receives one run's events through typed callbacks, DJL-listener style; every callback defaults to doing nothing,
 * so a listener implements only what it needs. Callbacks come in order on the run's thread, except
 * {@link #onPower}, which comes on the energy meter's sampling thread. They must return quickly (the window hands
 * events to its own thread; see {@code app.EventPump}). An exception thrown by a listener during the run fails the
 * run, as any error would; one thrown from {@link #onPower} is dropped by the meter (metering goes on) and one from
 * {@link #onFinished} is ignored (the run has ended).
 */
public interface RunListener {

    /** Data and model are ready and the run has its id; training starts. Always the first event of a started run. */
    default void onStarted(RunEvent.Started started) {
    }

    /** A phase begins. */
    default void onPhase(RunEvent.PhaseChanged phase) {
    }

    /** A training batch finished. */
    default void onBatch(RunEvent.BatchEnded batch) {
    }

    /** An epoch finished, energy figures included. */
    default void onEpoch(RunEvent.EpochEnded epoch) {
    }

    /** A compression step (the baseline first) was applied and measured. */
    default void onStep(RunEvent.StepEnded step) {
    }

    /** A power reading; on the meter's thread. */
    default void onPower(RunEvent.Power power) {
    }

    /** Something the user should know that is not an error, e.g. a device fallback. */
    default void onNotice(RunEvent.Notice notice) {
    }

    /** The run ended, in any status; always the last event, and the only one of a run that failed before starting. */
    default void onFinished(RunEvent.Finished finished) {
    }

    /**
     * A listener passing every event, whatever its kind, to {@code sink}: for carriers that move events to another
     * thread and deliver them there with {@link RunEvent#deliverTo} (the window's event pump).
     */
    static RunListener forwarding(Consumer<? super RunEvent> sink) {
        return new RunListener() {
            @Override
            public void onStarted(RunEvent.Started e) {
                sink.accept(e);
            }

            @Override
            public void onPhase(RunEvent.PhaseChanged e) {
                sink.accept(e);
            }

            @Override
            public void onBatch(RunEvent.BatchEnded e) {
                sink.accept(e);
            }

            @Override
            public void onEpoch(RunEvent.EpochEnded e) {
                sink.accept(e);
            }

            @Override
            public void onStep(RunEvent.StepEnded e) {
                sink.accept(e);
            }

            @Override
            public void onPower(RunEvent.Power e) {
                sink.accept(e);
            }

            @Override
            public void onNotice(RunEvent.Notice e) {
                sink.accept(e);
            }

            @Override
            public void onFinished(RunEvent.Finished e) {
                sink.accept(e);
            }
        };
    }
}
