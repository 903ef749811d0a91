package dev.verdant.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StoreLocationTest {

    private static final String HOME = "/home/ada";

    @Test
    void theOptionWinsThenTheEnvironmentThenThePlatformDefault() {
        Map<String, String> env = Map.of("VERDANT_DB", "/data/env.db");
        assertEquals(Path.of("/tmp/opt.db"), StoreLocation.resolve("/tmp/opt.db", env, "Linux", HOME));
        assertEquals(Path.of("/data/env.db"), StoreLocation.resolve(null, env, "Linux", HOME));
        assertEquals(Path.of("/data/env.db"), StoreLocation.resolve(" ", env, "Linux", HOME));
        assertEquals(Path.of(HOME, ".local/share/verdant/verdant.db"),
                StoreLocation.resolve(null, Map.of(), "Linux", HOME));
    }

    @Test
    void linuxFollowsXdgDataHomeWhenItIsAbsolute() {
        assertEquals(Path.of("/xdg/verdant/verdant.db"),
                StoreLocation.platformDefault(Map.of("XDG_DATA_HOME", "/xdg"), "Linux", HOME));
        assertEquals(Path.of(HOME, ".local/share/verdant/verdant.db"),
                StoreLocation.platformDefault(Map.of("XDG_DATA_HOME", "relative"), "Linux", HOME));
    }

    @Test
    void macAndWindowsUseTheirDataFolders() {
        assertEquals(Path.of(HOME, "Library/Application Support/Verdant/verdant.db"),
                StoreLocation.platformDefault(Map.of(), "Mac OS X", HOME));
        assertEquals(Path.of("/appdata/Verdant/verdant.db"),
                StoreLocation.platformDefault(Map.of("APPDATA", "/appdata"), "Windows 11", HOME));
        assertEquals(Path.of(HOME, "AppData/Roaming/Verdant/verdant.db"),
                StoreLocation.platformDefault(Map.of(), "Windows 11", HOME));
    }
}
