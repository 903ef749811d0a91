package dev.verdant.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The versioned schema: ordered scripts {@code schema/V1.sql, V2.sql, ...} applied in order, the version
 * kept in {@code PRAGMA user_version}. Also the checks that refuse a file before anything is written to it.
 */
final class Schema {

    /** {@code PRAGMA application_id} of a Verdant store: "VRDT" in ASCII, so other SQLite files are told apart. */
    static final int APPLICATION_ID = 0x56524454;

    private static final List<String> SCRIPTS = List.of("V1.sql", "V2.sql", "V3.sql", "V4.sql", "V5.sql");
    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private Schema() {
    }

    /** The schema version this build writes. */
    static int latestVersion() {
        return SCRIPTS.size();
    }

    /**
     * Refuses a file that is not SQLite, belongs to another application or has a newer schema, by reading its
     * 100-byte header only, so the file is never opened by SQLite (which could write to it) when it is refused.
     */
    static void checkHeader(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        byte[] header;
        try (InputStream in = Files.newInputStream(file)) {
            header = in.readNBytes(100);
        } catch (IOException e) {
            throw new StoreException("cannot read the store " + file + ": " + e.getMessage(), e);
        }
        if (header.length == 0) {
            return; // an empty file is an empty database to SQLite
        }
        if (header.length < 100 || !java.util.Arrays.equals(header, 0, SQLITE_MAGIC.length, SQLITE_MAGIC, 0,
                SQLITE_MAGIC.length)) {
            throw notSqlite(file);
        }
        ByteBuffer buffer = ByteBuffer.wrap(header); // SQLite's header is big-endian, as ByteBuffer's default
        checkIdentity(file, buffer.getInt(60), buffer.getInt(68));
    }

    /** The same checks on an open connection: the header on disk may lag behind a WAL not yet checkpointed. */
    static void checkOpen(Connection connection, Path file) throws SQLException {
        // One read transaction, so version, id and tables come from one snapshot: read one by one, another
        // process creating the schema in between made a brand-new store look like another application's file.
        try (Statement st = connection.createStatement()) {
            st.execute("BEGIN");
            try {
                checkSnapshot(connection, file);
            } finally {
                st.execute("COMMIT");
            }
        }
    }

    private static void checkSnapshot(Connection connection, Path file) throws SQLException {
        int version = pragmaInt(connection, "user_version");
        checkIdentity(file, version, pragmaInt(connection, "application_id"));
        if (version == 0) {
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master")) {
                if (rs.next() && rs.getInt(1) > 0) {
                    throw new StoreException(file + " is an SQLite database of another application, not a Verdant "
                            + "store; it was left untouched. Choose another file with --db or VERDANT_DB.");
                }
            }
        }
    }

    private static void checkIdentity(Path file, int version, int applicationId) {
        if (applicationId != 0 && applicationId != APPLICATION_ID) {
            throw new StoreException(file + " is an SQLite database of another application, not a Verdant store; "
                    + "it was left untouched. Choose another file with --db or VERDANT_DB.");
        }
        if (version > latestVersion()) {
            throw new StoreException(file + " was written by a newer Verdant (store schema version " + version
                    + "; this build knows versions up to " + latestVersion() + "). It was left untouched: "
                    + "update Verdant, or choose another file with --db or VERDANT_DB.");
        }
    }

    static StoreException notSqlite(Path file) {
        return new StoreException(file + " is not a Verdant store (not an SQLite database); it was left untouched. "
                + "Choose another file with --db or VERDANT_DB.");
    }

    /**
     * Brings the database up to {@code target}, one script per transaction. {@code BEGIN IMMEDIATE} takes the
     * write lock first and the version is re-read inside, so two processes opening a new file at once both
     * succeed and each script runs once.
     */
    static void migrate(Connection connection, int target) throws SQLException {
        for (int version = 1; version <= target; version++) {
            try (Statement st = connection.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                try {
                    if (pragmaInt(connection, "user_version") < version) {
                        for (String sql : statements(script(SCRIPTS.get(version - 1)))) {
                            st.execute(sql);
                        }
                        st.execute("PRAGMA application_id = " + APPLICATION_ID);
                        st.execute("PRAGMA user_version = " + version);
                    }
                    st.execute("COMMIT");
                } catch (SQLException | RuntimeException e) {
                    rollbackKeeping(st, e);
                    throw e;
                }
            }
        }
    }

    /** Rolls back after {@code cause}; a failing rollback is attached to it instead of replacing it. */
    static void rollbackKeeping(Statement st, Exception cause) {
        try {
            st.execute("ROLLBACK");
        } catch (SQLException rollback) {
            cause.addSuppressed(rollback);
        }
    }

    static int pragmaInt(Connection connection, String pragma) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + pragma)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Splits a script at semicolons that end a line; comment lines are dropped. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static String script(String name) {
        try (InputStream in = Schema.class.getResourceAsStream("schema/" + name)) {
            if (in == null) {
                throw new IllegalStateException("schema script missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read schema script " + name, e);
        }
    }
}
