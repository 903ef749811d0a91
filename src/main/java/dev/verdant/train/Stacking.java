package dev.verdant.train;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.verdant.model.Unit;
import dev.verdant.model.Network;

import java.util.ArrayList;
import java.util.List;

/**
 * Progressive stacking (Gong et al. 2019) for a {@code resnet}: the deeper network takes the trained stem and
 * classifier, keeps every trained residual block in place, and fills each new block of a stage with a copy of a
 * trained block of the same stage (cycling through them, as stacking copies the bottom layers on top). The first
 * block of a stage changes stride and width, so new blocks copy the stage's other blocks when it has some; where a
 * parameter's shape still differs it keeps its fresh initialisation.
 */
final class Stacking {

    private Stacking() {
    }

    /** Copies {@code from}'s trained parameters into {@code to}; returns how many parameter arrays were copied. */
    static int copy(Network from, Network to) {
        List<List<Unit>> oldStages = stages(from);
        List<List<Unit>> newStages = stages(to);
        int copied = copyRange(from, first(from), to, first(to));
        copied += copyRange(from, last(from), to, last(to));
        for (int s = 0; s < newStages.size(); s++) {
            List<Unit> old = oldStages.get(s);
            List<Unit> grown = newStages.get(s);
            for (int j = 0; j < grown.size(); j++) {
                int source;
                if (j < old.size()) {
                    source = j;
                } else if (old.size() > 1) {
                    source = 1 + (j - old.size()) % (old.size() - 1);
                } else {
                    source = 0;
                }
                copied += copyRange(from, old.get(source), to, grown.get(j));
            }
        }
        return copied;
    }

    /** Residual layers grouped into stages: a new stage begins where the channel count changes. */
    private static List<List<Unit>> stages(Network net) {
        List<List<Unit>> stages = new ArrayList<>();
        String previous = null;
        for (Unit layer : net.units()) {
            if (!layer.name().startsWith("residual")) {
                continue;
            }
            if (!layer.name().equals(previous)) {
                stages.add(new ArrayList<>());
                previous = layer.name();
            }
            stages.get(stages.size() - 1).add(layer);
        }
        return stages;
    }

    private static Unit first(Network net) {
        return net.units().get(0);
    }

    private static Unit last(Network net) {
        return net.units().get(net.units().size() - 1);
    }

    private static int copyRange(Network from, Unit source, Network to, Unit target) {
        List<Parameter> src = parameters(from, source);
        List<Parameter> dst = parameters(to, target);
        int copied = 0;
        for (int i = 0; i < Math.min(src.size(), dst.size()); i++) {
            Parameter a = src.get(i);
            Parameter b = dst.get(i);
            if (a.getType() == b.getType() && a.getArray().getShape().equals(b.getArray().getShape())) {
                a.getArray().copyTo(b.getArray());
                copied++;
            }
        }
        return copied;
    }

    private static List<Parameter> parameters(Network net, Unit layer) {
        List<Block> children = net.block().getChildren().values();
        List<Parameter> out = new ArrayList<>();
        for (int c = layer.firstChild(); c < layer.endChild(); c++) {
            out.addAll(children.get(c).getParameters().values());
        }
        return out;
    }
}
