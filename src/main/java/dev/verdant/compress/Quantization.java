package dev.verdant.compress;

import dev.verdant.model.Layer;
import dev.verdant.model.Net;
import ai.djl.Device;
import ai.djl.ndarray.NDScope;
import ai.djl.training.dataset.Batch;
import dev.verdant.data.Split;
import dev.verdant.model.Batches;

import java.util.ArrayList;
import java.util.List;

/**
 * Post-training symmetric quantisation. Weights of linear layers and convolutions become {@code bits}-bit
 * integers with one scale per tensor or per output unit; biases and normalisation stay float32 (they are a
 * tiny share). Activations are calibrated on a few training batches (largest magnitude at each weighted layer's
 * output) and fake-quantised to 8 bits there. Evaluation runs in float arithmetic on the quantised values
 * (simulated, not integer kernels); the stored artifact holds the packed integers.
 */
final class Quantization {

    /** Activations are quantised to 8 bits whatever the weights' width (W8A8 or W4A8). */
    static final int ACTIVATION_BITS = 8;

    private Quantization() {
    }

    /** Weights quantised and activation fake-quantisers inserted after every weighted layer. */
    static Net quantize(Net net, int bits, boolean perChannel, Split calibration, int batches, int batchSize,
                        Device device) {
        Net plain = strip(net);
        List<Layer> weightsOnly = quantizeWeights(plain.layers(), bits, perChannel);
        // Calibrate on the quantised weights: the ranges the deployed model will see.
        List<float[]> ranges = new ArrayList<>();
        List<Layer> probed = insertAfterWeighted(weightsOnly, () -> {
            float[] r = new float[1];
            ranges.add(r);
            return new Layer.Probe(r);
        });
        try (LiveNet live = new LiveNet(plain.withLayers(probed), device)) {
            int bs = Math.min(batchSize, calibration.size());
            int[] order = Batches.inOrder(calibration.size());
            for (int b = 0; b < batches && b * bs < calibration.size(); b++) {
                int size = Math.min(bs, calibration.size() - b * bs);
                try (Batch batch = Batches.of(live.model().getNDManager(), calibration, plain.inputShape(), order,
                        b * bs, size, b, batches);
                     NDScope scope = new NDScope()) {
                    live.forward(batch.getData());
                }
            }
        }
        int[] next = {0};
        int limit = Packing.limit(ACTIVATION_BITS);
        List<Layer> quantised = insertAfterWeighted(weightsOnly, () -> {
            float max = ranges.get(next[0]++)[0];
            return new Layer.ActQuant(ACTIVATION_BITS, max > 0 ? max / limit : 1f);
        });
        return plain.withLayers(quantised);
    }

    /** The net without activation quantisers and with plain float weights (their current, maybe dequantised, values). */
    static Net strip(Net net) {
        return net.withLayers(stripList(net.layers()));
    }

    /** True if any weight is quantised. */
    static boolean isQuantized(Net net) {
        boolean[] q = {false};
        Net.visit(net.layers(), l -> q[0] |= (l instanceof Layer.Dense d && d.quant() != null)
                || (l instanceof Layer.Conv c && c.quant() != null) || l instanceof Layer.ActQuant);
        return q[0];
    }

    private static List<Layer> stripList(List<Layer> layers) {
        List<Layer> out = new ArrayList<>();
        for (Layer l : layers) {
            if (l instanceof Layer.ActQuant || l instanceof Layer.Probe) {
                continue;
            }
            if (l instanceof Layer.Dense d && d.quant() != null) {
                out.add(d.withValues(d.weight(), d.bias()));
            } else if (l instanceof Layer.Conv c && c.quant() != null) {
                out.add(c.withValues(c.weight(), c.bias()));
            } else if (!l.parts().isEmpty()) {
                out.add(l.withParts(l.parts().stream().map(Quantization::stripList).toList()));
            } else {
                out.add(l);
            }
        }
        return out;
    }

    private static List<Layer> quantizeWeights(List<Layer> layers, int bits, boolean perChannel) {
        List<Layer> out = new ArrayList<>();
        for (Layer l : layers) {
            if (l instanceof Layer.Dense d) {
                Layer.Quantized q = Packing.quantize(d.weight(), d.out(), bits, perChannel);
                out.add(new Layer.Dense(d.in(), d.out(), d.biased(), Packing.dequantize(q), d.bias(), q));
            } else if (l instanceof Layer.Conv c) {
                Layer.Quantized q = Packing.quantize(c.weight(), c.out(), bits, perChannel);
                out.add(new Layer.Conv(c.in(), c.out(), c.kernel(), c.stride(), c.padding(), c.groups(), c.biased(),
                        Packing.dequantize(q), c.bias(), q));
            } else if (!l.parts().isEmpty()) {
                out.add(l.withParts(l.parts().stream().map(p -> quantizeWeights(p, bits, perChannel)).toList()));
            } else {
                out.add(l);
            }
        }
        return out;
    }

    private static List<Layer> insertAfterWeighted(List<Layer> layers, java.util.function.Supplier<Layer> make) {
        List<Layer> out = new ArrayList<>();
        for (Layer l : layers) {
            if (!l.parts().isEmpty()) {
                List<List<Layer>> parts = new ArrayList<>();
                for (List<Layer> p : l.parts()) {
                    parts.add(insertAfterWeighted(p, make));
                }
                out.add(l.withParts(parts));
            } else {
                out.add(l);
                if (l instanceof Layer.Dense || l instanceof Layer.Conv) {
                    out.add(make.get());
                }
            }
        }
        return out;
    }
}
