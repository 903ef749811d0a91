package dev.verdant.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Downloads {@code mnist}, {@code fashion-mnist} or {@code cifar10} into a folder that
 * {@link Datasets#load} then reads as {@code dataset.path}. Every file is checked against a SHA-256 table before
 * it gets its final name (see {@link FileDownload} for resume, retry and atomic rename); CIFAR-10's archive is
 * unpacked to {@code cifar-10-batches-bin/} and then deleted. The mirror is the dataset's usual public one unless
 * the caller names another base URL (a company mirror, or a local server in tests).
 */
public final class DatasetDownloader {

    /** The datasets this class can download. */
    public static final List<String> DATASETS = List.of("mnist", "fashion-mnist", "cifar10");

    /**
     * SHA-256 and size of the official files. Source: TensorFlow Datasets' {@code url_checksums/mnist.txt},
     * {@code fashion_mnist.txt} and {@code cifar10.txt} (the same bytes are served by every mirror; the MNIST
     * values match the originals at yann.lecun.com, which the ossci-datasets mirror copies, size for size).
     */
    public static final Map<String, List<RemoteFile>> OFFICIAL = Map.of(
            "mnist", List.of(
                    new RemoteFile("train-images-idx3-ubyte.gz", 9_912_422,
                            "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
                    new RemoteFile("train-labels-idx1-ubyte.gz", 28_881,
                            "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
                    new RemoteFile("t10k-images-idx3-ubyte.gz", 1_648_877,
                            "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
                    new RemoteFile("t10k-labels-idx1-ubyte.gz", 4_542,
                            "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6")),
            "fashion-mnist", List.of(
                    new RemoteFile("train-images-idx3-ubyte.gz", 26_421_880,
                            "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
                    new RemoteFile("train-labels-idx1-ubyte.gz", 29_515,
                            "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
                    new RemoteFile("t10k-images-idx3-ubyte.gz", 4_422_102,
                            "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
                    new RemoteFile("t10k-labels-idx1-ubyte.gz", 5_148,
                            "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5")),
            "cifar10", List.of(
                    new RemoteFile("cifar-10-binary.tar.gz", 170_052_171,
                            "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd")));

    /** The usual public mirror of each dataset. */
    public static final Map<String, String> DEFAULT_MIRRORS = Map.of(
            "mnist", "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "fashion-mnist", "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            "cifar10", "https://www.cs.toronto.edu/~kriz/");

    private final Map<String, List<RemoteFile>> checksums;
    private final FileDownload files;
    private final DownloadProgress progress;

    /** How long a connection may take to open. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** How long the server may stay silent (before its headers, or between bytes) before the try is abandoned. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /** The official checksum table, 4 attempts per file with pauses of 1, 2 and 4 seconds. */
    public DatasetDownloader(DownloadProgress progress) {
        this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(CONNECT_TIMEOUT).build(), OFFICIAL, progress, 4, Duration.ofSeconds(1));
    }

    /**
     * Everything injectable, for tests and special setups.
     *
     * @param checksums dataset name to the files to fetch and their SHA-256
     * @param attempts  tries per file before giving up (at least 1)
     * @param backoff   pause after the first failed try; it doubles after each further one
     */
    public DatasetDownloader(HttpClient client, Map<String, List<RemoteFile>> checksums, DownloadProgress progress,
                             int attempts, Duration backoff) {
        this(client, checksums, progress, attempts, backoff, READ_TIMEOUT);
    }

    /**
     * As above, with the read timeout: the longest silence from the server (before its headers or between bytes)
     * before a try is abandoned. The connect timeout is the client's own ({@link HttpClient.Builder#connectTimeout}).
     */
    public DatasetDownloader(HttpClient client, Map<String, List<RemoteFile>> checksums, DownloadProgress progress,
                             int attempts, Duration backoff, Duration readTimeout) {
        this.checksums = Map.copyOf(checksums);
        this.progress = progress;
        this.files = new FileDownload(client, progress, Math.max(1, attempts), backoff, readTimeout);
    }

    /**
     * Downloads {@code dataset} into {@code dir} and returns the folder to use as {@code dataset.path}.
     *
     * @param mirror base URL to fetch the files from, or null for {@link #DEFAULT_MIRRORS}
     */
    public Path download(String dataset, Path dir, String mirror) {
        List<RemoteFile> wanted = checksums.get(dataset);
        if (wanted == null) {
            throw new DatasetException("cannot download '" + dataset + "': choose one of " + DATASETS);
        }
        String base = mirror != null ? mirror : DEFAULT_MIRRORS.get(dataset);
        if (base == null) {
            throw new DatasetException("no mirror known for '" + dataset + "': pass a base URL");
        }
        if (dataset.equals("cifar10") && cifarUnpacked(dir.resolve(CifarFolder.ARCHIVE_FOLDER))) {
            progress.message("cifar10: " + dir.resolve(CifarFolder.ARCHIVE_FOLDER) + " is already complete, skipped");
            return dir;
        }
        for (RemoteFile f : wanted) {
            Path local = files.fetch(resolve(base, f.name()), f, dir);
            if (f.name().endsWith(".tar.gz")) {
                unpack(local, dir.resolve(CifarFolder.ARCHIVE_FOLDER));
            }
        }
        return dir;
    }

    static URI resolve(String base, String name) {
        try {
            return URI.create(base.endsWith("/") ? base + name : base + "/" + name);
        } catch (IllegalArgumentException e) {
            throw new DatasetException("mirror '" + base + "' is not a valid URL: " + e.getMessage(), e);
        }
    }

    /** Every batch file present with whole records: unpacking finished (each file is renamed only when whole). */
    private static boolean cifarUnpacked(Path batches) {
        List<String> names = new java.util.ArrayList<>(CifarFolder.TRAIN_FILES);
        names.add(CifarFolder.TEST_FILE);
        for (String n : names) {
            try {
                Path p = batches.resolve(n);
                if (!Files.isRegularFile(p) || Files.size(p) == 0 || Files.size(p) % CifarFolder.RECORD != 0) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** Extracts only the data files ({@code *.bin} and the class-name list), then drops the verified archive. */
    private void unpack(Path archive, Path into) {
        progress.message("extracting " + archive.getFileName() + " into " + into);
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16),
                1 << 16)) {
            List<String> got = TarReader.extract(in, into,
                    name -> name.endsWith(".bin") || name.equals("batches.meta.txt"));
            if (!cifarUnpacked(into)) {
                throw new DatasetException(archive + ": the archive lacks CIFAR-10 batch files (found " + got + ")");
            }
            Files.delete(archive);
        } catch (IOException e) {
            throw new DatasetException(archive + ": cannot be unpacked (" + e.getMessage() + ")", e);
        }
    }
}
