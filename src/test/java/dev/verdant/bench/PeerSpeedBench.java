package dev.verdant.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ModelSpec;
import dev.verdant.spec.TrainingSpec;
import dev.verdant.train.DjlRuntime;
import dev.verdant.train.TrainingObserver;
import dev.verdant.train.TrainingSession;

import java.util.List;
import java.util.Locale;

/**
 * Verdant's side of {@code bench/peer-speed.sh}; one measurement per process so the script can interleave it with
 * PyTorch's. Usage:
 * <pre>
 *   PeerSpeedBench train ARCH MNIST_FOLDER LIMIT   one warm-up epoch, then one timed epoch: "samples_per_s X"
 *   PeerSpeedBench gemm N                           fp32 N x N x N matMul through DJL: "gflops X" (best of 5)
 * </pre>
 * Threads come from {@code -Dai.djl.pytorch.num_threads} as for any Verdant run.
 */
public final class PeerSpeedBench {

    private PeerSpeedBench() {
    }

    public static void main(String[] args) {
        DjlRuntime.configureOffline();
        if (args[0].equals("gemm")) {
            gemm(Integer.parseInt(args[1]));
        } else {
            train(args[1], args[2], Integer.parseInt(args[3]));
        }
    }

    private static void gemm(int n) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray a = m.randomUniform(0, 1, new Shape(n, n));
            NDArray b = m.randomUniform(0, 1, new Shape(n, n));
            a.matMul(b).close();
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                NDArray c = a.matMul(b);
                c.getFloat(0, 0); // waits for the result (libtorch on CPU is synchronous; this keeps it honest)
                best = Math.min(best, (System.nanoTime() - t) / 1e9);
                c.close();
            }
            System.out.printf(Locale.ROOT, "gflops %.1f%n", 2.0 * n * n * (double) n / best / 1e9);
        }
    }

    private static void train(String arch, String folder, int limit) {
        ModelSpec model = arch.equals("mlp") ? ModelSpec.defaults().withHidden(List.of(256, 128))
                : ModelSpec.defaults().withArch(arch);
        ExperimentSpec spec = ExperimentSpec.defaults().withName("peer-speed")
                .withDataset(DatasetSpec.defaults().withName("mnist").withPath(folder).withLimit(limit))
                .withModel(model)
                .withTraining(TrainingSpec.defaults().withEpochs(1).withBatchSize(128).withOptimizer("adam"))
                .withDevice("cpu");
        LoadedData data = Datasets.load(spec.dataset(), spec.seed());
        once(spec, data); // warm-up: the first epoch in a process runs 2-4x slower
        System.out.printf(Locale.ROOT, "samples_per_s %.1f%n", once(spec, data));
    }

    /** One epoch through Verdant's TrainingSession; the rate covers the training batches only (as PyTorch's side). */
    private static double once(ExperimentSpec spec, LoadedData data) {
        try (TrainingSession s = TrainingSession.create(spec, data, Device.cpu())) {
            return s.train(TrainingObserver.NONE, () -> false).samplesPerSecond();
        }
    }
}
