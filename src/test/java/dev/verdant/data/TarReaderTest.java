package dev.verdant.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our unpacking policy on top of commons-compress: flat, filtered, never escaping, never leaving a short file. */
class TarReaderTest {

    @TempDir
    Path dir;

    private static byte[] tar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(f.getValue().length);
                out.putArchiveEntry(e);
                out.write(f.getValue());
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void extractsWantedFilesFlatUnderTheirBaseNamesEvenFromLongAndEscapingNames() throws IOException {
        String deep = "cifar-10-batches-bin/" + "a-folder-name-long-enough-to-need-gnu-long-names/".repeat(3)
                + "data_batch_1.bin";
        byte[] archive = tar(new java.util.LinkedHashMap<>(Map.of(
                deep, bytes("one"),
                "../../escape.bin", bytes("two"),
                "cifar-10-batches-bin/readme.html", bytes("<html>"))));
        List<String> got = TarReader.extract(new ByteArrayInputStream(archive), dir.resolve("out"),
                name -> name.endsWith(".bin"));
        assertEquals(List.of("data_batch_1.bin", "escape.bin"), got.stream().sorted().toList());
        assertArrayEquals(bytes("one"), Files.readAllBytes(dir.resolve("out/data_batch_1.bin")));
        assertArrayEquals(bytes("two"), Files.readAllBytes(dir.resolve("out/escape.bin")));
        assertFalse(Files.exists(dir.resolve("escape.bin")), "nothing is written outside the target folder");
        assertFalse(Files.exists(dir.resolve("out/readme.html")), "unwanted entries are skipped");
    }

    @Test
    void aTruncatedArchiveFailsAndLeavesNoFileUnderTheRealName() throws IOException {
        byte[] content = new byte[5000];
        Arrays.fill(content, (byte) 7);
        byte[] archive = tar(Map.of("batch.bin", content));
        byte[] cut = Arrays.copyOf(archive, 512 + 2048); // the header and part of the data
        assertThrows(IOException.class, () -> TarReader.extract(new ByteArrayInputStream(cut), dir,
                name -> true));
        assertFalse(Files.exists(dir.resolve("batch.bin")), "only the .part file may remain");
    }

    @Test
    void notATarIsAnError() {
        byte[] text = "this is not an archive, just some text that is long enough".repeat(20)
                .getBytes(StandardCharsets.US_ASCII);
        IOException e = assertThrows(IOException.class, () -> TarReader.extract(new ByteArrayInputStream(text), dir,
                name -> true));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
