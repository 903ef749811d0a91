package dev.verdant.compress;

import dev.verdant.model.Layer;
import dev.verdant.model.Net;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores a compressed {@link Net} in one file ({@code model.vnet}): the layer structure with its sizes, then the
 * values. Quantised weights are stored as their packed integers and scales only (one byte per int8 weight, one
 * per two int4 weights), and load back to exactly the values evaluated, so the reloaded model has the same
 * accuracy. Written to a temporary file and renamed, so a crash never leaves half a model.
 */
public final class NetArtifact {

    /** The file name inside a model folder. */
    public static final String FILE = "model.vnet";

    private static final int MAGIC = 0x564E4554; // "VNET"
    private static final int VERSION = 1;

    private NetArtifact() {
    }

    /** Writes {@code net} to {@code dir/model.vnet}, creating the folder; returns the file. */
    public static Path save(Net net, Path dir) throws IOException {
        if (!net.hasValues()) {
            throw new IOException("a network description without trained values cannot be stored");
        }
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        Path tmp = dir.resolve(FILE + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            writeLongs(out, net.inputShape());
            out.writeInt(net.classes());
            out.writeBoolean(net.sparse());
            writeLayers(out, net.layers());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** Reads a net written by {@link #save} from {@code dir/model.vnet}. */
    public static Net load(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a Verdant compressed model");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(file + " has format version " + version + "; this Verdant reads " + VERSION);
            }
            long[] shape = readLongs(in);
            int classes = in.readInt();
            boolean sparse = in.readBoolean();
            return new Net(readLayers(in), shape, classes, sparse);
        }
    }

    private static void writeLayers(DataOutputStream out, List<Layer> layers) throws IOException {
        out.writeInt(layers.size());
        for (Layer l : layers) {
            if (l instanceof Layer.Dense d) {
                out.writeUTF("dense");
                out.writeInt(d.in());
                out.writeInt(d.out());
                writeWeight(out, d.weight(), d.quant());
                writeFloats(out, d.bias());
            } else if (l instanceof Layer.Conv c) {
                out.writeUTF("conv");
                for (int v : new int[] {c.in(), c.out(), c.kernel(), c.stride(), c.padding(), c.groups()}) {
                    out.writeInt(v);
                }
                writeWeight(out, c.weight(), c.quant());
                writeFloats(out, c.bias());
            } else if (l instanceof Layer.BatchNorm b) {
                out.writeUTF("batchnorm");
                out.writeInt(b.channels());
                for (float[] a : List.of(b.gamma(), b.beta(), b.mean(), b.var())) {
                    writeFloats(out, a);
                }
            } else if (l instanceof Layer.LayerNorm n) {
                out.writeUTF("layernorm");
                writeLongs(out, n.shape());
                writeFloats(out, n.gamma());
                writeFloats(out, n.beta());
            } else if (l instanceof Layer.GroupNorm g) {
                out.writeUTF("groupnorm");
                out.writeInt(g.channels());
                out.writeInt(g.groups());
                writeFloats(out, g.gamma());
                writeFloats(out, g.beta());
            } else if (l instanceof Layer.Activation a) {
                out.writeUTF("activation");
                out.writeUTF(a.name());
            } else if (l instanceof Layer.Dropout d) {
                out.writeUTF("dropout");
                out.writeDouble(d.rate());
            } else if (l instanceof Layer.Pool p) {
                out.writeUTF("pool");
                out.writeUTF(p.kind());
                out.writeInt(p.size());
            } else if (l instanceof Layer.GlobalAvgPool) {
                out.writeUTF("globalavgpool");
            } else if (l instanceof Layer.Flatten) {
                out.writeUTF("flatten");
            } else if (l instanceof Layer.ActQuant q) {
                out.writeUTF("actquant");
                out.writeInt(q.bits());
                out.writeFloat(q.scale());
            } else if (l instanceof Layer.Residual r) {
                out.writeUTF("residual");
                writeLayers(out, r.branch());
                writeLayers(out, r.shortcut());
            } else if (l instanceof Layer.Concat c) {
                out.writeUTF("concat");
                out.writeInt(c.branches().size());
                for (List<Layer> branch : c.branches()) {
                    writeLayers(out, branch);
                }
            } else if (l instanceof Layer.SqueezeExcite se) {
                out.writeUTF("squeezeexcite");
                writeLayers(out, se.gate());
            } else if (l instanceof Layer.Exit e) {
                out.writeUTF("exit");
                writeLayers(out, e.head());
            } else if (l instanceof Layer.ChannelShuffle c) {
                out.writeUTF("channelshuffle");
                out.writeInt(c.groups());
            } else if (l instanceof Layer.Tokens) {
                out.writeUTF("tokens");
            } else if (l instanceof Layer.PositionEmbedding p) {
                out.writeUTF("position");
                out.writeInt(p.tokens());
                out.writeInt(p.dim());
                writeFloats(out, p.values());
            } else if (l instanceof Layer.Attend a) {
                out.writeUTF("attend");
                out.writeInt(a.heads());
                out.writeBoolean(a.linear());
            } else if (l instanceof Layer.TokenPool) {
                out.writeUTF("tokenpool");
            } else {
                throw new IOException("a " + l.getClass().getSimpleName() + " layer is never stored");
            }
        }
    }

    private static List<Layer> readLayers(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<Layer> layers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String kind = in.readUTF();
            layers.add(switch (kind) {
                case "dense" -> {
                    int inUnits = in.readInt();
                    int out = in.readInt();
                    Layer.Quantized q = readQuant(in);
                    float[] w = q != null ? Packing.dequantize(q) : readFloats(in);
                    float[] bias = readFloats(in);
                    yield new Layer.Dense(inUnits, out, bias != null, w, bias, q);
                }
                case "conv" -> {
                    int[] v = new int[6];
                    for (int k = 0; k < 6; k++) {
                        v[k] = in.readInt();
                    }
                    Layer.Quantized q = readQuant(in);
                    float[] w = q != null ? Packing.dequantize(q) : readFloats(in);
                    float[] bias = readFloats(in);
                    yield new Layer.Conv(v[0], v[1], v[2], v[3], v[4], v[5], bias != null, w, bias, q);
                }
                case "batchnorm" -> new Layer.BatchNorm(in.readInt(), readFloats(in), readFloats(in), readFloats(in),
                        readFloats(in));
                case "layernorm" -> new Layer.LayerNorm(readLongs(in), readFloats(in), readFloats(in));
                case "groupnorm" -> new Layer.GroupNorm(in.readInt(), in.readInt(), readFloats(in), readFloats(in));
                case "activation" -> new Layer.Activation(in.readUTF());
                case "dropout" -> new Layer.Dropout(in.readDouble());
                case "pool" -> new Layer.Pool(in.readUTF(), in.readInt());
                case "globalavgpool" -> new Layer.GlobalAvgPool();
                case "flatten" -> new Layer.Flatten();
                case "actquant" -> new Layer.ActQuant(in.readInt(), in.readFloat());
                case "residual" -> new Layer.Residual(readLayers(in), readLayers(in));
                case "concat" -> {
                    int count = in.readInt();
                    List<List<Layer>> branches = new ArrayList<>(count);
                    for (int k = 0; k < count; k++) {
                        branches.add(readLayers(in));
                    }
                    yield new Layer.Concat(branches);
                }
                case "squeezeexcite" -> new Layer.SqueezeExcite(readLayers(in));
                case "exit" -> new Layer.Exit(readLayers(in));
                case "channelshuffle" -> new Layer.ChannelShuffle(in.readInt());
                case "tokens" -> new Layer.Tokens();
                case "position" -> new Layer.PositionEmbedding(in.readInt(), in.readInt(), readFloats(in));
                case "attend" -> new Layer.Attend(in.readInt(), in.readBoolean());
                case "tokenpool" -> new Layer.TokenPool();
                default -> throw new IOException("unknown layer kind '" + kind + "' in a compressed model");
            });
        }
        return layers;
    }

