package dev.verdant.cluster;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * The secret shared by a coordinator and its workers: every trial, lease and message is signed with it
 * (HMAC-SHA256), and whatever does not verify is rejected. The free Hazelcast edition authenticates nobody, so this
 * is what keeps a stranger on the network from handing out trials or forging results; it does not encrypt (see
 * docs/cluster.md). The file holds 32 random bytes in Base64 and is created readable by its owner only (0600).
 */
public final class ClusterKey {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int BYTES = 32;

    private final byte[] secret;

    private ClusterKey(byte[] secret) {
        this.secret = secret.clone();
    }

    /** {@code ~/.verdant/cluster.key}: where {@code verdant cluster init-key} writes and the commands read by default. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".verdant", "cluster.key");
    }

    /** A key from the given bytes (tests and the in-process coordinator of the window). */
    public static ClusterKey of(byte[] secret) {
        if (secret.length < 16) {
            throw new ClusterException("a cluster key needs at least 16 bytes; create one with 'verdant cluster init-key'");
        }
        return new ClusterKey(secret);
    }

    /** A fresh random key, not written anywhere. */
    public static ClusterKey random() {
        byte[] b = new byte[BYTES];
        new SecureRandom().nextBytes(b);
        return new ClusterKey(b);
    }

    /**
     * Creates a new random key file with mode 0600 (the file is created with that mode, never widened later).
     * An existing file is left alone: replacing a key would lock out every worker that has the old one.
     */
    public static ClusterKey create(Path file) {
        ClusterKey key = random();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            String text = Base64.getEncoder().encodeToString(key.secret) + "\n";
            if (Files.getFileStore(parent == null ? Path.of(".") : parent).supportsFileAttributeView("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            throw new ClusterException("the key file " + file + " exists already; it was left unchanged (delete it "
                    + "first to make a new key, then copy the new one to every worker)");
        } catch (IOException e) {
            throw new ClusterException("could not create the key file " + file + ": " + e.getMessage()
                    + ". Check that the folder is writable.", e);
        }
        return key;
    }

    /**
     * Reads a key file. A file that others may read is refused: anyone who can read it can hand out trials and
     * forge results.
     */
    public static ClusterKey load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ClusterException("there is no cluster key file " + file + "; create one on the coordinator with "
                    + "'verdant cluster init-key' and copy it to each worker (e.g. with scp), then pass --key FILE");
        }
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                    throw new ClusterException("the key file " + file + " can be read by other users; make it "
                            + "private with 'chmod 600 " + file + "' and start again");
                }
            }
            byte[] secret = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            return of(secret);
        } catch (IllegalArgumentException e) {
            throw new ClusterException("the key file " + file + " is not a Verdant cluster key (expected one line of "
                    + "Base64); create one with 'verdant cluster init-key'");
        } catch (IOException e) {
            throw new ClusterException("could not read the key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The Base64 HMAC-SHA256 of {@code text}. */
    public String sign(String text) {
        return Base64.getEncoder().encodeToString(mac(text));
    }

    /** Whether {@code signature} is this key's signature of {@code text} (compared in constant time). */
    public boolean verify(String text, String signature) {
        if (signature == null || text == null) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(text), given);
    }

    /** A short, non-secret name for the key (the first bytes of its SHA-256), to tell two keys apart in logs. */
    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has HmacSHA256", e);
        }
    }
}
