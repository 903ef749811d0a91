package dev.verdant.store;

import dev.verdant.result.BatchRecord;
import dev.verdant.result.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Another tool reads the tables documented in docs/store.md with plain JDBC and the documented example queries. */
class DocumentedSchemaTest {

    @TempDir
    Path dir;

    @Test
    void theDocumentedTablesAndQueriesWork() throws Exception {
        Path db = dir.resolve("verdant.db");
        long id;
        try (RunStore store = RunStore.open(db)) {
            RunResult r = Samples.result("documented", 0.9, 42.0);
            id = store.importRun(r);
            store.appendBatches(id, List.of(new BatchRecord(1, 0, 2.0, 0.3, 100, 0.5)));
            store.appendCompressionStep(id, 0, "{\"kind\":\"prune\"}");
            store.tag(id, "lecture-3");
            store.note(id, "hello");
            store.modelDir(id);
        }
        String doc = Files.readString(Path.of("docs/store.md"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                assertTrue(doc.contains("Current version: **" + rs.getInt(1) + "**"));
            }
            try (ResultSet rs = st.executeQuery("PRAGMA application_id")) {
                assertTrue(doc.contains("application_id = " + rs.getInt(1)));
            }
            try (ResultSet rs = st.executeQuery("SELECT id, name, status, spec_json, provenance_json, dataset, arch, "
                    + "seed, created_at, started_at, ended_at, accuracy, loss, params, epochs_completed, energy_joules, "
                    + "co2e_grams, energy_method, model_dir FROM runs")) {
                assertTrue(rs.next());
                assertEquals("documented", rs.getString("name"));
                assertEquals("completed", rs.getString("status"));
                assertEquals(0.9, rs.getDouble("accuracy"));
                assertEquals(42.0, rs.getDouble("energy_joules"));
                assertEquals("verdant.db.models/" + id, rs.getString("model_dir"));
            }
            try (ResultSet rs = st.executeQuery("SELECT epoch, val_accuracy, cumulative_energy_joules FROM epochs "
                    + "WHERE run_id = " + id + " ORDER BY epoch")) {
                int n = 0;
                while (rs.next()) {
                    n++;
                    assertEquals(n, rs.getInt("epoch"));
                }
                assertEquals(3, n);
            }
            try (ResultSet rs = st.executeQuery("SELECT r.id, r.name, json_extract(r.spec_json, "
                    + "'$.training.learningRate') AS lr FROM runs r JOIN tags t ON t.run_id = r.id "
                    + "WHERE t.tag = 'lecture-3'")) {
                assertTrue(rs.next());
                assertEquals(0.01, rs.getDouble("lr"));
            }
            for (String table : List.of("batches", "power_samples", "compression_steps", "notes")) {
                assertTrue(doc.contains("### `" + table + "`"), table);
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table + " WHERE run_id = " + id)) {
                    assertTrue(rs.getInt(1) > 0, table);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT watts, phase, method FROM power_samples ORDER BY id")) {
                assertTrue(rs.next());
                assertEquals("train", rs.getString("phase"));
            }
        }
    }
}
