package dev.verdant.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The checks a spec's text passes before the YAML parser sees it, each in time linear in the file's size: a
 * size limit (a spec is a few kilobytes; the parser's own limits fire only after quadratic work on a huge
 * scalar), and an encoding check that tells a binary or UTF-16 file from a UTF-8 one instead of failing with
 * "Input length = 4".
 */
public final class SpecText {

    /**
     * Largest spec accepted, in bytes (and characters): fifty times the size of a long real one, and small enough
     * that the YAML reader, slightly worse than linear on one long scalar, answers in a quarter of a second.
     * (Jackson's {@code StreamReadConstraints} string limit does not reach YAML scalars, so it cannot stand in.)
     */
    public static final int MAX_BYTES = 256 * 1024;

    private SpecText() {
    }

    /** Reads {@code file} as UTF-8 text after checking its size and encoding. */
    public static String read(Path file) {
        Path abs = file.toAbsolutePath();
        byte[] bytes;
        try {
            if (Files.isDirectory(abs)) {
                throw new SpecException("spec", abs + " is a folder; give the spec file (.yaml or .json)");
            }
            long size = Files.size(abs);
            if (size > MAX_BYTES) {
                throw tooLarge(abs.toString(), size);
            }
            try (InputStream in = Files.newInputStream(abs)) {
                bytes = in.readNBytes(MAX_BYTES + 1); // the file may have grown since size() was read
            }
        } catch (NoSuchFileException e) {
            throw new SpecException("spec", "file not found: " + abs);
        } catch (IOException e) {
            String reason = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
                    ? fs.getReason() : e.getMessage();
            throw new SpecException("spec", "cannot read " + abs + ": " + reason);
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(abs.toString(), bytes.length);
        }
        return decode(bytes, abs.toString());
    }

    /** Refuses text longer than {@link #MAX_BYTES} characters (for specs that arrive as text, not as a file). */
    public static void checkLength(String text) {
        if (text.length() > MAX_BYTES) {
            throw tooLarge("the spec", text.length());
        }
    }

    /** UTF-8 text of {@code bytes}; a UTF-16 file, a binary file or invalid UTF-8 is refused with the offset. */
    static String decode(byte[] bytes, String name) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw new SpecException("spec", name + " is UTF-16 text (it starts with a UTF-16 byte-order mark); "
                    + "save it as UTF-8");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                boolean utf16 = bytes.length > 1 && (i % 2 == 1 ? bytes[i - 1] != 0 : i + 1 < bytes.length
                        && bytes[i + 1] != 0);
                throw new SpecException("spec", name + " holds a NUL byte at byte " + i + (utf16
                        ? ": it looks like UTF-16 text; save it as UTF-8"
                        : ": it is a binary file, not YAML or JSON text; give the spec file (.yaml or .json)"));
            }
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            String text = utf8.decode(in).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (MalformedInputException e) {
            throw new SpecException("spec", name + " is not UTF-8 text: invalid byte 0x"
                    + String.format("%02x", bytes[Math.min(in.position(), bytes.length - 1)] & 0xff) + " at byte "
                    + in.position() + "; save it as UTF-8 (is it a binary file, or in another encoding?)");
        } catch (CharacterCodingException e) {
            throw new SpecException("spec", name + " is not UTF-8 text at byte " + in.position()
                    + "; save it as UTF-8");
        }
    }

    private static SpecException tooLarge(String name, long size) {
        return new SpecException("spec", name + " is " + String.format("%,d", size) + " bytes; a spec is a few "
                + "kilobytes and at most " + String.format("%,d", MAX_BYTES) + " are read (is this the right file?)");
    }
}
