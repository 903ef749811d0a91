package dev.verdant.spec;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/**
 * A network architecture a spec can name: {@code mlp}, {@code lenet5} (LeCun et al. 1998), {@code dscnn}
 * (depthwise-separable, MobileNet-style), {@code resnet} (CIFAR-style basic blocks), and the compact gallery:
 * {@code squeezenet} (fire modules, Iandola et al. 2016), {@code mobilenetv2} (inverted residuals with linear
 * bottlenecks, Sandler et al. 2018; optional squeeze-and-excitation, Hu et al. 2018), {@code shufflenet} (grouped 1x1
 * convolutions with channel shuffle, Zhang et al. 2018), {@code ghostnet} (ghost modules, Han et al. 2020) and
 * {@code vit-tiny} (a small vision transformer, Dosovitskiy et al. 2021, with softmax or linear attention,
 * Katharopoulos et al. 2020). Written in specs and
 * results as its label (the contract), which {@link #toString()} also returns, so messages read as the user wrote
 * them.
 */
public enum Architecture implements Labelled {
    MLP("mlp"),
    LENET5("lenet5"),
    DSCNN("dscnn"),
    RESNET("resnet"),
    SQUEEZENET("squeezenet"),
    MOBILENETV2("mobilenetv2"),
    SHUFFLENET("shufflenet"),
    GHOSTNET("ghostnet"),
    VIT_TINY("vit-tiny");

    /** The compact architectures of the gallery (issue 16), in the order the gallery lists them. */
    public static final List<Architecture> GALLERY = List.of(DSCNN, SQUEEZENET, MOBILENETV2, SHUFFLENET, GHOSTNET,
            VIT_TINY);

    private final String label;

    Architecture(String label) {
        this.label = label;
    }

    /** The spec's spelling, e.g. {@code mlp}. */
    @JsonValue
    @Override
    public String label() {
        return label;
    }

    /** Every label, in declaration order (for messages and choice lists). */
    public static List<String> labels() {
        return Labelled.labels(Architecture.class);
    }

    /**
     * The constant spelled {@code label}.
     *
     * @throws IllegalArgumentException naming the allowed labels when there is none
     */
    public static Architecture of(String label) {
        return Labelled.of(Architecture.class, label);
    }

    @Override
    public String toString() {
        return label;
    }
}
