package dev.verdant.store;

import java.nio.file.Path;

/**
 * Child process for {@link CrashSafetyTest}: starts a run and commits an epoch about every 100 ms, saying so on
 * stdout, until it is killed. Usage: {@code CrashingWriter DB_FILE}.
 */
public final class CrashingWriter {

    private CrashingWriter() {
    }

    public static void main(String[] args) throws Exception {
        RunStore store = RunStore.open(Path.of(args[0]));
        long id = store.createRun(Samples.spec("doomed"), Samples.provenance("child"));
        System.out.println("run " + id);
        for (int n = 1; n <= 10_000; n++) {
            store.appendEpoch(id, Samples.epoch(n));
            System.out.println("epoch " + n + " committed");
            System.out.flush();
            Thread.sleep(100);
        }
    }
}
