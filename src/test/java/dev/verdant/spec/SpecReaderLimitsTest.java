package dev.verdant.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19, points 5-7 for specs: binary and UTF-16 files get a cause (not "Input length = 4"), a key given twice
 * is an error (not "the second wins"), and oversized specs are refused in linear time.
 */
class SpecReaderLimitsTest {

    @TempDir
    Path dir;

    @Test
    void binaryFileIsNamedAsBinary() throws IOException {
        Path f = Files.write(dir.resolve("model.params"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 1, 2});
        SpecException e = assertThrows(SpecException.class, () -> SpecCodec.read(f));
        assertTrue(e.getMessage().contains("is not UTF-8 text: invalid byte 0x89 at byte 0")
                || e.getMessage().contains("binary file"), e.getMessage());
        assertTrue(!e.getMessage().contains("Input length"), e.getMessage());
    }

    @Test
    void fileWithNulBytesIsABinaryFile() throws IOException {
        Path f = Files.write(dir.resolve("x.bin"), new byte[] {'n', 'a', 0, 0, 0, 7, 'q'});
        SpecException e = assertThrows(SpecException.class, () -> SpecCodec.read(f));
        assertTrue(e.getMessage().contains("holds a NUL byte at byte 2: it is a binary file"), e.getMessage());
    }

    @Test
    void utf16SpecIsRecognisedWithOrWithoutByteOrderMark() throws IOException {
        Path withBom = Files.writeString(dir.resolve("bom.yaml"), "name: x\n", StandardCharsets.UTF_16);
        SpecException e = assertThrows(SpecException.class, () -> SpecCodec.read(withBom));
        assertTrue(e.getMessage().contains("is UTF-16 text") && e.getMessage().contains("save it as UTF-8"),
                e.getMessage());
        Path noBom = Files.writeString(dir.resolve("le.yaml"), "name: x\n", StandardCharsets.UTF_16LE);
        SpecException e2 = assertThrows(SpecException.class, () -> SpecCodec.read(noBom));
        assertTrue(e2.getMessage().contains("looks like UTF-16 text; save it as UTF-8"), e2.getMessage());
    }

    @Test
    void utf8WithByteOrderMarkStillReads() throws IOException {
        Path f = Files.writeString(dir.resolve("bom8.yaml"), "\uFEFFname: ok\n");
        assertEquals("ok", SpecCodec.read(f).name());
    }

    @Test
    void duplicateKeysAreRefusedNamingTheKeyAndSection() {
        SpecException top = assertThrows(SpecException.class, () -> SpecCodec.parse(
                "name: a\ntraining: { epochs: 3 }\ntraining: { epochs: 5 }\n"));
        assertTrue(top.getMessage().contains("the key 'training' appears twice (line 3)"), top.getMessage());
        SpecException nested = assertThrows(SpecException.class, () -> SpecCodec.parse(
                "training:\n  epochs: 3\n  epochs: 4\n"));
        assertTrue(nested.getMessage().startsWith("training: the key 'epochs' appears twice"), nested.getMessage());
    }

    @Test
    @Timeout(10)
    void fiftyMegabyteScalarIsRefusedBySizeWithoutParsing() throws IOException {
        Path f = dir.resolve("huge.yaml");
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write("name: ".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "a".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
        }
        long start = System.nanoTime();
        SpecException e = assertThrows(SpecException.class, () -> SpecCodec.read(f));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(e.getMessage().contains("52,428,806 bytes; a spec is a few kilobytes"), e.getMessage());
        assertTrue(seconds < 1, "refused in " + seconds + " s");
    }

    @Test
    @Timeout(10)
    void fourMegabyteNameInTextIsRefusedQuickly() {
        String text = "name: " + "n".repeat(4 << 20) + "\n";
        long start = System.nanoTime();
        SpecException e = assertThrows(SpecException.class, () -> SpecCodec.parse(text));
        assertTrue(e.getMessage().contains(String.format("at most %,d are read", SpecText.MAX_BYTES)),
                e.getMessage());
        assertTrue((System.nanoTime() - start) / 1e9 < 1, "refused in linear time");
    }

    @Test
    @Timeout(10)
    void specJustUnderTheLimitIsReadQuickly() {
        String text = "name: " + "n".repeat(SpecText.MAX_BYTES - 10) + "\n";
        long start = System.nanoTime();
        assertEquals(SpecText.MAX_BYTES - 10, SpecCodec.parse(text).name().length());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 3, "the largest accepted spec took " + seconds + " s");
    }
}
