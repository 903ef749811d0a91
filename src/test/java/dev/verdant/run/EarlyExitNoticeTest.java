package dev.verdant.run;

import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.SpecCodec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run with early exits reports their figures at the spec's threshold as a notice, each labelled. */
class EarlyExitNoticeTest {

    @Test
    void aRunWithEarlyExitsReportsThemAtItsThreshold() {
        List<String> notices = new ArrayList<>();
        RunResult r = Job.of(SpecCodec.parse("name: exits\ndataset: { limit: 300 }\ntraining: { epochs: 1 }\n"
                + "device: cpu\nmodel: { arch: dscnn, channels: 4, earlyExits: { after: [1, 2], threshold: 0.8 } }\n"))
                .addListener(new RunListener() {
                    @Override
                    public void onNotice(RunEvent.Notice n) {
                        notices.add(n.message());
                    }
                }).runHere();
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        String line = notices.stream().filter(n -> n.startsWith("early exit")).findFirst().orElseThrow(
                () -> new AssertionError("no early-exit notice in " + notices));
        assertTrue(line.contains("threshold 0.80") && line.contains("(measured)") && line.contains("(counted")
                && line.contains("estimated:flops-share"), line);
    }
}
