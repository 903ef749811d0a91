package dev.verdant.cluster;

import com.hazelcast.map.IMap;
import dev.verdant.spec.ExperimentSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * File datasets go by content: the coordinator describes a spec's files by hash ({@link DataRef}, inside the signed
 * trial) and offers their bytes in 1 MiB chunks in a map; a worker uses a file with the same hash from its own data
 * folder when it has one, and otherwise assembles the file from the chunks and checks its hash before using it.
 * Built-in and synthetic datasets are generated from their name and seed on the worker, so nothing is shipped.
 */
final class DataShipping {

    static final int CHUNK = 1 << 20;

    private final IMap<String, String> chunks;
    /** File hash by path, size and modification time, so a folder is hashed once, not once per trial. */
    private final Map<String, String> hashes = new ConcurrentHashMap<>();

    DataShipping(IMap<String, String> chunks) {
        this.chunks = chunks;
    }

    /**
     * Coordinator: describes the spec's files and makes sure their chunks are in the map; null when the spec reads
     * no files, or its path does not exist here (then the worker must have the data at the same path).
     */
    DataRef offer(ExperimentSpec spec) {
        String path = spec.dataset().path();
        if (path == null || !Files.exists(Path.of(path))) {
            return null;
        }
        try {
            Path root = Path.of(path).toAbsolutePath().normalize();
            boolean single = Files.isRegularFile(root);
            List<Path> files = single ? List.of(root) : listFiles(root);
            List<DataRef.DataFile> described = new ArrayList<>();
            StringBuilder all = new StringBuilder();
            for (Path f : files) {
                String rel = single ? f.getFileName().toString() : root.relativize(f).toString().replace('\\', '/');
                long size = Files.size(f);
                String sha = hash(f);
                int count = (int) Math.max(1, (size + CHUNK - 1) / CHUNK);
                described.add(new DataRef.DataFile(rel, size, sha, count));
                all.append(rel).append('\0').append(sha).append('\n');
                if (!chunks.containsKey(sha + ":" + (count - 1))) {
                    upload(f, sha);
                }
            }
            return new DataRef(sha256(all.toString().getBytes(StandardCharsets.UTF_8)), single, described);
        } catch (IOException e) {
            throw new ClusterException("could not read the dataset at " + path + " to share it with the workers: "
                    + e.getMessage() + ". Check the spec's dataset path.", e);
        }
    }

    /**
     * Worker: the spec with its dataset path pointing at a checked local copy under {@code cache}: files found by
     * hash in {@code dataFolder} are copied, the others fetched from the coordinator.
     */
    ExperimentSpec resolve(ExperimentSpec spec, DataRef ref, Path dataFolder, Path cache) {
        if (ref == null) {
            return spec;
        }
        Path target = cache.resolve(ref.sha256());
        try {
            Map<String, Path> local = dataFolder == null ? Map.of() : indexByHash(dataFolder);
            for (DataRef.DataFile f : ref.files()) {
                Path dest = target.resolve(f.path()).normalize();
                if (!dest.startsWith(target)) {
                    throw new ClusterException("a dataset file path '" + f.path() + "' leaves the data cache; refused");
                }
                if (Files.isRegularFile(dest) && hash(dest).equals(f.sha256())) {
                    continue;
                }
                Files.createDirectories(dest.getParent());
                Path mine = local.get(f.sha256());
                Path part = dest.resolveSibling(dest.getFileName() + ".part");
                if (mine != null) {
                    Files.copy(mine, part, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    fetch(f, part);
                }
                if (!hash(part).equals(f.sha256())) {
                    Files.deleteIfExists(part);
                    throw new ClusterException("dataset file " + f.path() + " did not match its hash after transfer; "
                            + "the trial is left for another attempt");
                }
                Files.move(part, dest, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ClusterException("could not prepare the dataset in " + target + ": " + e.getMessage(), e);
        }
        Path path = ref.file() ? target.resolve(ref.files().get(0).path()) : target;
        return spec.withDataset(spec.dataset().withPath(path.toString()));
    }

    private void fetch(DataRef.DataFile f, Path part) throws IOException {
        try (OutputStream out = Files.newOutputStream(part)) {
            for (int i = 0; i < f.chunks(); i++) {
                String b64 = chunks.get(f.sha256() + ":" + i);
                if (b64 == null) {
                    throw new ClusterException("the coordinator no longer offers chunk " + i + " of " + f.path());
                }
                out.write(Base64.getDecoder().decode(b64));
            }
        }
    }

    private void upload(Path f, String sha) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            byte[] buf = new byte[CHUNK];
            int i = 0;
            while (true) {
                int n = in.readNBytes(buf, 0, CHUNK);
                if (n <= 0 && i > 0) {
                    break;
                }
                chunks.put(sha + ":" + i++, Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf, n)));
                if (n < CHUNK) {
                    break;
                }
            }
        }
    }

    private Map<String, Path> indexByHash(Path folder) throws IOException {
        Map<String, Path> index = new java.util.HashMap<>();
        if (!Files.isDirectory(folder)) {
            return index;
        }
        for (Path f : listFiles(folder)) {
            index.putIfAbsent(hash(f), f);
        }
        return index;
    }

    private static List<Path> listFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root, 6)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.toString().endsWith(".part")).sorted().toList();
        }
    }

    private String hash(Path f) throws IOException {
        String k = f.toAbsolutePath() + "|" + Files.size(f) + "|" + Files.getLastModifiedTime(f).toMillis();
        String h = hashes.get(k);
        if (h == null) {
            h = ClusterTrialExecutor.sha256(f);
            hashes.put(k, h);
        }
        return h;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