    /** A quantised weight as a flag, bits, granularity, scales and packed integers; else the flag and floats follow. */
    private static void writeWeight(DataOutputStream out, float[] w, Layer.Quantized q) throws IOException {
        out.writeBoolean(q != null);
        if (q == null) {
            writeFloats(out, w);
            return;
        }
        out.writeInt(q.bits());
        out.writeBoolean(q.perChannel());
        out.writeInt(q.values().length);
        writeFloats(out, q.scales());
        byte[] packed = Packing.pack(q.values(), q.bits());
        out.writeInt(packed.length);
        out.write(packed);
    }

    private static Layer.Quantized readQuant(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        int bits = in.readInt();
        boolean perChannel = in.readBoolean();
        int count = in.readInt();
        float[] scales = readFloats(in);
        byte[] packed = new byte[in.readInt()];
        in.readFully(packed);
        return new Layer.Quantized(bits, perChannel, Packing.unpack(packed, count, bits), scales);
    }

    private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        if (a == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(a.length);
        for (float v : a) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }

    private static void writeLongs(DataOutputStream out, long[] a) throws IOException {
        out.writeInt(a.length);
        for (long v : a) {
            out.writeLong(v);
        }
    }

    private static long[] readLongs(DataInputStream in) throws IOException {
        long[] a = new long[in.readInt()];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readLong();
        }
        return a;
    }
}
