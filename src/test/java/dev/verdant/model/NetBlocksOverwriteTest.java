package dev.verdant.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link NetBlocks#overwrite}: new values, same shape, and a parameter still takes its gradient afterwards. */
class NetBlocksOverwriteTest {

    @Test
    void aParameterKeepsItsGradientAndGetsTheNewValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.zeros(new Shape(2, 3));
            w.setRequiresGradient(true);
            float[] values = {1, 2, 3, 4, 5, 6};

            NetBlocks.overwrite(w, values);

            assertArrayEquals(values, w.toFloatArray());
            assertEquals(new Shape(2, 3), w.getShape());
            assertTrue(w.hasGradient());
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = w.mul(w).sum();
                gc.backward(loss);
            }
            // d/dw sum(w^2) = 2w: the gradient reaches the swapped-in values
            assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, w.getGradient().toFloatArray());
        }
    }

    @Test
    void theValuesOutliveTheJavaBufferTheyCameFrom() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.zeros(new Shape(64, 64));
            float[] values = new float[64 * 64];
            for (int i = 0; i < values.length; i++) {
                values[i] = i;
            }
            NetBlocks.overwrite(w, values);
            // the direct buffer DJL staged the values in becomes garbage: collect it and reuse its memory
            for (int round = 0; round < 5; round++) {
                System.gc();
                Thread.sleep(20);
                java.nio.ByteBuffer junk = java.nio.ByteBuffer.allocateDirect(values.length * 4);
                for (int i = 0; i < values.length; i++) {
                    junk.putFloat(-1f);
                }
            }
            assertArrayEquals(values, w.toFloatArray());
        }
    }

    @Test
    void anArrayWithoutGradientStaysWithout() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.ones(new Shape(3));
            NetBlocks.overwrite(a, new float[] {7, 8, 9});
            assertArrayEquals(new float[] {7, 8, 9}, a.toFloatArray());
            assertFalse(a.hasGradient());
            assertThrows(IllegalArgumentException.class, () -> NetBlocks.overwrite(a, new float[] {1}));
        }
    }
}
