package dev.verdant.store;

import dev.verdant.result.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed schema-v1 file (made by {@link FixtureWriter}) opens and migrates in this build. */
class MigrationTest {

    @TempDir
    Path dir;

    @Test
    void theV1FixtureMigratesToTheLatestSchemaWithItsRunsIntact() throws Exception {
        Path db = dir.resolve("verdant.db");
        try (InputStream in = getClass().getResourceAsStream("/store/verdant-v1.db")) {
            Files.copy(in, db);
        }
        assertEquals(1, userVersion(db));

        try (SqliteRunStore store = SqliteRunStore.open(db)) {
            assertEquals(Schema.latestVersion(), store.schemaVersion());
            List<RunSummary> runs = store.list(RunFilter.all());
            assertEquals(List.of("fixture-noenergy", "fixture-mlp"), runs.stream().map(RunSummary::name).toList());

            RunResult expected = Samples.result("fixture-mlp", 0.91, 123.0);
            assertEquals(expected.withId(1L), store.load(1).orElseThrow());

            // v2 features work on migrated runs.
            store.tag(1, "from-v1");
            store.note(1, "still here");
            assertTrue(store.modelDir(1).toFile().isDirectory());
            assertEquals(List.of(1L), store.list(RunFilter.all().withTag("from-v1")).stream()
                    .map(RunSummary::id).toList());
            long added = store.importRun(Samples.result("new", 0.5, null));
            assertEquals(3, added);

            // v4: the old runs gained a group column (empty), and groups work on them
            assertEquals(List.of(), store.groups());
            long group = store.createGroup(Samples.spec("grouped").withRepeats(2));
            store.addToGroup(group, 1);
            assertEquals(List.of(1L), store.group(group).orElseThrow().runIds());
        }
        assertEquals(Schema.latestVersion(), userVersion(db));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("SELECT id, group_id FROM runs ORDER BY id")) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getLong(1) + ":" + rs.getObject(2));
            }
            assertEquals(List.of("1:1", "2:null", "3:null"), rows, "the migrated runs gained runs.group_id");
        }
        try (RunStore again = RunStore.open(db)) {
            assertEquals(3, again.list(RunFilter.all()).size());
        }
    }

    @Test
    void scriptsSplitIntoStatements() {
        assertEquals(List.of("CREATE TABLE a (x INTEGER);", "CREATE INDEX i ON a (x);"),
                Schema.statements("-- comment\nCREATE TABLE a (x INTEGER);\n\nCREATE INDEX i ON a (x);\n"));
    }

    private static int userVersion(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        }
    }
}
