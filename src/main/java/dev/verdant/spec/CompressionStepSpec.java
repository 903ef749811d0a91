package dev.verdant.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a run's compression pipeline, applied in list order after training. Which fields a step takes
 * depends on its {@code type} (and, for {@code prune}, its {@code method}); a field that belongs to another
 * type is an error naming it. Fields left out take the defaults of their type:
 *
 * <ul>
 *   <li>{@code prune}, {@code method: magnitude} (Han et al. 2015): {@code scope: layer} ({@code global} ranks
 *       all weights together), {@code sparsity: 0.5} in [0, 1), {@code schedule: oneshot} ({@code gradual}:
 *       the cubic schedule of Zhu &amp; Gupta 2017 over {@code steps} pruning events spread over the fine-tuning),
 *       {@code steps: 1} (5 when gradual), {@code fineTuneEpochs: 1} (masks re-applied after every update)</li>
 *   <li>{@code prune}, {@code method: l1-structured} (Li et al. 2017): {@code ratio: 0.5} of the filters or
 *       neurons of every hidden layer removed by smallest L1 norm, layers rebuilt smaller; {@code fineTuneEpochs: 1}</li>
 *   <li>{@code lowrank}: truncated SVD of every hidden linear layer and convolution into two; either {@code rank}
 *       or {@code energy} (fraction of the squared singular values kept; default {@code energy: 0.9} when neither
 *       is given); {@code fineTuneEpochs: 0}</li>
 *   <li>{@code quantize}: post-training symmetric quantisation, {@code bits: 8} (or 4),
 *       {@code granularity: per-channel} (or {@code per-tensor}), {@code calibrationBatches: 10} for the
 *       activation ranges</li>
 *   <li>{@code distill} (Hinton et al. 2015): {@code teacher: self} (the pipeline's model so far) or a stored run
 *       id, {@code student} (a model section; defaults as in {@code model}), {@code temperature: 4},
 *       {@code alpha: 0.7}, {@code epochs: 5}</li>
 * </ul>
 *
 * @param type               {@code prune}, {@code lowrank}, {@code quantize} or {@code distill}
 * @param method             prune: {@code magnitude} or {@code l1-structured}
 * @param scope              magnitude prune: {@code layer} or {@code global}
 * @param sparsity           magnitude prune: fraction of weights set to zero
 * @param schedule           magnitude prune: {@code oneshot} or {@code gradual}
 * @param steps              magnitude prune: pruning events of the gradual schedule
 * @param fineTuneEpochs     prune, lowrank: epochs of fine-tuning after (or, gradual, during) the step
 * @param ratio              structured prune: fraction of units removed per layer
 * @param rank               lowrank: the rank of every factorised layer
 * @param energy             lowrank: fraction of singular-value energy to keep, in (0, 1]
 * @param bits               quantize: 8 or 4
 * @param granularity        quantize: {@code per-tensor} or {@code per-channel}
 * @param calibrationBatches quantize: batches used to calibrate the activation ranges
 * @param teacher            distill: {@code self} or a stored run id
 * @param student            distill: the student architecture
 * @param temperature        distill: softmax temperature T
 * @param alpha              distill: weight of the soft (teacher) term; 1 - alpha weighs the hard labels
 * @param epochs             distill: student training epochs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompressionStepSpec(String type, String method, String scope, Double sparsity, String schedule,
                                  Integer steps, Integer fineTuneEpochs, Double ratio, Integer rank, Double energy,
                                  Integer bits, String granularity, Integer calibrationBatches, String teacher,
                                  ModelSpec student, Double temperature, Double alpha, Integer epochs) {

    public static final List<String> TYPES = List.of("prune", "lowrank", "quantize", "distill");
    public static final List<String> PRUNE_METHODS = List.of("magnitude", "l1-structured");
    public static final List<String> SCOPES = List.of("layer", "global");
    public static final List<String> SCHEDULES = List.of("oneshot", "gradual");
    public static final List<String> GRANULARITIES = List.of("per-tensor", "per-channel");
    public static final List<Integer> BITS = List.of(4, 8);

    /** Fills the defaults of the step's type; fields of other types are left as given (the validator names them). */
    public CompressionStepSpec {
        if ("prune".equals(type)) {
            method = Objects.requireNonNullElse(method, "magnitude");
            fineTuneEpochs = Objects.requireNonNullElse(fineTuneEpochs, 1);
            if ("magnitude".equals(method)) {
                scope = Objects.requireNonNullElse(scope, "layer");
                sparsity = Objects.requireNonNullElse(sparsity, 0.5);
                schedule = Objects.requireNonNullElse(schedule, "oneshot");
                steps = Objects.requireNonNullElse(steps, "gradual".equals(schedule) ? 5 : 1);
            } else if ("l1-structured".equals(method)) {
                ratio = Objects.requireNonNullElse(ratio, 0.5);
            }
        } else if ("lowrank".equals(type)) {
            if (rank == null && energy == null) {
                energy = 0.9;
            }
            fineTuneEpochs = Objects.requireNonNullElse(fineTuneEpochs, 0);
        } else if ("quantize".equals(type)) {
            bits = Objects.requireNonNullElse(bits, 8);
            granularity = Objects.requireNonNullElse(granularity, "per-channel");
            calibrationBatches = Objects.requireNonNullElse(calibrationBatches, 10);
        } else if ("distill".equals(type)) {
            teacher = Objects.requireNonNullElse(teacher, "self");
            student = Objects.requireNonNullElseGet(student, ModelSpec::defaults);
            temperature = Objects.requireNonNullElse(temperature, 4.0);
            alpha = Objects.requireNonNullElse(alpha, 0.7);
            epochs = Objects.requireNonNullElse(epochs, 5);
        }
    }

    /** A step of {@code type} with every field at its default. */
    public static CompressionStepSpec of(String type) {
        return new CompressionStepSpec(type, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    /** Magnitude pruning to {@code sparsity}, {@code layer} or {@code global}, one-shot, with fine-tuning. */
    public static CompressionStepSpec magnitude(String scope, double sparsity, String schedule, int steps,
                                                int fineTuneEpochs) {
        return new CompressionStepSpec("prune", "magnitude", scope, sparsity, schedule, steps, fineTuneEpochs,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    /** L1-norm structured pruning of {@code ratio} of every hidden layer's units. */
    public static CompressionStepSpec structured(double ratio, int fineTuneEpochs) {
        return new CompressionStepSpec("prune", "l1-structured", null, null, null, null, fineTuneEpochs, ratio,
                null, null, null, null, null, null, null, null, null, null);
    }

    /** Low-rank factorisation at a fixed {@code rank} (or, if null, keeping {@code energy}). */
    public static CompressionStepSpec lowRank(Integer rank, Double energy, int fineTuneEpochs) {
        return new CompressionStepSpec("lowrank", null, null, null, null, null, fineTuneEpochs, null, rank, energy,
                null, null, null, null, null, null, null, null);
    }

    /** Post-training quantisation. */
    public static CompressionStepSpec quantize(int bits, String granularity, int calibrationBatches) {
        return new CompressionStepSpec("quantize", null, null, null, null, null, null, null, null, null, bits,
                granularity, calibrationBatches, null, null, null, null, null);
    }

    /** Knowledge distillation into {@code student}. */
    public static CompressionStepSpec distill(String teacher, ModelSpec student, double temperature, double alpha,
                                              int epochs) {
        return new CompressionStepSpec("distill", null, null, null, null, null, null, null, null, null, null, null,
                null, teacher, student, temperature, alpha, epochs);
    }

    /** A short label for results and the window, e.g. {@code prune magnitude 0.9 global}. */
    public String label() {
        return switch (Objects.requireNonNullElse(type, "?")) {
            case "prune" -> "magnitude".equals(method)
                    ? "prune magnitude " + sparsity + " " + scope + ("gradual".equals(schedule) ? " gradual" : "")
                    : "prune " + method + " " + ratio;
            case "lowrank" -> rank != null ? "lowrank rank " + rank : "lowrank energy " + energy;
            case "quantize" -> "quantize int" + bits + " " + granularity;
            case "distill" -> "distill " + student.arch() + " " + student.hidden() + " from " + teacher;
            default -> String.valueOf(type);
        };
    }

    /** The fields that are set, by name, in declaration order (used to name fields foreign to the type). */
    Map<String, Object> setFields() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "method", method);
        put(m, "scope", scope);
        put(m, "sparsity", sparsity);
        put(m, "schedule", schedule);
        put(m, "steps", steps);
        put(m, "fineTuneEpochs", fineTuneEpochs);
        put(m, "ratio", ratio);
        put(m, "rank", rank);
        put(m, "energy", energy);
        put(m, "bits", bits);
        put(m, "granularity", granularity);
        put(m, "calibrationBatches", calibrationBatches);
        put(m, "teacher", teacher);
        put(m, "student", student);
        put(m, "temperature", temperature);
        put(m, "alpha", alpha);
        put(m, "epochs", epochs);
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
