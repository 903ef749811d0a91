package dev.verdant.cli;

import dev.verdant.data.DatasetDownloader;
import dev.verdant.data.DownloadProgress;
import dev.verdant.spec.DatasetSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code verdant datasets}: lists the dataset names a spec accepts and downloads the on-disk ones. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List datasets, or download MNIST, Fashion-MNIST or CIFAR-10 with checksums.",
        subcommands = {DatasetsCommand.Download.class, DatasetsCommand.ListNames.class})
public final class DatasetsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code datasets download NAME --dir DIR [--mirror URL]}: progress on stderr, the folder on stdout. */
    @Command(name = "download", mixinStandardHelpOptions = true,
            description = "Download a dataset into DIR, verify each file's SHA-256, and print the folder to use "
                    + "as dataset.path. An interrupted download resumes when run again.")
    static final class Download implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DATASET", description = "mnist, fashion-mnist or cifar10")
        String dataset;

        @Option(names = "--dir", required = true, paramLabel = "DIR", description = "folder to download into")
        Path dir;

        @Option(names = "--mirror", paramLabel = "URL",
                description = "base URL of a mirror holding the same files (default: the dataset's public mirror)")
        String mirror;

        @Override
        public Integer call() {
            if (!DatasetDownloader.DATASETS.contains(dataset)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "cannot download '" + dataset
                        + "': choose one of " + DatasetDownloader.DATASETS);
            }
            PrintWriter err = spec.commandLine().getErr();
            Path folder = new DatasetDownloader(new StderrProgress(err)).download(dataset, dir, mirror);
            err.flush();
            spec.commandLine().getOut().println(folder.toAbsolutePath());
            return 0;
        }
    }

    /** {@code datasets list}: one line per accepted dataset name, with its kind. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the dataset names a spec accepts.")
    static final class ListNames implements Runnable {

        private static final Map<String, String> ABOUT = Map.ofEntries(
                Map.entry("digits", "1,797 handwritten digits, 8x8, 10 classes (scikit-learn)"),
                Map.entry("fashion-mnist-small", "10,000 Fashion-MNIST images, 28x28, 10 classes"),
                Map.entry("spirals", "two interleaved spirals, 2-D points"),
                Map.entry("circles", "a disc inside a ring, 2-D points"),
                Map.entry("xor", "XOR quadrants, 2-D points"),
                Map.entry("gaussians", "two Gaussian blobs, 2-D points"),
                Map.entry("mnist", "IDX files in dataset.path (verdant datasets download mnist)"),
                Map.entry("fashion-mnist", "IDX files in dataset.path (verdant datasets download fashion-mnist)"),
                Map.entry("cifar10", "CIFAR-10 binary batches in dataset.path (verdant datasets download cifar10)"),
                Map.entry("csv", "a numeric CSV file in dataset.path; dataset.labelColumn names the label"));

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            print(out, "built-in", DatasetSpec.BUILT_IN);
            print(out, "synthetic", DatasetSpec.SYNTHETIC);
            print(out, "on-disk", DatasetSpec.ON_DISK);
            out.flush();
        }

        private static void print(PrintWriter out, String kind, java.util.List<String> names) {
            for (String name : names) {
                out.printf("%-20s %-10s %s%n", name, kind, ABOUT.getOrDefault(name, ""));
            }
        }
    }

    /** Prints a line per file each time another tenth of it has arrived, plus the downloader's messages. */
    static final class StderrProgress implements DownloadProgress {
        private final PrintWriter err;
        private String file = "";
        private long lastStep = -1;

        StderrProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void bytes(String name, long done, long total) {
            if (!name.equals(file)) {
                file = name;
                lastStep = -1;
            }
            // a tenth of the file when its size is known, else every 10 MiB
            long step = total > 0 ? done * 10 / total : done / (10L << 20);
            if (step != lastStep) {
                lastStep = step;
                err.println(total > 0 ? String.format("%s: %3d%% of %,d bytes", name, step * 10, total)
                        : String.format("%s: %,d bytes", name, done));
                err.flush();
            }
        }

        @Override
        public void message(String text) {
            err.println(text);
            err.flush();
        }
    }
}
