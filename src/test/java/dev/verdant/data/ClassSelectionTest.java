package dev.verdant.data;

import dev.verdant.spec.DatasetSpec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dataset.classes} keeps the chosen classes and renumbers them in the order given. */
class ClassSelectionTest {

    @Test
    void selectedClassesAreRemappedInTheOrderGiven() {
        LoadedData all = Datasets.load(DatasetSpec.defaults(), 42);
        LoadedData picked = Datasets.load(DatasetSpec.defaults().withClasses(List.of(7, 5)), 42);
        assertEquals(List.of("7", "5"), picked.classNames());
        assertEquals(2, picked.numClasses());
        assertEquals(count(all.train().labels(), 7) + count(all.train().labels(), 5), picked.train().size());
        assertEquals(count(all.train().labels(), 7), count(picked.train().labels(), 0), "7 became 0");
        assertEquals(count(all.validation().labels(), 5), count(picked.validation().labels(), 1), "5 became 1");
        assertTrue(Arrays.stream(picked.train().labels()).allMatch(l -> l == 0 || l == 1));
        // the first kept sample is the first 7 or 5 of the full split, with its own pixels
        int first = 0;
        while (all.train().labels()[first] != 7 && all.train().labels()[first] != 5) {
            first++;
        }
        int d = all.train().sampleSize();
        assertArrayEquals(Arrays.copyOfRange(all.train().features(), first * d, first * d + d),
                Arrays.copyOfRange(picked.train().features(), 0, d));
        assertEquals(all.train().labels()[first] == 7 ? 0 : 1, picked.train().labels()[0]);
    }

    @Test
    void aClassTheDataDoesNotHaveIsAClearError() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> Datasets.load(DatasetSpec.defaults().withClasses(List.of(3, 12)), 42));
        assertTrue(e.getMessage().contains("class 12 does not exist") && e.getMessage().contains("0..9"),
                e.getMessage());
    }

    private static long count(int[] labels, int c) {
        return Arrays.stream(labels).filter(l -> l == c).count();
    }
}
