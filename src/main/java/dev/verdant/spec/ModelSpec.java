package dev.verdant.spec;

import java.util.List;
import java.util.Objects;

/**
 * Which network to build.
 *
 * @param arch       {@code mlp}, {@code lenet5}, {@code dscnn}, {@code resnet}, {@code squeezenet}, {@code mobilenetv2},
 *                   {@code shufflenet}, {@code ghostnet} or {@code vit-tiny}
 * @param hidden     hidden layer sizes of the {@code mlp}
 * @param width      width multiplier for the convolutional architectures (MobileNet's alpha)
 * @param activation hidden-layer activation
 * @param init       weight initialisation: {@code kaiming}, {@code xavier}, {@code xavier-normal}, {@code orthogonal},
 *                   {@code lsuv} (orthogonal, then rescaled on a data batch) or {@code zero-residual} ({@code resnet})
 * @param norm       normalisation layer placed after each hidden linear layer or convolution:
 *                   {@code none}, {@code batch}, {@code layer} or {@code group} ({@code groups} groups)
 * @param dropout    dropout probability after each hidden layer (0 disables it)
 * @param depth      {@code resnet}: total weighted layers, 6n+2 (8, 14, 20, ...)
 * @param channels   base channel count of the convolutional architectures before {@code width} is applied
 * @param groups     groups of the {@code group} normalisation; for {@code shufflenet} also the groups of its 1x1
 *                   convolutions
 * @param expansion  {@code mobilenetv2}: expansion factor t of the inverted residual blocks
 * @param se         {@code mobilenetv2}, {@code ghostnet}: squeeze-and-excitation in each block (Hu et al. 2018)
 * @param ghostRatio {@code ghostnet}: ratio s of a ghost module's outputs to its primary convolution's
 * @param patch      {@code vit-tiny}: patch size in pixels
 * @param heads      {@code vit-tiny}: attention heads
 * @param blocks     {@code vit-tiny}: transformer blocks
 * @param attention  {@code vit-tiny}: {@code softmax} or {@code linear}
 * @param earlyExits early-exit heads after chosen blocks; null for none
 */
