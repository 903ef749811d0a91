package dev.verdant.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.util.List;
import java.util.Objects;

/**
 * One step of a run's compression pipeline, applied in list order after training: one record per
 * {@link StepKind}, selected by the step's {@code type} (and, for {@code prune}, its {@code method}). A field that
 * belongs to another kind is an error naming it (see {@link StepDeserializer}). Fields left out take the defaults
 * of their kind, applied when the record is made, so a step read from YAML is always complete:
 *
 * <ul>
 *   <li>{@link MagnitudePrune} ({@code prune}, {@code method: magnitude}, Han et al. 2015): {@code scope: layer}
 *       ({@code global} ranks all weights together), {@code sparsity: 0.5} in [0, 1), {@code schedule: oneshot}
 *       ({@code gradual}: the cubic schedule of Zhu &amp; Gupta 2017 over {@code steps} pruning events spread over
 *       the fine-tuning), {@code steps: 1} (5 when gradual), {@code fineTuneEpochs: 1} (masks re-applied after
 *       every update)</li>
 *   <li>{@link StructuredPrune} ({@code prune}, {@code method: l1-structured}, Li et al. 2017): {@code ratio: 0.5}
 *       of the filters or neurons of every hidden layer removed by smallest L1 norm, layers rebuilt smaller;
 *       {@code fineTuneEpochs: 1}</li>
 *   <li>{@link LowRank} ({@code lowrank}): truncated SVD of every hidden linear layer and convolution into two;
 *       either {@code rank} or {@code energy} (fraction of the squared singular values kept; default
 *       {@code energy: 0.9} when neither is given); {@code fineTuneEpochs: 0}</li>
 *   <li>{@link Quantize} ({@code quantize}): post-training symmetric quantisation, {@code bits: 8} (or 4),
 *       {@code granularity: per-channel} (or {@code per-tensor}), {@code calibrationBatches: 10} for the
 *       activation ranges</li>
 *   <li>{@link Distill} ({@code distill}, Hinton et al. 2015): {@code teacher: self} (the pipeline's model so far)
 *       or a stored run id, {@code student} (a model section; defaults as in {@code model}),
 *       {@code temperature: 4}, {@code alpha: 0.7}, {@code epochs: 5}</li>
 * </ul>
 *
 * Each record writes {@code type} (and {@code method}) first and then its fields in the order of the single record
 * this family replaced, so the YAML and result JSON are unchanged.
 */
@JsonDeserialize(using = StepDeserializer.class)
public sealed interface CompressionStepSpec {

    /** The {@code type} strings, as {@link StepKind#TYPES}. */
    List<String> TYPES = StepKind.TYPES;
    /** The quantisation widths a {@code quantize} step may ask for. */
    List<Integer> BITS = List.of(4, 8);

    /** Which kind of step this is. */
    StepKind kind();

    /** The step's {@code type} string, as written in the spec. */
    default String type() {
        return kind().type();
    }

    /** A short label for results and the window, e.g. {@code prune magnitude 0.9 global}. */
    String label();

