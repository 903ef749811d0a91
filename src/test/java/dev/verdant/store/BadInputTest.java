package dev.verdant.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files the store must refuse with a clear message, leaving them byte for byte as they were. */
class BadInputTest {

    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotSqliteIsRefusedAndUntouched() throws Exception {
        Path file = dir.resolve("notes.db");
        Files.writeString(file, "these are my lecture notes, not a database\n".repeat(10));
        assertRefusedUntouched(file, "not an SQLite database");

        Path tiny = dir.resolve("tiny.db");
        Files.writeString(tiny, "hi");
        assertRefusedUntouched(tiny, "not an SQLite database");
    }

    @Test
    void aStoreFromANewerVerdantIsRefusedAndUntouched() throws Exception {
        Path file = dir.resolve("newer.db");
        try (RunStore store = RunStore.open(file)) {
            store.importRun(Samples.result("r", 0.9, null));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement()) {
            st.executeQuery("PRAGMA journal_mode = DELETE").close(); // fold the WAL in: one file to compare
            st.executeUpdate("PRAGMA user_version = " + (Schema.latestVersion() + 5));
        }
        StoreException e = assertRefusedUntouched(file, "newer Verdant");
        assertTrue(e.getMessage().contains("version " + (Schema.latestVersion() + 5)), e.getMessage());
    }

    @Test
    void anotherApplicationsSqliteFileIsRefusedAndUntouched() throws Exception {
        Path file = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().execute("CREATE TABLE contacts (name TEXT)");
        }
        assertRefusedUntouched(file, "another application");
    }

    private StoreException assertRefusedUntouched(Path file, String expected) throws Exception {
        byte[] before = Files.readAllBytes(file);
        long modified = Files.getLastModifiedTime(file).toMillis();
        StoreException e = assertThrows(StoreException.class, () -> RunStore.open(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("left untouched"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(modified, Files.getLastModifiedTime(file).toMillis());
        assertFalse(Files.exists(Path.of(file + "-wal")) && Files.size(Path.of(file + "-wal")) > 0,
                Arrays.toString(dir.toFile().list()));
        return e;
    }
}
