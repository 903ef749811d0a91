package dev.verdant.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * Multi-head self-attention without parameters ({@link Layer.Attend}): the linear layers around it project to queries,
 * keys and values and back.
 */
final class Attention {

    private Attention() {
    }

    /**
     * {@code [B, N, 3D]} (queries, keys, values) to {@code [B, N, D]}: softmax attention, or linear attention with
     * feature map {@code elu(x) + 1} (Katharopoulos et al. 2020), which never forms the N x N matrix.
     */
    static NDArray attend(NDArray qkv, int heads, boolean linear) {
        Shape s = qkv.getShape();
        long b = s.get(0);
        long n = s.get(1);
        long dim = s.get(2) / 3;
        long headDim = dim / heads;
        NDList parts = qkv.split(3, 2);
        NDArray q = perHead(parts.get(0), b, n, heads, headDim);
        NDArray k = perHead(parts.get(1), b, n, heads, headDim);
        NDArray v = perHead(parts.get(2), b, n, heads, headDim);
        NDArray out;
        if (linear) {
            NDArray fq = ai.djl.nn.Activation.elu(q, 1f).add(1f);
            NDArray fk = ai.djl.nn.Activation.elu(k, 1f).add(1f);
            NDArray kv = fk.transpose(0, 1, 3, 2).matMul(v); // [B, h, d, d]
            NDArray keySum = fk.sum(new int[] {2}, true); // [B, h, 1, d]
            NDArray norm = fq.mul(keySum).sum(new int[] {3}, true); // [B, h, N, 1]
            out = fq.matMul(kv).div(norm.add(1e-6f));
        } else {
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div((float) Math.sqrt(headDim));
            out = scores.softmax(-1).matMul(v);
        }
        return out.transpose(0, 2, 1, 3).reshape(b, n, dim);
    }

    /** {@code [B, N, D]} to {@code [B, heads, N, D / heads]}. */
    private static NDArray perHead(NDArray x, long b, long n, int heads, long headDim) {
        return x.reshape(b, n, heads, headDim).transpose(0, 2, 1, 3);
    }
}