    /**
     * Unstructured magnitude pruning.
     *
     * @param scope          {@code layer} or {@code global}
     * @param sparsity       fraction of weights set to zero, in [0, 1)
     * @param schedule       {@code oneshot} or {@code gradual}
     * @param steps          pruning events of the gradual schedule (1 for one-shot)
     * @param fineTuneEpochs epochs of fine-tuning after (or, gradual, during) the step
     */
    @JsonDeserialize(using = JsonDeserializer.None.class)
    @JsonPropertyOrder({"type", "method", "scope", "sparsity", "schedule", "steps", "fineTuneEpochs"})
    record MagnitudePrune(PruneScope scope, double sparsity, PruneSchedule schedule, int steps, int fineTuneEpochs)
            implements CompressionStepSpec {

        public MagnitudePrune {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(schedule, "schedule");
        }

        /** Reads a step, filling the fields left out with their defaults. */
        @JsonCreator
        static MagnitudePrune read(@JsonProperty("scope") PruneScope scope, @JsonProperty("sparsity") Double sparsity,
                                   @JsonProperty("schedule") PruneSchedule schedule,
                                   @JsonProperty("steps") Integer steps,
                                   @JsonProperty("fineTuneEpochs") Integer fineTuneEpochs) {
            PruneSchedule s = Objects.requireNonNullElse(schedule, PruneSchedule.ONESHOT);
            return new MagnitudePrune(Objects.requireNonNullElse(scope, PruneScope.LAYER),
                    Objects.requireNonNullElse(sparsity, 0.5), s,
                    Objects.requireNonNullElse(steps, s == PruneSchedule.GRADUAL ? 5 : 1),
                    Objects.requireNonNullElse(fineTuneEpochs, 1));
        }

        @Override
        public StepKind kind() {
            return StepKind.MAGNITUDE_PRUNE;
        }

        @JsonProperty("type")
        @Override
        public String type() {
            return kind().type();
        }

        /** Always {@code magnitude}. */
        @JsonProperty("method")
        public String method() {
            return kind().method();
        }

        @Override
        public String label() {
            return "prune magnitude " + sparsity + " " + scope + (schedule == PruneSchedule.GRADUAL ? " gradual" : "");
        }
    }

    /**
     * L1-norm structured pruning of every hidden layer's units.
     *
     * @param fineTuneEpochs epochs of fine-tuning after the step
     * @param ratio          fraction of units removed per layer, in [0, 1)
     */
    @JsonDeserialize(using = JsonDeserializer.None.class)
    @JsonPropertyOrder({"type", "method", "fineTuneEpochs", "ratio"})
    record StructuredPrune(int fineTuneEpochs, double ratio) implements CompressionStepSpec {

        /** Reads a step, filling the fields left out with their defaults. */
        @JsonCreator
        static StructuredPrune read(@JsonProperty("fineTuneEpochs") Integer fineTuneEpochs,
                                    @JsonProperty("ratio") Double ratio) {
            return new StructuredPrune(Objects.requireNonNullElse(fineTuneEpochs, 1),
                    Objects.requireNonNullElse(ratio, 0.5));
        }

        @Override
        public StepKind kind() {
            return StepKind.STRUCTURED_PRUNE;
        }

        @JsonProperty("type")
        @Override
        public String type() {
            return kind().type();
        }

        /** Always {@code l1-structured}. */
        @JsonProperty("method")
        public String method() {
            return kind().method();
        }

        @Override
        public String label() {
            return "prune l1-structured " + ratio;
        }
    }

