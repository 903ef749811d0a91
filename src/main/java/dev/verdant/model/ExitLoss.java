package dev.verdant.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

import java.util.List;

/**
 * The joint loss of a network with early exits (BranchyNet, Teerapittayanon et al. 2016): softmax cross-entropy of
 * the final logits plus each head's, weighted, divided by the sum of the weights. Given the final logits alone
 * (evaluation runs the main path only) it is plain cross-entropy.
 */
public final class ExitLoss extends Loss {

    private final Loss ce = Loss.softmaxCrossEntropyLoss();
    private final double[] headWeights;

    /** @param headWeights one weight per exit head, in order (the final classifier weighs 1) */
    public ExitLoss(List<Double> headWeights) {
        super("ExitLoss");
        this.headWeights = headWeights.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The loss a network trains with: this joint loss when it has early exits, plain cross-entropy otherwise. */
    public static Loss forNet(Net net, List<Double> headWeights) {
        return net.hasExits() ? new ExitLoss(headWeights) : Loss.softmaxCrossEntropyLoss();
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray total = ce.evaluate(labels, new NDList(predictions.get(0)));
        if (predictions.size() == 1) {
            return total;
        }
        double sum = 1;
        for (int k = 1; k < predictions.size(); k++) {
            double w = headWeights[k - 1];
            total = total.add(ce.evaluate(labels, new NDList(predictions.get(k))).mul((float) w));
            sum += w;
        }
        return total.div((float) sum);
    }
}
