package dev.verdant.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Nothing is sent over the network unless asked": a whole {@code verdant run} (engine start, training, energy,
 * store) in a child JVM that refuses and reports every connection or lookup beyond this machine. No DJL offline
 * flags are passed: Verdant must set them itself.
 */
@Timeout(240)
class OfflineRunTest {

    @TempDir
    Path dir;

    @Test
    void aRunMakesNoNetworkConnection() throws Exception {
        Path spec = Files.writeString(dir.resolve("s.yaml"), "name: offline\ndataset: { name: digits, limit: 300 }\n"
                + "training: { epochs: 1 }\ndevice: cpu\n");
        SignalTest.Child child = SignalTest.Child.start(List.of("-Djava.security.manager=allow"),
                NoNetworkMain.class.getName(), "run", spec.toString(), "--db", dir.resolve("v.db").toString(),
                "--out", dir.resolve("r.json").toString());
        assertTrue(child.process.waitFor(200, TimeUnit.SECONDS), "the run did not end: " + child.stderr());
        String err = child.stderr();
        assertFalse(err.contains("NETWORK:"), err);
        assertEquals(0, child.process.exitValue(), err);
        assertTrue(Files.readString(dir.resolve("r.json")).contains("\"status\" : \"completed\""));
    }
}
