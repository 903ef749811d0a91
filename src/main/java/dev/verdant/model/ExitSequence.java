package dev.verdant.model;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The top-level block of a network with early exits ({@link Layer.Exit}): its children run in order like a
 * {@link SequentialBlock}'s, but an {@link ExitBlock} child does not change the main path; its head runs on the
 * features there. While training the output is {@code [final logits, head 1 logits, head 2 logits, ...]} (the joint
 * loss {@link ExitLoss} weighs them all); in plain inference only the main path runs and the output is the final
 * logits alone, so evaluation, latency and compression see the full network. {@link #forwardAll} gives every head's
 * logits at inference, for early-exit decisions.
 */
public final class ExitSequence extends SequentialBlock {

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return run(store, inputs, training, training, params);
    }

    /** Inference with every head: {@code [final logits, head 1 logits, ...]}. */
    public NDList forwardAll(ParameterStore store, NDList inputs) {
        return run(store, inputs, false, true, null);
    }

    private NDList run(ParameterStore store, NDList inputs, boolean training, boolean heads,
                       PairList<String, Object> params) {
        NDList x = inputs;
        NDList exits = new NDList();
        for (Block child : getChildren().values()) {
            if (child instanceof ExitBlock e) {
                if (heads) {
                    exits.add(e.head().forward(store, x, training, params).singletonOrThrow());
                }
                continue;
            }
            x = child.forward(store, x, training, params);
        }
        if (!heads) {
            return x;
        }
        NDList out = new NDList(x.singletonOrThrow());
        out.addAll(exits);
        return out;
    }
}
