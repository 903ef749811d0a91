package dev.verdant.app.builder;

import java.util.Map;

/**
 * One sentence per form field: what it does to accuracy and to energy, and the paper (or the part of green deep
 * learning practice) it comes from. The form shows it as the field's tooltip.
 */
public final class FieldTips {

    private FieldTips() {
    }

    private static final Map<String, String> TIPS = Map.ofEntries(
            Map.entry("name", "A name for the run in the queue, the charts and History; no effect on accuracy or "
                    + "energy."),
            Map.entry("seed", "Fixes data order and initial weights so a run can be repeated; runs with other seeds "
                    + "show how much accuracy and energy vary by chance (use repeats)."),
            Map.entry("device", "cpu, gpu or auto: a GPU usually trains faster and with fewer joules per sample, "
                    + "accuracy is the same; auto falls back to the CPU and says so once."),
            Map.entry("dataset.name", "The data to learn from; larger images and more samples cost more energy per "
                    + "epoch."),
            Map.entry("dataset.path", "Folder (or CSV file) of an on-disk dataset; built-in and synthetic sets "
                    + "need none."),
            Map.entry("dataset.limit", "Trains on only the first N samples: proportionally less energy per epoch, "
                    + "usually lower accuracy (data efficiency)."),
            Map.entry("dataset.validationSplit", "Fraction held out to measure accuracy; a larger split gives a "
                    + "steadier accuracy figure but fewer samples to learn from."),
            Map.entry("model.arch", "The network: mlp, LeNet-5 (LeCun et al. 1998), a depthwise-separable CNN "
                    + "(Howard et al. 2017, fewer FLOPs) or a ResNet (He et al. 2016, more accurate, more energy)."),
            Map.entry("model.hidden", "Widths of the MLP's hidden layers; wider and more layers can raise accuracy "
                    + "and cost FLOPs, so energy, roughly in proportion."),
            Map.entry("model.width", "Width multiplier (Howard et al. 2017): scales every layer's channels; FLOPs and "
                    + "energy grow about with its square, accuracy saturates."),
            Map.entry("model.channels", "Channels of the first layer, which later layers multiply; more channels, "
                    + "more FLOPs and energy, usually more accuracy."),
            Map.entry("model.depth", "ResNet depth (6n+2, He et al. 2016): deeper nets can be more accurate and cost "
                    + "energy in proportion to their layers."),
            Map.entry("model.activation", "The non-linearity; ReLU is cheap and trains well, smoother ones cost a "
                    + "little more per FLOP."),
            Map.entry("model.init", "How weights start (Glorot & Bengio 2010, He et al. 2015, LSUV Mishkin & Matas "
                    + "2016): a good start reaches an accuracy in fewer epochs, so in less energy."),
            Map.entry("model.norm", "Batch (Ioffe & Szegedy 2015), group (Wu & He 2018) or layer normalisation: "
                    + "usually fewer epochs to an accuracy, at a small cost per step."),
            Map.entry("model.groups", "Groups of group normalisation; must divide every layer's channels (checked "
                    + "as you type); 32 in Wu & He 2018, fewer for narrow nets."),
            Map.entry("model.dropout", "Fraction of activations dropped while training (Srivastava et al. 2014): "
                    + "can raise validation accuracy, may need more epochs."),
            Map.entry("training.optimizer", "Adam (Kingma & Ba 2015) usually converges in fewer epochs than SGD, so "
                    + "in less energy; well-tuned SGD can end slightly more accurate."),
            Map.entry("training.learningRate", "Step size: too high diverges, too low wastes epochs (and energy) "
                    + "before reaching an accuracy."),
            Map.entry("training.epochs", "Passes over the data; energy grows linearly with them, accuracy "
                    + "saturates: stop when the curve flattens."),
            Map.entry("training.batchSize", "Samples per step; larger batches use the hardware better (less time "
                    + "and energy per sample) but may need a larger learning rate."),
            Map.entry("training.schedule", "How the learning rate changes (e.g. cosine, Loshchilov & Hutter 2017): "
                    + "often a better final accuracy for the same epochs and energy."),
            Map.entry("training.momentum", "SGD momentum: smooths steps and usually reaches an accuracy in fewer "
                    + "epochs."),
            Map.entry("training.weightDecay", "L2 penalty on weights: can raise validation accuracy; no effect on "
                    + "energy per epoch."),
            Map.entry("training.targetAccuracy", "Stops as soon as validation accuracy reaches this: saves the "
                    + "energy of the remaining epochs (time-to-accuracy, as in DAWNBench)."),
            Map.entry("training.earlyStopping.patience", "Stops after this many epochs without improvement: saves "
                    + "energy once learning has stalled (Prechelt 1998)."),
            Map.entry("training.earlyStopping.minDelta", "The least change that counts as an improvement for early "
                    + "stopping."),
            Map.entry("training.earlyStopping.monitor", "Which figure early stopping watches (validation loss or "
                    + "accuracy)."),
            Map.entry("energy.region", "Grid region for the carbon intensity (gCO2e per kWh); changes emissions, "
                    + "not joules or accuracy (Lacoste et al. 2019)."),
            Map.entry("energy.pue", "Power usage effectiveness of the data centre (1.0 for a desktop): multiplies "
                    + "the energy drawn from the grid (Patterson et al. 2021)."),
            Map.entry("energy.pricePerKwh", "Electricity price, to show the run's cost; no effect on accuracy or "
                    + "energy."),
            Map.entry("dataset.classes", "Keep only these classes, renumbered 0..n-1 in this order: pre-train on "
                    + "one half of a dataset, transfer to the other."),
            Map.entry("activeLearning.strategy", "Which unlabelled samples to label next: random, the least "
                    + "confident, the smallest top-2 margin, the highest entropy, or coreset (farthest embeddings)."),
            Map.entry("activeLearning.initial", "Labelled seed set, spread evenly over the classes, that the first "
                    + "round trains on."),
            Map.entry("activeLearning.perRound", "Labels revealed after each round by the query strategy."),
            Map.entry("activeLearning.rounds", "Training rounds; each but the last ends by scoring the pool "
                    + "(phase query, metered)."),
            Map.entry("activeLearning.epochsPerRound", "Epochs of training in each round."),
            Map.entry("activeLearning.retrain", "continue: each round starts from the last round's weights; "
                    + "from-scratch: from the same initialisation."),
            Map.entry("activeLearning.poolLimit", "Score only a random subset of this many unlabelled samples per "
                    + "round: faster queries, especially for coreset."),
            Map.entry("transfer.from", "The stored run whose trained network this run starts from (same input "
                    + "shape); its classifier is replaced."),
            Map.entry("transfer.mode", "linear-probe trains only the new classifier; fine-tune-last also the layer "
                    + "before it; fine-tune-all everything."),
            Map.entry("transfer.shots", "Keep only this many labelled training samples per class (few-shot)."));

    /** The tooltip sentence of the field at {@code path}, or null for a field without one. */
    public static String of(String path) {
        return TIPS.get(path);
    }
}
