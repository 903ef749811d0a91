package dev.verdant.app.builder;

import dev.verdant.spec.CompressionStepSpec;
import dev.verdant.spec.Granularity;
import dev.verdant.spec.ProgressiveSpec;
import dev.verdant.spec.PruneSchedule;
import dev.verdant.spec.PruneScope;
import dev.verdant.spec.StepKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the typed step editor shows for each kind of compression step and progressive strategy: the kind's
 * settings, each with its label, how it is typed (whole number, number, list of whole numbers, a choice), and a
 * one-line hint with its effect and default. The kinds and their fields come from the spec ({@link StepKind},
 * {@link ProgressiveSpec}); ranges are checked by the spec's own validator (see
 * {@link BuilderViewModel#stepProblems}).
 */
public final class StepForms {

    private StepForms() {
    }

    /**
     * One setting of a step.
     *
     * @param name    the spec's key, e.g. {@code sparsity}
     * @param label   what the form shows
     * @param kind    how its text is read
     * @param choices the allowed values of a choice
     * @param hint    the control's prompt and tooltip: effect, range, default
     */
    public record Param(String name, String label, SpecField.Kind kind, List<String> choices, String hint) {
    }

    private static final Map<String, Param> PARAMS = new LinkedHashMap<>();

    static {
        choice("scope", "Scope", PruneScope.labels(), "layer: the same sparsity in every layer; global: "
                + "smallest weights of the whole network (default layer)");
        number("sparsity", "Sparsity", "fraction of weights set to zero, 0 to below 1 (e.g. 0.5); more saves "
                + "more memory, costs accuracy (Han et al. 2015)");
        choice("schedule", "Schedule", PruneSchedule.labels(), "oneshot prunes once; gradual prunes in steps "
                + "while fine-tuning (Zhu & Gupta 2017), usually more accurate");
        whole("steps", "Steps", "pruning events of a gradual schedule (1 for one-shot)");
        whole("fineTuneEpochs", "Fine-tune epochs", "epochs of training after the step to win back accuracy; "
                + "each costs energy");
        number("ratio", "Ratio", "fraction of filters and neurons removed, 0 to below 1; a smaller, faster "
                + "network (Li et al. 2017)");
        whole("rank", "Rank", "kept rank of each factorised layer (give rank or energy, not both)");
        number("energy", "Energy kept", "fraction of squared singular values kept, above 0 up to 1 "
                + "(default 0.9 when no rank is given)");
        choice("bits", "Bits", CompressionStepSpec.BITS.stream().map(String::valueOf).toList(),
                "8 keeps accuracy almost unchanged; 4 halves the size again at a larger cost (Jacob et al. 2018)");
        choice("granularity", "Granularity", Granularity.labels(), "one scale per tensor, or per output "
                + "channel (more accurate)");
        whole("calibrationBatches", "Calibration batches", "training batches used to choose the activation "
                + "ranges");
        PARAMS.put("teacher", new Param("teacher", "Teacher", SpecField.Kind.TEXT, List.of(),
                "self (the model so far) or a stored run id such as 12 (Hinton et al. 2015)"));
        number("temperature", "Temperature", "softens the teacher's outputs, above 0 (e.g. 4)");
        number("alpha", "Alpha", "weight of the teacher's soft targets, 0 to 1 (e.g. 0.7)");
        whole("epochs", "Epochs", "epochs of training the student");
        // the distill student's main knobs, with the builder's choices (model section of the step)
        choice("student.arch", "Student architecture", dev.verdant.spec.ModelSpec.ARCHS, "the smaller network "
                + "trained on the teacher's soft targets (default: as in model)");
        list("student.hidden", "Student hidden layers", "mlp student: units per hidden layer, e.g. 64");
        number("student.width", "Student width", "conv student: width multiplier, e.g. 0.5 for half the channels");
        whole("student.channels", "Student base channels", "conv student: channels of the first layer");
        whole("student.depth", "Student depth", "resnet student: 6n+2 layers, e.g. 8");
        choice("student.activation", "Student activation", dev.verdant.spec.ModelSpec.ACTIVATIONS,
                "the student's activation (default: as in model)");
        choice("student.norm", "Student normalisation", dev.verdant.spec.ModelSpec.NORMS,
                "the student's normalisation (default: as in model)");
        list("resolutions", "Resolutions (px)", "image side per stage, ending at the data's own size, e.g. 14, 20, 28"
                + " (Howard et al. fast.ai; fewer FLOPs early)");
        list("depths", "Depths", "resnet depth per stage, growing to model.depth, e.g. 8, 14 (progressive "
                + "stacking, Gong et al. 2019)");
        list("frozen", "Frozen layers", "leading layers frozen per stage, non-decreasing, e.g. 0, 1, 2 "
                + "(FreezeOut, Brock et al. 2017)");
        number("rate", "Drop rate", "drop rate the deepest residual block approaches, 0 to below 1 "
                + "(progressive layer dropping, Zhang & He 2020)");
    }

    /** {@code epochs} of a progressive strategy (stage lengths) differs from distill's {@code epochs}. */
    private static final Param STAGE_EPOCHS = new Param("epochs", "Stage epochs", SpecField.Kind.INT_LIST,
            List.of(), "epochs of each stage but the last (which runs to the end), e.g. 2, 2");

    private static void number(String name, String label, String hint) {
        PARAMS.put(name, new Param(name, label, SpecField.Kind.DOUBLE, List.of(), hint));
    }

    private static void whole(String name, String label, String hint) {
        PARAMS.put(name, new Param(name, label, SpecField.Kind.INT, List.of(), hint));
    }

    private static void list(String name, String label, String hint) {
        PARAMS.put(name, new Param(name, label, SpecField.Kind.INT_LIST, List.of(), hint));
    }

    private static void choice(String name, String label, List<String> choices, String hint) {
        PARAMS.put(name, new Param(name, label, SpecField.Kind.CHOICE, List.copyOf(choices), hint));
    }

    /** The kinds a list offers: {@code prune magnitude}, {@code prune l1-structured}, ... or the progressive types. */
    public static List<String> kinds(String listPath) {
        if (BuilderViewModel.PROGRESSIVE.equals(listPath)) {
            return ProgressiveSpec.TYPES;
        }
        return Arrays.stream(StepKind.values()).map(StepKind::title).toList();
    }

    /** The kind title of {@code step} ({@code prune magnitude} for a prune without a method). */
    public static String kindOf(String listPath, PipelineStep step) {
        if (BuilderViewModel.PROGRESSIVE.equals(listPath)) {
            return step.type();
        }
        try {
            return StepKind.of(step.type(), step.parameters().get("method")).title();
        } catch (IllegalArgumentException e) {
            return step.type();
        }
    }

    /** The settings of kind {@code title} in {@code listPath}, in the spec's order; empty for an unknown kind. */
    public static List<Param> params(String listPath, String title) {
        List<String> names;
        if (BuilderViewModel.PROGRESSIVE.equals(listPath)) {
            names = switch (title) {
                case "resize" -> List.of("epochs", "resolutions");
                case "stack" -> List.of("epochs", "depths");
                case "freeze" -> List.of("epochs", "frozen");
                case "layerdrop" -> List.of("rate");
                default -> List.of();
            };
            return names.stream().map(n -> "epochs".equals(n) ? STAGE_EPOCHS : PARAMS.get(n)).toList();
        }
        StepKind kind = Arrays.stream(StepKind.values()).filter(k -> k.title().equals(title)).findFirst()
                .orElse(null);
        if (kind == null) {
            return List.of();
        }
        // method is chosen with the kind; the distill student's model section is edited as student.<field>
        List<Param> out = new ArrayList<>(kind.fields().stream().filter(PARAMS::containsKey).map(PARAMS::get)
                .toList());
        if (kind.fields().contains("student")) {
            PARAMS.values().stream().filter(p -> p.name().startsWith("student.")).forEach(out::add);
        }
        return out;
    }

    /** The {@code type} and extra fixed settings ({@code method} of a prune) of kind {@code title}. */
    static PipelineStep skeleton(String listPath, String title) {
        if (BuilderViewModel.PROGRESSIVE.equals(listPath)) {
            return new PipelineStep(title, Map.of());
        }
        StepKind kind = Arrays.stream(StepKind.values()).filter(k -> k.title().equals(title)).findFirst()
                .orElseThrow();
        return new PipelineStep(kind.type(), kind.method() == null ? Map.of() : Map.of("method", kind.method()));
    }

    /**
     * A sentence per setting of {@code step} that its kind does not have (a key typed or imported by mistake),
     * naming the kind's settings; empty when every key is known.
     */
    public static List<String> unknownKeys(String listPath, PipelineStep step) {
        String title = kindOf(listPath, step);
        if (!kinds(listPath).contains(title)) {
            return List.of("'" + step.type() + "' is not a kind of step here; choose one of "
                    + String.join(", ", kinds(listPath)));
        }
        List<String> known = new ArrayList<>(params(listPath, title).stream().map(Param::name).toList());
        if (!BuilderViewModel.PROGRESSIVE.equals(listPath)) {
            known.add("method");
            known.add("student");
        }
        List<String> out = new ArrayList<>();
        for (String key : step.parameters().keySet()) {
            if (!known.contains(key)) {
                out.add("'" + key + "' is not a setting of " + title + "; its settings are "
                        + String.join(", ", params(listPath, title).stream().map(Param::name).toList())
                        + ". Remove it, or choose the kind of step it belongs to.");
            }
        }
        return out;
    }
}
