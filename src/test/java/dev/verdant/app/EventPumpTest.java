package dev.verdant.app;

import dev.verdant.run.RunEvent;
import dev.verdant.run.RunId;
import dev.verdant.run.RunListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pump moves events off the run's thread: nothing is delivered until it pumps, then in order, once per batch. */
class EventPumpTest {

    @Test
    void eventsWaitForThePumpThenReachTheRunsListenerBeforeTheBatchListeners() throws Exception {
        EventPump pump = new EventPump();
        List<String> calls = new ArrayList<>();
        RunListener item = new RunListener() {
            @Override
            public void onNotice(RunEvent.Notice n) {
                calls.add("item " + n.message() + " on " + Thread.currentThread().getName());
            }
        };
        pump.addListener(events -> calls.add("batch of " + events.size()));
        RunListener a = pump.forRun(item);
        RunListener b = pump.forRun();
        Thread run = new Thread(() -> {
            a.onNotice(new RunEvent.Notice(RunId.local(1), "first"));
            b.onNotice(new RunEvent.Notice(RunId.local(2), "other run"));
            a.onNotice(new RunEvent.Notice(RunId.local(1), "second"));
        }, "run-thread");
        run.start();
        run.join();
        assertTrue(calls.isEmpty(), "nothing is delivered on the run's thread: " + calls);
        String pumping = Thread.currentThread().getName();
        assertEquals(3, pump.pump());
        assertEquals(List.of("item first on " + pumping, "item second on " + pumping, "batch of 3"), calls);
        assertEquals(0, pump.pump());
        assertEquals(3, calls.size(), "an empty pump calls no batch listener");
    }
}
