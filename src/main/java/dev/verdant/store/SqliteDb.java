package dev.verdant.store;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one connection of an SQLite store and the transactions on it, shared by the parts of
 * {@link SqliteRunStore} (runs, metrics, artifacts, notes). Thread-safe: the connection is used under a lock;
 * writes also take a lock shared by all stores on the same file in this JVM, and every write transaction is
 * {@code BEGIN IMMEDIATE} under WAL with a 10 s busy timeout, so writers in several stores or processes queue
 * instead of failing with "database is locked", and readers never wait for writers.
 */
final class SqliteDb implements AutoCloseable {

    /** How long a write waits for another process's transaction before failing. */
    static final int BUSY_TIMEOUT_MS = 10_000;

    private static final Map<Path, ReentrantLock> WRITE_LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final Connection connection;
    private final ReentrantLock connectionLock = new ReentrantLock();
    private final ReentrantLock writeLock;
    private volatile boolean closed;
    private volatile String readOnlyReason;

    private SqliteDb(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
        this.writeLock = WRITE_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
    }

    /**
     * Opens (creating the file and its folder, or migrating it to this build's schema) the database at
     * {@code dbFile}; refuses, leaving it untouched, a file that is not a Verdant store or is from a newer Verdant.
     */
    static SqliteDb open(Path dbFile) {
        Path file = dbFile.toAbsolutePath().normalize();
        Schema.checkHeader(file);
        try {
            Path parent = file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            String why = StoreDiagnosis.whyNotWritable(file);
            throw new StoreException("cannot create the folder of the store " + file + ": "
                    + (why != null ? why : e.getMessage()), e);
        }
        long deadline = System.nanoTime() + BUSY_TIMEOUT_MS * 1_000_000L;
        for (int attempt = 1; ; attempt++) {
            try {
                return new SqliteDb(file, prepare(file));
            } catch (SQLException e) {
                // Switching a new file to WAL takes an exclusive lock, and SQLite answers BUSY there without
                // waiting in busy_timeout: another process opening the same new file at that moment retries
                if (!busy(e) || System.nanoTime() > deadline) {
                    throw openFailure(file, e);
                }
                sleepQuietly(20L * Math.min(attempt, 10));
            } catch (RuntimeException e) {
                throw openFailure(file, e);
            }
        }
    }

