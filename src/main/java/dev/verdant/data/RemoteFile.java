package dev.verdant.data;

import java.util.Locale;
import java.util.Objects;

/**
 * One file a download fetches and the checksum it must have.
 *
 * @param name   file name, appended to the mirror's base URL and used as the local name
 * @param size   size in bytes when known (for progress and to spot a complete partial file), else -1
 * @param sha256 expected SHA-256 of the file's bytes, lower-case hex
 */
public record RemoteFile(String name, long size, String sha256) {

    public RemoteFile {
        Objects.requireNonNull(name, "name");
        sha256 = Objects.requireNonNull(sha256, "sha256").toLowerCase(Locale.ROOT);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(name + ": '" + sha256 + "' is not a SHA-256 in hex");
        }
    }
}
