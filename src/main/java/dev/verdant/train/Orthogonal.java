package dev.verdant.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.verdant.model.NetBlocks;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

import java.util.Random;

/**
 * Orthogonal initialisation (Saxe et al. 2014), as PyTorch's {@code orthogonal_}: each weight, flattened to
 * {@code [out, in * kh * kw]}, becomes {@code gain} times a matrix with orthonormal rows (or columns, whichever are
 * fewer), from the QR decomposition of a Gaussian matrix with the signs of R's diagonal folded in so the result is
 * uniformly distributed. DJL has no QR, so EJML computes it; the Gaussian comes from the run's seed.
 */
final class Orthogonal {

    private Orthogonal() {
    }

    /** Rewrites every weight matrix and convolution kernel of {@code block}. */
    static void apply(Block block, double gain, long seed) {
        Random random = new Random(seed);
        for (Parameter p : block.getParameters().values()) {
            NDArray w = p.getArray();
            if (p.getType() != Parameter.Type.WEIGHT || w.getShape().dimension() < 2) {
                continue;
            }
            int rows = (int) w.getShape().get(0);
            int cols = (int) (w.size() / rows);
            NetBlocks.overwrite(w, matrix(rows, cols, gain, random));
        }
    }

    /** A {@code rows x cols} row-major matrix with orthonormal rows or columns, times {@code gain}. */
    static float[] matrix(int rows, int cols, double gain, Random random) {
        int big = Math.max(rows, cols);
        int small = Math.min(rows, cols);
        DMatrixRMaj a = new DMatrixRMaj(big, small);
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] = random.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(big, small);
        if (!qr.decompose(a)) {
            throw new IllegalStateException("QR decomposition failed for a " + big + "x" + small + " matrix");
        }
        DMatrixRMaj q = qr.getQ(null, true);
        DMatrixRMaj r = qr.getR(null, true);
        float[] out = new float[rows * cols];
        for (int j = 0; j < small; j++) {
            double sign = r.get(j, j) < 0 ? -1 : 1;
            for (int i = 0; i < big; i++) {
                double v = gain * sign * q.get(i, j);
                // q is big x small: transposed when the weight has more columns than rows.
                int at = rows >= cols ? i * cols + j : j * cols + i;
                out[at] = (float) v;
            }
        }
        return out;
    }
}