    private static boolean busy(SQLException e) {
        return e.getErrorCode() == 5 || e.getErrorCode() == 6 || (e.getMessage() != null
                && (e.getMessage().contains("SQLITE_BUSY") || e.getMessage().contains("SQLITE_LOCKED")));
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Connects, checks the file is a store this build can open, turns WAL on and migrates; closes on failure. */
    private static Connection prepare(Path file) throws SQLException {
        Connection connection = connect(file);
        try {
            Schema.checkOpen(connection, file);
            try (Statement st = connection.createStatement()) {
                // Only now may the file change: it is a Verdant store of a version we know (or a new file).
                st.execute("PRAGMA journal_mode = WAL");
                // FULL: a commit is on disk before appendEpoch returns, even across a power cut, not only a kill.
                st.execute("PRAGMA synchronous = FULL");
            }
            Schema.migrate(connection, Schema.latestVersion());
            return connection;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** The sentence for a store that could not be opened: the store's own, or a diagnosis of SQLite's error. */
    private static RuntimeException openFailure(Path file, Exception e) {
        if (e instanceof StoreException se) {
            return se;
        }
        if (e instanceof SQLException sql && sql.getMessage() != null && sql.getMessage().contains("NOTADB")) {
            return Schema.notSqlite(file);
        }
        return new StoreException(StoreDiagnosis.cannotOpen(file, e), e);
    }

    private static Connection connect(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        try {
            return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
        } catch (SQLException e) {
            throw new StoreException(StoreDiagnosis.cannotOpen(file, e), e);
        }
    }

    /**
     * Opens an existing store for reading only: nothing is created, migrated or recovered, so it works on a full
     * disk or in a read-only folder; writes through it fail. When SQLite cannot even open its shared-memory file
     * beside the store (a read-only folder), the file is read as immutable: runs written later by another process
     * are not seen, which is fine for one listing.
     *
     * @param reason why the store is read-only, for messages (null: opened read-only on purpose)
     * @throws StoreException if the file does not exist, is not a Verdant store, or needs a schema upgrade
     */
    static SqliteDb openReadOnly(Path dbFile, String reason) {
        Path file = dbFile.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new StoreException("there is no store at " + file + " yet (a run creates it)");
        }
        Schema.checkHeader(file);
        StoreException first = null;
        for (boolean immutable : new boolean[] {false, true}) {
            Connection connection = null;
            try {
                connection = connectReadOnly(file, immutable);
                Schema.checkOpen(connection, file);
                if (Schema.pragmaInt(connection, "user_version") != Schema.latestVersion()) {
                    throw new StoreException("the store " + file + " needs a schema upgrade, which needs write "
                            + "access: open it once where it can be written");
                }
                SqliteDb db = new SqliteDb(file, connection);
                db.readOnlyReason = reason == null ? "opened read-only" : reason;
                return db;
            } catch (SQLException | StoreException e) {
                if (connection != null) {
                    closeQuietly(connection);
                }
                if (e instanceof StoreException se && se.getCause() == null) {
                    throw se; // not a store, a newer one, or one to upgrade: reading it as immutable changes nothing
                }
                if (first == null) {
                    first = e instanceof StoreException se ? se
                            : new StoreException("cannot read the store " + file + ": " + e.getMessage(), e);
                }
            }
        }
        throw first;
    }

    private static Connection connectReadOnly(Path file, boolean immutable) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        String url = immutable ? "jdbc:sqlite:" + file.toUri().toString().replaceFirst("^file:///", "file:/")
                + "?immutable=1" : "jdbc:sqlite:" + file;
        return DriverManager.getConnection(url, config.toProperties());
    }

    /** Why this database is open read-only; null when it can be written. */
    String readOnlyReason() {
        return readOnlyReason;
    }

    /** The database file, absolute and normalised. */
    Path file() {
        return file;
    }

    /** The folder the file is in. */
    Path folder() {
        Path parent = file.getParent();
        return parent != null ? parent : Path.of(".").toAbsolutePath();
    }

    /** Work on the connection inside one SQL transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** A write transaction: this JVM's writers to the file queue on a lock; other processes wait in busy_timeout. */
    <T> T write(SqlWork<T> work) {
        if (readOnlyReason != null) {
            throw new StoreException("the store " + file + " is open read-only (" + readOnlyReason
                    + "); this needs write access");
        }
        writeLock.lock();
        try {
            return read(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("BEGIN IMMEDIATE");
                    try {
                        T value = work.apply(c);
                        st.execute("COMMIT");
                        return value;
                    } catch (SQLException | RuntimeException e) {
                        Schema.rollbackKeeping(st, e);
                        throw e;
                    }
                }
            });
        } finally {
            writeLock.unlock();
        }
    }

    /** Reads outside a transaction (each statement sees the latest commit). */
    <T> T read(SqlWork<T> work) {
        connectionLock.lock();
        try {
            if (closed) {
                throw new StoreException("the store " + file + " is closed");
            }
            return work.apply(connection);
        } catch (SQLException e) {
            throw new StoreException("store " + file + ": " + e.getMessage(), e);
        } finally {
            connectionLock.unlock();
        }
    }

    /** Reads inside one read transaction, so a row and its children come from one snapshot. */
    <T> T snapshot(SqlWork<T> work) {
        return read(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("BEGIN");
                try {
                    return work.apply(c);
                } finally {
                    st.execute("COMMIT");
                }
            }
        });
    }

    @Override
    public void close() {
        connectionLock.lock();
        try {
            if (!closed) {
                closed = true;
                closeQuietly(connection);
            }
        } finally {
            connectionLock.unlock();
        }
    }

    // ---- helpers shared by the parts ----

    /** Reads one value from a row of the result set. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The rows of {@code sql} (one parameter: the run id), each read with {@code reader}. */
    static <T> List<T> rows(Connection c, String sql, long runId, RowReader<T> reader) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
        }
        return out;
    }

    static int count(Connection c, String table, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE run_id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Fails with the message the CLI shows when {@code runId} is not stored. */
    static void requireRun(Connection c, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM runs WHERE id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw Checks.noRun(runId);
                }
            }
        }
    }

    static long lastId(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT last_insert_rowid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a connection we are abandoning; nothing useful to report
        }
    }
}
