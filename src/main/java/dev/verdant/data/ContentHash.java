package dev.verdant.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a dataset's splits, over the exact float features and labels used, in a fixed byte order. */
final class ContentHash {

    private ContentHash() {
    }

    static String of(Split... splits) {
        MessageDigest md = sha256();
        for (Split s : splits) {
            ByteBuffer buf = ByteBuffer.allocate(8192).order(ByteOrder.LITTLE_ENDIAN);
            // Hashes the float values either storage means, so a split hashes the same kept as bytes or floats.
            long values = (long) s.size() * s.sampleSize();
            for (long i = 0; i < values; i++) {
                if (buf.remaining() < 4) {
                    md.update(buf.array(), 0, buf.position());
                    buf.clear();
                }
                buf.putFloat(s.value(i));
            }
            for (int l : s.labels()) {
                if (buf.remaining() < 4) {
                    md.update(buf.array(), 0, buf.position());
                    buf.clear();
                }
                buf.putInt(l);
            }
            md.update(buf.array(), 0, buf.position());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
