package dev.verdant.bench;

import ai.djl.Device;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.result.EpochRecord;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ModelSpec;
import dev.verdant.spec.TrainingSpec;
import dev.verdant.train.DjlRuntime;
import dev.verdant.train.TrainingObserver;
import dev.verdant.train.TrainingSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Resident memory of the process after each epoch of one training run (LeNet-5, batch 128): it should stay flat
 * once the first epoch has staged the data. Usage: RssBench DATASET FOLDER LIMIT EPOCHS (dataset mnist or cifar10).
 *
 * <p>Each line also says where the memory is, so growth can be told apart from a leak: the Java heap (committed by
 * the collector, and in use), the C allocator (glibc's {@code mallinfo2}: bytes in use by native code, libtorch's
 * tensors included, and free bytes in its heaps: after the per-epoch trim most of those are no longer resident, as
 * mallinfo cannot tell) and the count of live native arrays under the model. MB are 10^6 bytes except RSS (MiB).
 */
public final class RssBench {

    private RssBench() {
    }

    public static void main(String[] args) {
        DjlRuntime.configureOffline();
        String dataset = args[0];
        ExperimentSpec spec = ExperimentSpec.defaults().withName("rss")
                .withDataset(DatasetSpec.defaults().withName(dataset).withPath(args[1])
                        .withLimit(Integer.parseInt(args[2])))
                .withModel(ModelSpec.defaults().withArch("lenet5"))
                .withTraining(TrainingSpec.defaults().withEpochs(Integer.parseInt(args[3])).withBatchSize(128))
                .withDevice("cpu");
        LoadedData data = Datasets.load(spec.dataset(), spec.seed());
        System.out.printf(Locale.ROOT, "%s: %d training samples, features held in %.1f MB (%s); RSS after loading "
                        + "%.0f MB%n", dataset, data.train().size(), data.train().featureBytes() / 1e6,
                data.train().isBytes() ? "bytes" : "floats", rssMb());
        double[] first = {0};
        TrainingSession[] session = {null};
        try (TrainingSession s = TrainingSession.create(spec, data, Device.cpu())) {
            session[0] = s;
            s.train(new TrainingObserver() {
                @Override
                public EpochRecord onEpoch(EpochRecord e) {
                    double rss = rssMb();
                    if (e.epoch() == 1) {
                        first[0] = rss;
                    }
                    System.out.printf(Locale.ROOT, "epoch %2d  RSS %.0f MB  (%+.1f%% of epoch 1)  val acc %.4f  |  "
                                    + "heap committed %.0f used %.0f  malloc in use %.0f free %.0f  native arrays %d%n",
                            e.epoch(), rss, 100 * (rss / first[0] - 1), e.valAccuracy(), heapMb(true),
                            heapMb(false), malloc(true), malloc(false), session[0].liveNativeArrays());
                    return e;
                }
            }, () -> false);
        }
    }

    /** The Java heap the collector has committed ({@code committed}) or holds live objects in, in MB. */
    private static double heapMb(boolean committed) {
        java.lang.management.MemoryUsage u = java.lang.management.ManagementFactory.getMemoryMXBean()
                .getHeapMemoryUsage();
        return (committed ? u.getCommitted() : u.getUsed()) / 1e6;
    }

    /** glibc's allocator over all arenas, in MB: bytes in use ({@code inUse}) or free but kept; NaN elsewhere. */
    private static double malloc(boolean inUse) {
        try {
            Mallinfo2 m = com.sun.jna.Native.load("c", Libc.class).mallinfo2();
            return (inUse ? m.uordblks + m.hblkhd : m.fordblks) / 1e6;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** glibc's {@code struct mallinfo2} (malloc.h, glibc 2.33+). */
    @com.sun.jna.Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
            "uordblks", "fordblks", "keepcost"})
    public static class Mallinfo2 extends com.sun.jna.Structure implements com.sun.jna.Structure.ByValue {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;
    }

    /** The one glibc call the bench needs. */
    interface Libc extends com.sun.jna.Library {
        Mallinfo2 mallinfo2();
    }

    /** VmRSS from /proc/self/status, in MB (Linux). */
    private static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (java.io.IOException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
