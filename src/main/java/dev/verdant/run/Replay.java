package dev.verdant.run;

import dev.verdant.result.RunResult;

import java.util.ArrayList;
import java.util.List;

/**
 * A stored run's events as it published them (start, epochs, power, compression steps), so a view that draws events
 * can draw a finished run again, e.g. the window's charts after a restart. Only the run layer makes events; this is
 * the one place they are made from a stored result rather than a running job.
 */
public final class Replay {

    private Replay() {
    }

    /** The events of stored run {@code r} (none for a run without a store id); no Finished event. */
    public static List<RunEvent> events(RunResult r) {
        List<RunEvent> events = new ArrayList<>();
        if (r.id() == null) {
            return events;
        }
        RunId id = RunId.stored(r.id());
        var m = r.finalMetrics();
        events.add(new RunEvent.Started(id, r.spec(), r.provenance(), m == null ? 0 : m.params(),
                m == null ? 0 : m.flopsPerSample(), 0));
        r.epochs().forEach(e -> events.add(new RunEvent.EpochEnded(id, e, r.epochs().size())));
        r.power().forEach(p -> events.add(new RunEvent.Power(id, p)));
        int steps = Math.max(0, r.compression().size() - 1);
        r.compression().forEach(c -> events.add(new RunEvent.StepEnded(id, c, steps)));
        return events;
    }
}
