package dev.verdant.model;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The few protobuf encodings an ONNX file needs (varints, length-delimited fields, fixed 32-bit floats), written
 * by hand: the ONNX messages used ({@code ModelProto}, {@code GraphProto}, {@code NodeProto}, {@code TensorProto},
 * {@code ValueInfoProto}, {@code AttributeProto}) are a handful of fields, not worth a protobuf runtime and
 * generated classes. Field numbers are those of {@code onnx.proto3}.
 */
final class OnnxProto {

    /** ONNX TensorProto.DataType values used here. */
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int INT32 = 6;
    static final int INT64 = 7;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    byte[] bytes() {
        return out.toByteArray();
    }

    OnnxProto varint(int field, long value) {
        tag(field, 0);
        raw(value);
        return this;
    }

    OnnxProto string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    OnnxProto bytes(int field, byte[] value) {
        tag(field, 2);
        raw(value.length);
        out.writeBytes(value);
        return this;
    }

    OnnxProto message(int field, OnnxProto value) {
        return bytes(field, value.bytes());
    }

    OnnxProto fixedFloat(int field, float value) {
        tag(field, 5);
        int bits = Float.floatToIntBits(value);
        for (int i = 0; i < 4; i++) {
            out.write((bits >>> (8 * i)) & 0xff);
        }
        return this;
    }

    private void tag(int field, int wireType) {
        raw(((long) field << 3) | wireType);
    }

    private void raw(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    // --- ONNX messages ---------------------------------------------------------------------------------------

    /** A TensorProto of float32 values (little-endian raw data). */
    static OnnxProto floatTensor(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return tensor(name, dims, FLOAT, b.array());
    }

    /** A TensorProto of int64 values. */
    static OnnxProto longTensor(String name, long[] dims, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return tensor(name, dims, INT64, b.array());
    }

    /** A TensorProto of int8 values. */
    static OnnxProto int8Tensor(String name, long[] dims, byte[] values) {
        return tensor(name, dims, INT8, values.clone());
    }

    /** A TensorProto of uint8 values. */
    static OnnxProto uint8Tensor(String name, long[] dims, byte[] values) {
        return tensor(name, dims, UINT8, values.clone());
    }

    /** A TensorProto of int32 values. */
    static OnnxProto intTensor(String name, long[] dims, int[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return tensor(name, dims, INT32, b.array());
    }

    private static OnnxProto tensor(String name, long[] dims, int type, byte[] raw) {
        OnnxProto t = new OnnxProto();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, type).string(8, name).bytes(9, raw);
    }

    /** A ValueInfoProto of a float tensor whose first dimension is the symbolic batch size. */
    static OnnxProto batchedFloat(String name, long[] perSample) {
        OnnxProto shape = new OnnxProto().message(1, new OnnxProto().string(2, "batch"));
        for (long d : perSample) {
            shape.message(1, new OnnxProto().varint(1, d));
        }
        OnnxProto tensorType = new OnnxProto().varint(1, FLOAT).message(2, shape);
        return new OnnxProto().string(1, name).message(2, new OnnxProto().message(1, tensorType));
    }

    /** An INT attribute. */
    static OnnxProto intAttr(String name, long value) {
        return new OnnxProto().string(1, name).varint(3, value).varint(20, 2);
    }

    /** A FLOAT attribute. */
    static OnnxProto floatAttr(String name, float value) {
        return new OnnxProto().string(1, name).fixedFloat(2, value).varint(20, 1);
    }

    /** An INTS attribute. */
    static OnnxProto intsAttr(String name, long... values) {
        OnnxProto a = new OnnxProto().string(1, name);
        for (long v : values) {
            a.varint(8, v);
        }
        return a.varint(20, 7);
    }

    /** A NodeProto. */
    static OnnxProto node(String op, String name, String[] inputs, String[] outputs, OnnxProto... attributes) {
        OnnxProto n = new OnnxProto();
        for (String i : inputs) {
            n.string(1, i);
        }
        for (String o : outputs) {
            n.string(2, o);
        }
        n.string(3, name).string(4, op);
        for (OnnxProto a : attributes) {
            n.message(5, a);
        }
        return n;
    }
}
