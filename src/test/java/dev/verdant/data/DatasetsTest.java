package dev.verdant.data;

import dev.verdant.spec.DatasetSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetsTest {

    @Test
    void digitsHas1797SamplesOfTenClasses() {
        LoadedData d = Datasets.load(DatasetSpec.defaults(), 1);
        assertEquals(1797, d.train().size() + d.validation().size());
        assertEquals(10, d.numClasses());
        assertArrayEquals(new long[] {1, 8, 8}, d.sampleShape());
    }

    @Test
    void fashionMnistSmallHas10000Images() {
        LoadedData d = Datasets.load(DatasetSpec.defaults().withName("fashion-mnist-small"), 1);
        assertEquals(10_000, d.train().size() + d.validation().size());
        assertArrayEquals(new long[] {1, 28, 28}, d.sampleShape());
        assertEquals("Ankle boot", d.classNames().get(9));
    }

    @Test
    void syntheticSetsAreDeterministicUnderTheSeed() {
        for (String name : DatasetSpec.SYNTHETIC) {
            DatasetSpec spec = DatasetSpec.defaults().withName(name);
            LoadedData a = Datasets.load(spec, 5);
            assertEquals(a.sha256(), Datasets.load(spec, 5).sha256(), name);
            assertNotEquals(a.sha256(), Datasets.load(spec, 6).sha256(), name);
            assertEquals(1000, a.train().size() + a.validation().size(), name);
        }
    }

    @Test
    void limitKeepsTheFirstTrainingSamples() {
        LoadedData full = Datasets.load(DatasetSpec.defaults(), 3);
        LoadedData limited = Datasets.load(DatasetSpec.defaults().withLimit(100), 3);
        assertEquals(100, limited.train().size());
        assertEquals(full.validation().size(), limited.validation().size());
        assertArrayEquals(java.util.Arrays.copyOf(full.train().labels(), 100), limited.train().labels());
    }

    @Test
    void onDiskDatasetWithoutPathSaysWhatToSet() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> Datasets.load(DatasetSpec.defaults().withName("cifar10"), 1));
        assertTrue(e.getMessage().contains("dataset.path"), e.getMessage());
    }

    @Test
    void splitIndicesCoverEverySampleOnce() {
        Datasets.SplitIndices s = Datasets.splitIndices("x", 10, 0.3, 9);
        assertEquals(7, s.train().length);
        assertEquals(3, s.validation().length);
        boolean[] seen = new boolean[10];
        for (int i : s.train()) {
            seen[i] = true;
        }
        for (int i : s.validation()) {
            assertTrue(!seen[i]);
            seen[i] = true;
        }
    }
}
