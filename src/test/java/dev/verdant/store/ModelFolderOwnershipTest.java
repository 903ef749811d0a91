package dev.verdant.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19, point 1: model folders belong to one store. Two stores in one folder each keep run 1's model to
 * themselves; folders of the old shared layout ({@code models/<id>}) move into a store's own folder only when
 * no other store could have written them, and are otherwise left alone, never read and never deleted.
 */
class ModelFolderOwnershipTest {

    @TempDir
    Path dir;

    @Test
    void twoStoresSideBySideEachKeepTheirOwnRunOneModel() throws Exception {
        try (RunStore a = RunStore.open(dir.resolve("a.db")); RunStore b = RunStore.open(dir.resolve("b.db"))) {
            long inA = a.createRun(Samples.spec("a-run"), null);
            long inB = b.createRun(Samples.spec("b-run"), null);
            assertEquals(1, inA);
            assertEquals(1, inB);
            Path modelA = a.modelDir(1);
            Path modelB = b.modelDir(1);
            assertNotEquals(modelA, modelB);
            Files.writeString(modelA.resolve("model-0000.params"), "weights of a");
            Files.writeString(modelB.resolve("model-0000.params"), "weights of b");

            assertEquals("weights of a", Files.readString(a.modelPath(1).orElseThrow().resolve("model-0000.params")));
            assertEquals("weights of b", Files.readString(b.modelPath(1).orElseThrow().resolve("model-0000.params")));

            a.finishRun(1, Samples.result("a-run", 0.9, null)); // a run still training cannot be deleted
            a.delete(1);
            assertFalse(Files.exists(modelA));
            assertEquals("weights of b", Files.readString(b.modelPath(1).orElseThrow().resolve("model-0000.params")),
                    "deleting run 1 in a.db leaves b.db's model intact");
        }
    }

    @Test
    void aLoneStoresLegacyFoldersMoveIntoItsOwn() throws Exception {
        Path db = dir.resolve("verdant.db");
        try (RunStore store = RunStore.open(db)) {
            store.importRun(Samples.result("one", 0.9, null));
            store.importRun(Samples.result("two", 0.9, null));
            store.importRun(Samples.result("three", 0.9, null));
        }
        legacy(db, 1, "weights of 1");
        // Run 2: moved by an open that crashed before its commit: the folder is already in its new place.
        setModelDir(db, 2, "models/2");
        Files.createDirectories(dir.resolve("verdant.db.models/2"));
        Files.writeString(dir.resolve("verdant.db.models/2/model-0000.params"), "weights of 2");
        Files.writeString(dir.resolve("notes.txt"), "not a store: does not make the folder shared");

        try (RunStore store = RunStore.open(db)) {
            Path one = store.modelPath(1).orElseThrow();
            assertEquals(dir.resolve("verdant.db.models/1"), one);
            assertEquals("weights of 1", Files.readString(one.resolve("model-0000.params")));
            assertEquals("weights of 2", Files.readString(store.modelPath(2).orElseThrow()
                    .resolve("model-0000.params")));
            assertTrue(store.modelPath(3).isEmpty());
        }
        assertEquals("verdant.db.models/1", modelDir(db, 1));
        assertEquals("verdant.db.models/2", modelDir(db, 2));
        assertFalse(Files.exists(dir.resolve("models")), "the emptied shared folder is removed");
    }

    @Test
    void legacyFoldersOfTwoStoresInOneFolderAreLeftAloneUnreadAndNeverDeleted() throws Exception {
        Path a = dir.resolve("a.db");
        Path b = dir.resolve("b.db");
        for (Path db : new Path[] {a, b}) {
            try (RunStore store = RunStore.open(db)) {
                store.importRun(Samples.result("run-1", 0.9, null));
            }
            setModelDir(db, 1, "models/1");
        }
        Files.createDirectories(dir.resolve("models/1"));
        Files.writeString(dir.resolve("models/1/model-0000.params"), "whose weights?");

        try (RunStore store = RunStore.open(a)) {
            assertTrue(store.modelPath(1).isEmpty(), "models/1 may be b.db's: a.db does not read it");
            store.delete(1);
        }
        try (RunStore store = RunStore.open(b)) {
            assertTrue(store.modelPath(1).isEmpty());
        }
        assertEquals("whose weights?", Files.readString(dir.resolve("models/1/model-0000.params")));
        assertEquals("models/1", modelDir(b, 1), "the row still tells where the old folder was");
    }

    @Test
    void aCopyOfAStoreNeitherReadsNorDeletesTheOriginalsModels() throws Exception {
        Path original = dir.resolve("a.db");
        Path model;
        try (RunStore store = RunStore.open(original)) {
            long id = store.importRun(Samples.result("run-1", 0.9, null));
            model = store.modelDir(id);
            Files.writeString(model.resolve("model-0000.params"), "weights of a");
        }
        Path copy = dir.resolve("copy.db");
        Files.copy(original, copy); // closed cleanly: the WAL is folded in, the file is the whole store
        try (RunStore store = RunStore.open(copy)) {
            assertEquals(1, store.load(1).orElseThrow().id());
            assertTrue(store.modelPath(1).isEmpty());
            store.delete(1);
        }
        assertEquals("weights of a", Files.readString(model.resolve("model-0000.params")));
    }

    /** Makes run {@code id} look as an older Verdant left it: its model in the shared {@code models/<id>}. */
    private void legacy(Path db, long id, String weights) throws Exception {
        setModelDir(db, id, "models/" + id);
        Path folder = dir.resolve("models").resolve(Long.toString(id));
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("model-0000.params"), weights);
    }

    private static void setModelDir(Path db, long id, String value) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement ps = c.prepareStatement("UPDATE runs SET model_dir = ? WHERE id = ?")) {
            ps.setString(1, value);
            ps.setLong(2, id);
            assertEquals(1, ps.executeUpdate());
        }
    }

    private static String modelDir(Path db, long id) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement ps = c.prepareStatement("SELECT model_dir FROM runs WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
