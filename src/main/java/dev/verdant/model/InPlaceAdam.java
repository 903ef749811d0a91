package dev.verdant.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adam (Kingma and Ba) written with in-place array operations, as an alternative to DJL's {@code Adam}; it computes
 * the same update: {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
 * {@code w -= lr sqrt(1-b2^t) / (1-b1^t) * m / (sqrt(v) + eps)}, with the gradient first rescaled, clipped from
 * above and given the weight-decay term {@code wd * w}, as DJL's does.
 *
 * <p>Why it exists: DJL's PyTorch Adam clones the gradient it is given, adds the weight-decay term even when the decay
 * is 0, and allocates four temporaries for the final step. This one uses the gradient it is handed as its scratch
 * space, skips the decay pass at 0 and allocates two temporaries. It issues more (smaller) native calls, though,
 * so whether it is faster was measured (docs/performance.md); it is used only when asked for
 * ({@code -Dverdant.adam=inplace}).
 *
 * <p>The gradient passed to {@link #update} is the parameter server's private copy, closed after the update (DJL's
 * {@code LocalParameterServer}); this optimiser overwrites it. DJL hands one copy to every device's update when a
 * parameter lives on several devices, so this optimiser refuses a second device for one parameter. The moment
 * arrays live in the weight's own manager and are closed with the model.
 */
public final class InPlaceAdam extends Optimizer {

    private final ParameterTracker learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final Map<String, Moments> moments = new ConcurrentHashMap<>();

    /** The first and second moment of one parameter, on the device it was first updated on. */
    private record Moments(NDArray mean, NDArray variance, Device device) {
    }

    private InPlaceAdam(Builder builder) {
        super(builder);
        learningRate = builder.learningRate;
        beta1 = builder.beta1;
        beta2 = builder.beta2;
        epsilon = builder.epsilon;
    }

    /** A builder with DJL Adam's defaults: learning rate 0.001, betas 0.9 and 0.999, epsilon 1e-8. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = updateCount(parameterId);
        float lr = learningRate.getNewValue(parameterId, t);
        float corrected = (float) (lr * Math.sqrt(1.0 - Math.pow(beta2, t)) / (1.0 - Math.pow(beta1, t)));
        float decay = getWeightDecay();
        if (Float.isNaN(corrected) || Float.isInfinite(corrected) || Float.isNaN(decay) || Float.isInfinite(decay)) {
            throw new IllegalArgumentException("The learning rate (" + lr + ") or weight decay (" + decay
                    + ") is not a finite number; set finite values in the training section.");
        }
        Moments s = moments.computeIfAbsent(parameterId,
                k -> new Moments(weight.zerosLike(), weight.zerosLike(), weight.getDevice()));
        if (!s.device().equals(weight.getDevice())) {
            throw new IllegalStateException("InPlaceAdam updates each parameter on one device; parameter "
                    + parameterId + " is on " + s.device() + " and " + weight.getDevice() + ".");
        }
        NDArray g = grad;
        NDArray replaced = null;
        if (rescaleGrad != 1f) {
            g.muli(rescaleGrad);
        }
        if (clipGrad >= 0f) {
            replaced = g.minimum(clipGrad); // rare: no in-place clamp in NDArray
            g = replaced;
        }
        if (decay != 0f) {
            try (NDArray term = weight.mul(decay)) {
                g.addi(term);
            }
        }
        NDArray m = s.mean();
        NDArray v = s.variance();
        // m + (1-b1)(g - m) is b1 m + (1-b1) g without a temporary; likewise for v with g^2.
        m.subi(g).muli(beta1).addi(g);
        g.muli(g);
        v.subi(g).muli(beta2).addi(g);
        try (NDArray denominator = v.sqrt()) {
            denominator.addi(epsilon);
            try (NDArray step = m.div(denominator)) {
                weight.subi(step.muli(corrected));
            }
        }
        if (replaced != null) {
            replaced.close();
        }
        zeroGradient(weight);
    }

    /** Resets the weight's accumulated gradient for the next backward pass, as DJL's optimisers do. */
    private static void zeroGradient(NDArray weight) {
        if (weight instanceof PtNDArray pt) {
            JniUtils.zeroGrad(pt); // a plain fill, also clearing a NaN
        } else {
            try (NDArray g = weight.getGradient()) {
                g.subi(g);
            }
        }
    }

    /** Builds an {@link InPlaceAdam}; learning-rate schedule, betas, epsilon, weight decay, rescale and clipping. */
    public static final class Builder extends OptimizerBuilder<Builder> {

        private ParameterTracker learningRate = Tracker.fixed(0.001f);
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** The learning rate (per update, per parameter). */
        public Builder optLearningRateTracker(ParameterTracker tracker) {
            this.learningRate = tracker;
            return this;
        }

        /** Decay of the first moment. */
        public Builder optBeta1(float value) {
            this.beta1 = value;
            return this;
        }

        /** Decay of the second moment. */
        public Builder optBeta2(float value) {
            this.beta2 = value;
            return this;
        }

        /** Added to the root of the second moment, for stability. */
        public Builder optEpsilon(float value) {
            this.epsilon = value;
            return this;
        }

        /** The optimiser. */
        public InPlaceAdam build() {
            return new InPlaceAdam(this);
        }
    }
}
