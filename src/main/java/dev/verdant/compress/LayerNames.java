package dev.verdant.compress;

import dev.verdant.model.Layer;
import dev.verdant.model.Net;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Human names of a net's weighted layers for messages and notes, e.g. {@code linear 2 (300 -> 100)} or
 * {@code conv 3 (16 -> 32, 3x3)}, numbered in order (residual branches included).
 */
final class LayerNames {

    private LayerNames() {
    }

    /** The weighted layers (linear and convolution) in order, residual branches included. */
    static List<Layer> weighted(List<Layer> layers) {
        return Net.weighted(layers);
    }

    /** Names of every weighted layer, by identity. */
    static Map<Layer, String> of(List<Layer> layers) {
        Map<Layer, String> names = new IdentityHashMap<>();
        int i = 0;
        for (Layer l : weighted(layers)) {
            i++;
            names.put(l, name(l, i));
        }
        return names;
    }

    static String name(Layer l, int index) {
        if (l instanceof Layer.Dense d) {
            return "linear " + index + " (" + d.in() + " -> " + d.out() + ")";
        }
        Layer.Conv c = (Layer.Conv) l;
        return "conv " + index + " (" + c.in() + " -> " + c.out() + ", " + c.kernel() + "x" + c.kernel()
                + (c.depthwise() ? " depthwise" : "") + ")";
    }

    /** A compact description of the net's widths, e.g. {@code 784-300-100-10} or {@code conv6-conv16-fc120-fc84-fc10}. */
    static String summary(Net net) {
        List<Layer> w = weighted(net.layers());
        StringBuilder sb = new StringBuilder();
        boolean allDense = w.stream().allMatch(l -> l instanceof Layer.Dense);
        if (allDense && !w.isEmpty()) {
            sb.append(((Layer.Dense) w.get(0)).in());
            for (Layer l : w) {
                sb.append('-').append(((Layer.Dense) l).out());
            }
            return sb.toString();
        }
        for (Layer l : w) {
            if (sb.length() > 0) {
                sb.append('-');
            }
            sb.append(l instanceof Layer.Dense d ? "fc" + d.out() : "conv" + ((Layer.Conv) l).out());
        }
        return sb.toString();
    }
}
