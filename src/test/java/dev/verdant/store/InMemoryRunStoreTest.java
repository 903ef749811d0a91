package dev.verdant.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract on the in-memory store, plus where its model folders go. */
class InMemoryRunStoreTest extends RunStoreContract {

    @Override
    RunStore newStore(Path dir) {
        return new InMemoryRunStore(dir.resolve("models"));
    }

    @Test
    void hasNoFileAndKeepsGivenModelFoldersAfterClosing() {
        Path models;
        try (RunStore store = new InMemoryRunStore(dir.resolve("kept"))) {
            assertEquals(Path.of(":memory:"), store.dbFile());
            long id = store.importRun(Samples.result("m", 0.9, null));
            models = store.modelDir(id);
            assertEquals(dir.resolve("kept").resolve(Long.toString(id)), models);
        }
        assertTrue(Files.isDirectory(models), "a given folder is the caller's");
    }

    @Test
    void aTemporaryModelFolderGoesWithTheStore() throws Exception {
        Path models;
        try (RunStore store = new InMemoryRunStore()) {
            long id = store.createRun(Samples.spec("t"), null);
            models = store.modelDir(id);
            Files.writeString(models.resolve("model-0000.params"), "weights");
            assertEquals(models, store.modelPath(id).orElseThrow());
        }
        assertFalse(Files.exists(models.getParent()), "the temporary folder is deleted on close");
    }
}
