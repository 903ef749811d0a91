package dev.verdant.compress;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Knowledge-distillation loss (Hinton et al. 2015):
 * {@code alpha * T^2 * KL(softmax(t/T) || softmax(s/T)) + (1 - alpha) * CE(s, y)}, averaged over the batch.
 * Labels are {@code [hardLabel, teacherLogits]}; the {@code T^2} factor keeps the soft term's gradients on the
 * scale of the hard term's as T changes.
 */
final class DistillationLoss extends Loss {

    private final float temperature;
    private final float alpha;

    DistillationLoss(double temperature, double alpha) {
        super("DistillationLoss");
        this.temperature = (float) temperature;
        this.alpha = (float) alpha;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray student = predictions.singletonOrThrow();
        NDArray hard = labels.get(0);
        NDArray teacher = labels.get(1);
        NDArray logSoftStudent = student.div(temperature).logSoftmax(1);
        NDArray logSoftTeacher = teacher.div(temperature).logSoftmax(1);
        NDArray kl = logSoftTeacher.exp().mul(logSoftTeacher.sub(logSoftStudent)).sum(new int[] {1}).mean();
        NDArray oneHot = hard.oneHot((int) student.getShape().get(1));
        NDArray ce = student.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean();
        return kl.mul(alpha * temperature * temperature).add(ce.mul(1 - alpha));
    }
}
