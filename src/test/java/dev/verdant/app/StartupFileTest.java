package dev.verdant.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which argument of the window's launcher is the spec file to open (a double-clicked *.verdant file). */
class StartupFileTest {

    @TempDir
    Path dir;

    @Test
    void aPathOrAFileUriToAnExistingFileIsOpened() throws Exception {
        Path spec = Files.writeString(dir.resolve("mnist.verdant"), "name: x\n");
        assertEquals(Optional.of(spec.toAbsolutePath()), StartupFile.of(List.of(spec.toString())));
        assertEquals(Optional.of(spec.toAbsolutePath()), StartupFile.of(List.of(spec.toUri().toString())));
        assertEquals(Optional.of(spec.toAbsolutePath()), StartupFile.of(List.of("--verbose", spec.toString())));
    }

    @Test
    void noArgumentsOptionsMissingFilesAndFoldersOpenNothing() {
        assertEquals(Optional.empty(), StartupFile.of(List.of()));
        assertEquals(Optional.empty(), StartupFile.of(List.of("--help", "")));
        assertEquals(Optional.empty(), StartupFile.of(List.of(dir.resolve("missing.verdant").toString())));
        assertEquals(Optional.empty(), StartupFile.of(List.of(dir.toString())));
        assertEquals(Optional.empty(), StartupFile.of(List.of("file:relative%zz")));
    }
}
