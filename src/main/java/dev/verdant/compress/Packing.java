package dev.verdant.compress;

import dev.verdant.model.Layer;

/**
 * Symmetric integer quantisation of weights and the packed storage of the integers: one byte each at 8 bits,
 * two per byte at 4 bits (low nibble first, two's complement).
 */
final class Packing {

    private Packing() {
    }

    /** Largest integer magnitude at {@code bits}: 127 or 7 (the range is symmetric, -128 and -8 are unused). */
    static int limit(int bits) {
        return (1 << (bits - 1)) - 1;
    }

    /** Bytes the packed integers take. */
    static long packedBytes(long count, int bits) {
        return bits == 4 ? (count + 1) / 2 : count;
    }

    /**
     * Quantises a weight whose {@code rows} output units each hold {@code w.length / rows} values: one scale per
     * row when {@code perChannel}, else one for all, chosen so the largest magnitude maps to {@link #limit}.
     */
    static Layer.Quantized quantize(float[] w, int rows, int bits, boolean perChannel) {
        int lim = limit(bits);
        int groups = perChannel ? rows : 1;
        int per = w.length / groups;
        float[] scales = new float[groups];
        byte[] q = new byte[w.length];
        for (int g = 0; g < groups; g++) {
            float max = 0;
            for (int i = g * per; i < (g + 1) * per; i++) {
                max = Math.max(max, Math.abs(w[i]));
            }
            float scale = max > 0 ? max / lim : 1f;
            scales[g] = scale;
            for (int i = g * per; i < (g + 1) * per; i++) {
                q[i] = (byte) Math.max(-lim, Math.min(lim, Math.round(w[i] / scale)));
            }
        }
        return new Layer.Quantized(bits, perChannel, q, scales);
    }

    /** The float values {@code q * scale} of a quantised weight. */
    static float[] dequantize(Layer.Quantized q) {
        float[] w = new float[q.values().length];
        int per = w.length / q.scales().length;
        for (int i = 0; i < w.length; i++) {
            w[i] = q.values()[i] * q.scales()[i / per];
        }
        return w;
    }

    /** The integers packed for storage. */
    static byte[] pack(byte[] values, int bits) {
        if (bits == 8) {
            return values.clone();
        }
        byte[] out = new byte[(int) packedBytes(values.length, 4)];
        for (int i = 0; i < values.length; i++) {
            int nibble = values[i] & 0x0F;
            out[i / 2] |= (byte) (i % 2 == 0 ? nibble : nibble << 4);
        }
        return out;
    }

    /** Unpacks {@code count} integers stored by {@link #pack}. */
    static byte[] unpack(byte[] packed, int count, int bits) {
        if (bits == 8) {
            return java.util.Arrays.copyOf(packed, count);
        }
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            int nibble = (packed[i / 2] >> (i % 2 == 0 ? 0 : 4)) & 0x0F;
            out[i] = (byte) (nibble >= 8 ? nibble - 16 : nibble);
        }
        return out;
    }
}
