package dev.verdant.data;

import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecCodec;
import dev.verdant.spec.SpecException;
import dev.verdant.spec.SpecValidator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dataset.features} for the synthetic sets: the inputs are expanded as documented, and checked in specs. */
class InputFeaturesTest {

    @Test
    void expandsPointsAsDocumented() {
        float[] xy = {0.5f, -1f};
        float[] p = InputFeatures.expand(xy, "playground");
        assertArrayEquals(new float[] {0.5f, -1f, 0.25f, 1f, -0.5f, (float) Math.sin(0.5), (float) Math.sin(-1)}, p,
                1e-6f);
        float[] f = InputFeatures.expand(xy, "fourier");
        assertEquals(34, f.length);
        assertEquals(0.5f, f[0]);
        for (int i = 2; i < f.length; i++) {
            assertTrue(f[i] >= -1 && f[i] <= 1);
        }
        assertArrayEquals(f, InputFeatures.expand(xy, "fourier"), "seeded: the same every time");
        assertTrue(xy == InputFeatures.expand(xy, null));
    }

    @Test
    void loadedDataHasTheExpandedShapeAndTheSamePoints() {
        DatasetSpec raw = new DatasetSpec("spirals", null, 0.2, null, null, 100, 0.05);
        LoadedData plain = Datasets.load(raw, 3);
        LoadedData fourier = Datasets.load(raw.withFeatures("fourier"), 3);
        assertArrayEquals(new long[] {34}, fourier.sampleShape());
        assertArrayEquals(plain.train().labels(), fourier.train().labels());
        assertEquals(plain.train().features()[0], fourier.train().features()[0]);
    }

    @Test
    void specsRoundTripAndRefuseFeaturesWhereTheyDoNotApply() {
        ExperimentSpec s = SpecCodec.parse("name: f\ndataset: { name: circles, features: playground }\n");
        assertEquals("playground", s.dataset().features());
        assertEquals(s, SpecCodec.parse(SpecCodec.toYaml(s)));
        assertFalse(SpecCodec.toJson(ExperimentSpec.defaults()).contains("features"), "absent unless given");
        assertTrue(SpecValidator.problems(s).isEmpty());
        SpecException digits = assertThrows(SpecException.class,
                () -> SpecCodec.parse("name: f\ndataset: { name: digits, features: fourier }\n"));
        assertTrue(digits.getMessage().contains("applies only to the synthetic sets"), digits.getMessage());
        SpecException bad = assertThrows(SpecException.class,
                () -> SpecCodec.parse("name: f\ndataset: { name: xor, features: polar }\n"));
        assertTrue(bad.getMessage().contains("must be one of [xy, playground, fourier]"), bad.getMessage());
    }
}