public record ModelSpec(Architecture arch, List<Integer> hidden, Double width, Activation activation, String init,
                        Norm norm, Double dropout, Integer depth, Integer channels, Integer groups, Integer expansion,
                        Boolean se, Integer ghostRatio, Integer patch, Integer heads, Integer blocks,
                        AttentionKind attention, EarlyExitSpec earlyExits) {

    /** The {@link Architecture} labels, for choice lists. */
    public static final List<String> ARCHS = Architecture.labels();
    /** The {@link Activation} labels, for choice lists. */
    public static final List<String> ACTIVATIONS = Activation.labels();
    public static final List<String> INITS = List.of("kaiming", "xavier", "xavier-normal", "orthogonal", "lsuv",
            "zero-residual");
    /** The {@link Norm} labels, for choice lists. */
    public static final List<String> NORMS = Norm.labels();

    public ModelSpec {
        arch = Objects.requireNonNullElse(arch, Architecture.MLP);
        hidden = List.copyOf(Objects.requireNonNullElse(hidden, List.of(128, 64)));
        width = Objects.requireNonNullElse(width, 1.0);
        activation = Objects.requireNonNullElse(activation, Activation.RELU);
        init = Objects.requireNonNullElse(init, "kaiming");
        norm = Objects.requireNonNullElse(norm, Norm.NONE);
        dropout = Objects.requireNonNullElse(dropout, 0.0);
        depth = Objects.requireNonNullElse(depth, 8);
        channels = Objects.requireNonNullElse(channels, 16);
        groups = Objects.requireNonNullElse(groups, 4);
        expansion = Objects.requireNonNullElse(expansion, 6);
        se = Objects.requireNonNullElse(se, false);
        ghostRatio = Objects.requireNonNullElse(ghostRatio, 2);
        patch = Objects.requireNonNullElse(patch, 4);
        heads = Objects.requireNonNullElse(heads, 2);
        blocks = Objects.requireNonNullElse(blocks, 2);
        attention = Objects.requireNonNullElse(attention, AttentionKind.SOFTMAX);
    }

    /** The model before the compact-architecture knobs existed (every new one at its default). */
    public ModelSpec(Architecture arch, List<Integer> hidden, Double width, Activation activation, String init,
                     Norm norm, Double dropout, Integer depth, Integer channels, Integer groups) {
        this(arch, hidden, width, activation, init, norm, dropout, depth, channels, groups, null, null, null, null,
                null, null, null, null);
    }

    /** The default model: an MLP with hidden layers 128 and 64. */
    public static ModelSpec defaults() {
        return new ModelSpec(null, null, null, null, null, null, null, null, null, null);
    }

    /** The same model with architecture {@code label} ({@code mlp}, ...); unknown labels are an error. */
    public ModelSpec withArch(String label) {
        return withArch(Architecture.of(label));
    }

    public ModelSpec withArch(Architecture newArch) {
        return new ModelSpec(newArch, hidden, width, activation, init, norm, dropout, depth, channels, groups,
                expansion, se, ghostRatio, patch, heads, blocks, attention, earlyExits);
    }

    public ModelSpec withHidden(List<Integer> newHidden) {
        return new ModelSpec(arch, newHidden, width, activation, init, norm, dropout, depth, channels, groups,
                expansion, se, ghostRatio, patch, heads, blocks, attention, earlyExits);
    }

    public ModelSpec withWidth(double newWidth) {
        return new ModelSpec(arch, hidden, newWidth, activation, init, norm, dropout, depth, channels, groups,
                expansion, se, ghostRatio, patch, heads, blocks, attention, earlyExits);
    }

    public ModelSpec withInit(String newInit) {
        return new ModelSpec(arch, hidden, width, activation, newInit, norm, dropout, depth, channels, groups,
                expansion, se, ghostRatio, patch, heads, blocks, attention, earlyExits);
    }

    /** The same model with normalisation {@code label} ({@code none}, ...); unknown labels are an error. */
    public ModelSpec withNorm(String label) {
        return withNorm(Norm.of(label));
    }

    public ModelSpec withNorm(Norm newNorm) {
        return new ModelSpec(arch, hidden, width, activation, init, newNorm, dropout, depth, channels, groups,
                expansion, se, ghostRatio, patch, heads, blocks, attention, earlyExits);
    }

    public ModelSpec withDropout(double newDropout) {
        return new ModelSpec(arch, hidden, width, activation, init, norm, newDropout, depth, channels, groups,
                expansion, se, ghostRatio, patch, heads, blocks, attention, earlyExits);
    }

    public ModelSpec withDepth(int newDepth) {
        return new ModelSpec(arch, hidden, width, activation, init, norm, dropout, newDepth, channels, groups,
                expansion, se, ghostRatio, patch, heads, blocks, attention, earlyExits);
    }

    public ModelSpec withChannels(int newChannels) {
        return new ModelSpec(arch, hidden, width, activation, init, norm, dropout, depth, newChannels, groups,
                expansion, se, ghostRatio, patch, heads, blocks, attention, earlyExits);
    }

    public ModelSpec withGroups(int newGroups) {
        return new ModelSpec(arch, hidden, width, activation, init, norm, dropout, depth, channels, newGroups,
                expansion, se, ghostRatio, patch, heads, blocks, attention, earlyExits);
    }

    public ModelSpec withExpansion(int newExpansion) {
        return new ModelSpec(arch, hidden, width, activation, init, norm, dropout, depth, channels, groups,
                newExpansion,
                se, ghostRatio, patch, heads, blocks, attention, earlyExits);
    }

    public ModelSpec withSe(boolean newSe) {
        return new ModelSpec(arch, hidden, width, activation, init, norm, dropout, depth, channels, groups, expansion,
                newSe, ghostRatio, patch, heads, blocks, attention, earlyExits);
    }

    public ModelSpec withGhostRatio(int newRatio) {
        return new ModelSpec(arch, hidden, width, activation, init, norm, dropout, depth, channels, groups, expansion,
                se, newRatio, patch, heads, blocks, attention, earlyExits);
    }

    public ModelSpec withPatch(int newPatch) {
        return new ModelSpec(arch, hidden, width, activation, init, norm, dropout, depth, channels, groups, expansion,
                se, ghostRatio, newPatch, heads, blocks, attention, earlyExits);
    }

    public ModelSpec withHeads(int newHeads) {
        return new ModelSpec(arch, hidden, width, activation, init, norm, dropout, depth, channels, groups, expansion,
                se, ghostRatio, patch, newHeads, blocks, attention, earlyExits);
    }

    public ModelSpec withBlocks(int newBlocks) {
        return new ModelSpec(arch, hidden, width, activation, init, norm, dropout, depth, channels, groups, expansion,
                se, ghostRatio, patch, heads, newBlocks, attention, earlyExits);
    }

    /** The same model with attention {@code label} ({@code softmax} or {@code linear}). */
    public ModelSpec withAttention(String label) {
        return new ModelSpec(arch, hidden, width, activation, init, norm, dropout, depth, channels, groups, expansion,
                se, ghostRatio, patch, heads, blocks, AttentionKind.of(label), earlyExits);
    }

    /** The same model with early-exit heads, or none for null. */
    public ModelSpec withEarlyExits(EarlyExitSpec newExits) {
        return new ModelSpec(arch, hidden, width, activation, init, norm, dropout, depth, channels, groups, expansion,
                se, ghostRatio, patch, heads, blocks, attention, newExits);
    }
}
