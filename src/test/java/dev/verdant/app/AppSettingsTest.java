package dev.verdant.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppSettingsTest {

    @Test
    void remembersValuesAndTheLastSpecInItsOwnFolder(@TempDir Path dir) {
        AppSettings s = AppSettings.in(dir.resolve("cfg"));
        assertEquals(1200, s.getDouble(AppSettings.WIDTH, 1200));
        s.putDouble(AppSettings.WIDTH, 1000);
        s.put(AppSettings.THEME, "dark");
        s.putLastSpec("name: x\n");
        assertTrue(s.save());
        AppSettings again = AppSettings.in(dir.resolve("cfg"));
        assertEquals(1000, again.getDouble(AppSettings.WIDTH, 1200));
        assertEquals("dark", again.get(AppSettings.THEME, "light"));
        assertEquals("name: x\n", again.lastSpec().orElseThrow());
    }

    @Test
    void aDamagedFileMeansDefaults(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("settings.properties"), "window.width=wide\n\\u12");
        AppSettings s = AppSettings.in(dir);
        assertEquals(1200, s.getDouble(AppSettings.WIDTH, 1200));
        assertEquals(Theme.LIGHT, Theme.parse(s.get(AppSettings.THEME, "nonsense")));
    }
}
