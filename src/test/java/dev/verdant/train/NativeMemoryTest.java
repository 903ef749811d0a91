package dev.verdant.train;

import ai.djl.Device;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.result.EpochRecord;
import dev.verdant.spec.ExperimentSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The native-memory rule of STACK.md: nothing allocated per batch outlives its batch. */
class NativeMemoryTest {

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"batch", "group"})
    void liveArraysAndResidentMemoryStayFlatEpochOverEpoch(String norm) {
        ExperimentSpec spec = ExperimentSpec.defaults();
        spec = spec.withModel(spec.model().withArch("lenet5").withNorm(norm).withGroups(2))
                .withTraining(spec.training().withEpochs(6));
        LoadedData data = Datasets.load(spec.dataset(), spec.seed());
        List<Integer> arrays = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        try (TrainingSession session = TrainingSession.create(spec, data, Device.cpu())) {
            session.train(new TrainingObserver() {
                @Override
                public EpochRecord onEpoch(EpochRecord epoch) {
                    arrays.add(session.liveNativeArrays());
                    rss.add(residentBytes());
                    return epoch;
                }
            }, () -> false);
        }
        // After warm-up (epoch 1 creates the optimiser state), the count of live arrays must not move at all.
        for (int i = 2; i < arrays.size(); i++) {
            assertEquals(arrays.get(1), arrays.get(i), "live NDArrays per epoch: " + arrays);
        }
        long growth = rss.get(rss.size() - 1) - rss.get(1);
        assertTrue(growth < 64L << 20, "RSS grew by " + (growth >> 20) + " MiB over 4 epochs: " + rss);
    }

    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException e) {
            // not Linux: fall back to the live-array check alone
        }
        return 0;
    }
}