    /**
     * Low-rank factorisation by truncated SVD; exactly one of {@code rank} and {@code energy} is normally set
     * (the validator names a step that gives both).
     *
     * @param fineTuneEpochs epochs of fine-tuning after the step
     * @param rank           the rank of every factorised layer, or null
     * @param energy         fraction of singular-value energy to keep, in (0, 1], or null
     */
    @JsonDeserialize(using = JsonDeserializer.None.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "fineTuneEpochs", "rank", "energy"})
    record LowRank(int fineTuneEpochs, Integer rank, Double energy) implements CompressionStepSpec {

        /** Reads a step, filling the fields left out with their defaults ({@code energy: 0.9} without either). */
        @JsonCreator
        static LowRank read(@JsonProperty("fineTuneEpochs") Integer fineTuneEpochs,
                            @JsonProperty("rank") Integer rank, @JsonProperty("energy") Double energy) {
            return new LowRank(Objects.requireNonNullElse(fineTuneEpochs, 0), rank,
                    rank == null && energy == null ? Double.valueOf(0.9) : energy);
        }

        @Override
        public StepKind kind() {
            return StepKind.LOW_RANK;
        }

        @JsonProperty("type")
        @Override
        public String type() {
            return kind().type();
        }

        @Override
        public String label() {
            return rank != null ? "lowrank rank " + rank : "lowrank energy " + energy;
        }
    }

    /**
     * Post-training quantisation.
     *
     * @param bits               8 or 4
     * @param granularity        {@code per-tensor} or {@code per-channel}
     * @param calibrationBatches batches used to calibrate the activation ranges
     */
    @JsonDeserialize(using = JsonDeserializer.None.class)
    @JsonPropertyOrder({"type", "bits", "granularity", "calibrationBatches"})
    record Quantize(int bits, Granularity granularity, int calibrationBatches) implements CompressionStepSpec {

        public Quantize {
            Objects.requireNonNull(granularity, "granularity");
        }

        /** Reads a step, filling the fields left out with their defaults. */
        @JsonCreator
        static Quantize read(@JsonProperty("bits") Integer bits, @JsonProperty("granularity") Granularity granularity,
                             @JsonProperty("calibrationBatches") Integer calibrationBatches) {
            return new Quantize(Objects.requireNonNullElse(bits, 8),
                    Objects.requireNonNullElse(granularity, Granularity.PER_CHANNEL),
                    Objects.requireNonNullElse(calibrationBatches, 10));
        }

        @Override
        public StepKind kind() {
            return StepKind.QUANTIZE;
        }

        @JsonProperty("type")
        @Override
        public String type() {
            return kind().type();
        }

        @Override
        public String label() {
            return "quantize int" + bits + " " + granularity;
        }
    }

    /**
     * Knowledge distillation into {@code student}.
     *
     * @param teacher     {@code self} or a stored run id
     * @param student     the student architecture
     * @param temperature softmax temperature T
     * @param alpha       weight of the soft (teacher) term; 1 - alpha weighs the hard labels
     * @param epochs      student training epochs
     */
    @JsonDeserialize(using = JsonDeserializer.None.class)
    @JsonPropertyOrder({"type", "teacher", "student", "temperature", "alpha", "epochs"})
    record Distill(String teacher, ModelSpec student, double temperature, double alpha, int epochs)
            implements CompressionStepSpec {

        public Distill {
            Objects.requireNonNull(teacher, "teacher");
            Objects.requireNonNull(student, "student");
        }

        /** Reads a step, filling the fields left out with their defaults. */
        @JsonCreator
        static Distill read(@JsonProperty("teacher") String teacher, @JsonProperty("student") ModelSpec student,
                            @JsonProperty("temperature") Double temperature, @JsonProperty("alpha") Double alpha,
                            @JsonProperty("epochs") Integer epochs) {
            return new Distill(Objects.requireNonNullElse(teacher, "self"),
                    Objects.requireNonNullElseGet(student, ModelSpec::defaults),
                    Objects.requireNonNullElse(temperature, 4.0), Objects.requireNonNullElse(alpha, 0.7),
                    Objects.requireNonNullElse(epochs, 5));
        }

        @Override
        public StepKind kind() {
            return StepKind.DISTILL;
        }

        @JsonProperty("type")
        @Override
        public String type() {
            return kind().type();
        }

        @Override
        public String label() {
            return "distill " + student.arch() + " " + student.hidden() + " from " + teacher;
        }
    }

    /** Magnitude pruning to {@code sparsity}; scope and schedule by their spec labels. */
    static MagnitudePrune magnitude(String scope, double sparsity, String schedule, int steps, int fineTuneEpochs) {
        return new MagnitudePrune(PruneScope.of(scope), sparsity, PruneSchedule.of(schedule), steps, fineTuneEpochs);
    }

    /** L1-norm structured pruning of {@code ratio} of every hidden layer's units. */
    static StructuredPrune structured(double ratio, int fineTuneEpochs) {
        return new StructuredPrune(fineTuneEpochs, ratio);
    }

    /** Low-rank factorisation at a fixed {@code rank} (or, if null, keeping {@code energy}). */
    static LowRank lowRank(Integer rank, Double energy, int fineTuneEpochs) {
        return new LowRank(fineTuneEpochs, rank, energy);
    }

    /** Post-training quantisation; granularity by its spec label. */
    static Quantize quantize(int bits, String granularity, int calibrationBatches) {
        return new Quantize(bits, Granularity.of(granularity), calibrationBatches);
    }

    /** Knowledge distillation into {@code student}. */
    static Distill distill(String teacher, ModelSpec student, double temperature, double alpha, int epochs) {
        return new Distill(teacher, student, temperature, alpha, epochs);
    }
}
