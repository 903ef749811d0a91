package dev.verdant.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Model artifact folders of an SQLite store. They belong to the store file: {@code <file name>.models/<runId>/}
 * beside it (e.g. {@code verdant.db.models/12/}), so two stores in one folder never share a model folder, and
 * deleting a run never touches another store's files. The run's row records the folder relative to the store's
 * folder ({@code model_dir}) when a model folder was handed out.
 *
 * <p>Stores written before this layout kept models in {@code models/<runId>/}, shared by every store in the
 * folder. On open such a folder is moved into the store's own folder only when it provably belongs to this store:
 * no other file in the folder may be a Verdant store. Otherwise it is left where it is, unread and never deleted.
 */
final class SqliteArtifacts {

    /** The folder every store in a folder shared before models belonged to their store. */
    static final String LEGACY_ROOT = "models";

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final SqliteDb db;

    SqliteArtifacts(SqliteDb db) {
        this.db = db;
    }

    /** The folder name of a store file's models: the file's name plus {@code .models}. */
    static String rootName(Path dbFile) {
        return dbFile.getFileName() + ".models";
    }

    /** This store's models folder. */
    Path root() {
        return db.folder().resolve(rootName(db.file()));
    }

    private String recorded(long runId) {
        return rootName(db.file()) + "/" + runId;
    }

    Path modelDir(long runId) {
        Path dir = root().resolve(Long.toString(runId));
        db.write(c -> {
            SqliteDb.requireRun(c, runId);
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET model_dir = ? WHERE id = ?")) {
                ps.setString(1, recorded(runId));
                ps.setLong(2, runId);
                ps.executeUpdate();
            }
            return null;
        });
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create the model folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The run's model folder: the store's own {@code <file>.models/<id>/}, if a folder was handed out for the run
     * and it exists. A row still naming a legacy shared {@code models/<id>} (or the folder of the file this one was
     * copied from) gives none: that folder is not provably this store's.
     */
    Optional<Path> modelPath(long runId) {
        boolean handedOut = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT model_dir FROM runs WHERE id = ?")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getString(1) != null;
                }
            }
        });
        Path dir = root().resolve(Long.toString(runId));
        return handedOut && Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    /** Deletes the run's own model folder (never a legacy shared one). */
    void deleteFolder(long runId) {
        Folders.deleteModelFolder(root().resolve(Long.toString(runId)));
    }

    /**
     * Moves this store's legacy {@code models/<id>} folders into {@code <file>.models/<id>} when no other Verdant
     * store sits in the same folder (then nobody else can have written them). Runs inside a write transaction, so
     * concurrent openers move each folder once; a crash between the move and the commit is finished on the next
     * open (the folder is found at its new place). A folder that cannot be moved stays where it was. Returns the
     * run ids whose folder now belongs to this store.
     */
    List<Long> adoptLegacyFolders() {
        if (legacyRuns().isEmpty() || otherStoreBeside()) {
            return List.of();
        }
        Path legacyRoot = db.folder().resolve(LEGACY_ROOT);
        List<Long> adopted = db.write(c -> {
            List<Long> moved = new ArrayList<>();
            for (long id : legacyRunsIn(c)) {
                Path from = legacyRoot.resolve(Long.toString(id));
                Path to = root().resolve(Long.toString(id));
                if (Files.exists(from) && Files.exists(to)) {
                    continue; // both exist: not ours to merge; leave both as they are
                }
                if (Files.isDirectory(from)) {
                    try {
                        Files.createDirectories(root());
                        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                        continue; // stays legacy; the next open tries again
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET model_dir = ? WHERE id = ?")) {
                    ps.setString(1, recorded(id));
                    ps.setLong(2, id);
                    ps.executeUpdate();
                }
                moved.add(id);
            }
            return moved;
        });
        try {
            Files.deleteIfExists(legacyRoot); // only when empty: other files in it are not ours
        } catch (DirectoryNotEmptyException e) {
            // something else is still in models/: leave it
        } catch (IOException e) {
            // an empty folder left behind does no harm
        }
        return adopted;
    }

    private List<Long> legacyRuns() {
        return db.read(SqliteArtifacts::legacyRunsIn);
    }

    private static List<Long> legacyRunsIn(java.sql.Connection c) throws java.sql.SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM runs WHERE model_dir = ? || id ORDER BY id")) {
            ps.setString(1, LEGACY_ROOT + "/");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /**
     * Whether another file in the store's folder may be a Verdant store: an SQLite file marked as Verdant's or
     * not marked at all (a new store's header is written at its first checkpoint), or any file in WAL use.
     * Reads at most 100 bytes of each regular file; opens none with SQLite.
     */
    private boolean otherStoreBeside() {
        Path self = db.file();
        String name = self.getFileName().toString();
        try (Stream<Path> files = Files.list(db.folder())) {
            for (Path p : files.toList()) {
                String other = p.getFileName().toString();
                if (other.equals(name) || !Files.isRegularFile(p)) {
                    continue;
                }
                if (other.endsWith("-wal") || other.endsWith("-shm") || other.endsWith("-journal")) {
                    continue; // side files: judged by the file they belong to (this store's included)
                }
                if (Files.exists(p.resolveSibling(other + "-wal")) || mayBeVerdantStore(p)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | UncheckedIOException e) {
            return true; // cannot tell: not provably alone
        }
    }

    private static boolean mayBeVerdantStore(Path file) {
        byte[] header;
        try (InputStream in = Files.newInputStream(file)) {
            header = in.readNBytes(100);
        } catch (IOException e) {
            return true; // unreadable: cannot rule it out
        }
        if (header.length < 100 || !Arrays.equals(header, 0, SQLITE_MAGIC.length, SQLITE_MAGIC, 0,
                SQLITE_MAGIC.length)) {
            return false;
        }
        int applicationId = ByteBuffer.wrap(header).getInt(68);
        return applicationId == Schema.APPLICATION_ID || applicationId == 0;
    }
}
