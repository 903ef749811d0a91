package dev.verdant.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.dataset.Batch;
import dev.verdant.data.Datasets;
import dev.verdant.data.Split;
import dev.verdant.model.Batches;
import dev.verdant.train.DjlRuntime;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Where a staged batch's gather time goes (MNIST-sized uint8 split, batch 128): {@link Batches#staged} as the loop
 * calls it, then its pieces one at a time (index array, advanced-index gather, uint8 to float and scale; libtorch's promoting division in one op), and
 * an index_select through libtorch's embedding op as the alternative gather. Medians in microseconds; the variants
 * take turns per batch. Usage: GatherBench [BATCHES] (bench/gather.sh)
 */
public final class GatherBench {

    private GatherBench() {
    }

    public static void main(String[] args) {
        DjlRuntime.configureOffline();
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int n = 60000;
        int bs = 128;
        byte[] bytes = new byte[n * 784];
        new Random(1).nextBytes(bytes);
        int[] labels = new int[n];
        Arrays.fill(labels, 3);
        Split split = Split.ofBytes(bytes, labels, 784);
        int[] order = Datasets.permutation(n, new Random(2));
        int steps = n / bs;
        String[] names = {"Batches.staged", "index-array", "adv-index-gather", "to-float-scale", "embedding-gather", "promoting-div"};
        long[][] t = new long[names.length][batches];
        try (NDManager root = NDManager.newBaseManager(Device.cpu())) {
            NDArray features = root.create(bytes, new Shape(n, 784)).toType(DataType.UINT8, false);
            NDArray scale = root.create(255f);
            for (int b = -50; b < batches; b++) {
                int step = Math.floorMod(b, steps);
                long s0 = System.nanoTime();
                try (Batch batch = Batches.staged(root, split, new long[] {784}, order, step * bs, bs, step, steps)) {
                    batch.getData().head();
                }
                long s1 = System.nanoTime();
                try (NDManager m = root.newSubManager()) {
                    long[] rows = new long[bs];
                    for (int i = 0; i < bs; i++) {
                        rows[i] = order[step * bs + i];
                    }
                    long a = System.nanoTime();
                    NDArray idx = m.create(rows);
                    long c = System.nanoTime();
                    NDArray x = features.get(m, new NDIndex("{}", idx));
                    long d = System.nanoTime();
                    x.toType(DataType.FLOAT32, false).divi(scale);
                    long e = System.nanoTime();
                    PtNDArray y = JniUtils.embedding((PtNDArray) idx, (PtNDArray) features, false);
                    long f = System.nanoTime();
                    long g = System.nanoTime();
                    y.div(scale).close();
                    long h = System.nanoTime();
                    y.close();
                    if (b >= 0) {
                        t[0][b] = s1 - s0;
                        t[1][b] = c - a;
                        t[2][b] = d - c;
                        t[3][b] = e - d;
                        t[4][b] = f - e;
                        t[5][b] = h - g;
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder("median_us");
        for (int i = 0; i < names.length; i++) {
            long[] s = t[i].clone();
            Arrays.sort(s);
            out.append(String.format(Locale.ROOT, " %s %.1f", names[i], s[s.length / 2] / 1e3));
        }
        System.out.println(out);
    }
}
