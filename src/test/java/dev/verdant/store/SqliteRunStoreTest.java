package dev.verdant.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract on the SQLite store, plus what only a file has: schema version, where model folders go. */
class SqliteRunStoreTest extends RunStoreContract {

    @Override
    RunStore newStore(Path dir) {
        return RunStore.open(dir.resolve("sub/verdant.db"));
    }

    @Test
    void opensAFileInANewFolderAtTheLatestSchema() {
        Path db = dir.resolve("a/b/verdant.db");
        try (RunStore store = RunStore.open(db)) {
            SqliteRunStore sqlite = assertInstanceOf(SqliteRunStore.class, store);
            assertEquals(Schema.latestVersion(), sqlite.schemaVersion());
            assertEquals(db.toAbsolutePath().normalize(), store.dbFile());
            assertTrue(Files.isRegularFile(db));
        }
    }

    @Test
    void modelFoldersLiveInTheStoresOwnFolderBesideTheFile() {
        try (SqliteRunStore store = SqliteRunStore.open(dir.resolve("v.db"))) {
            long id = store.importRun(Samples.result("m", 0.9, null));
            Path models = store.modelDir(id);
            assertEquals(dir.resolve("v.db.models").resolve(Long.toString(id)), models);
            assertEquals(dir.resolve("v.db.models"), store.modelsRoot());
            assertTrue(Files.isDirectory(models));
            assertTrue(Files.notExists(dir.resolve("models")), "nothing in the old shared folder");
        }
    }
}
