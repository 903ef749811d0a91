package dev.verdant.app.builder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdant.app.UiExecutor;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.Mappers;
import dev.verdant.spec.SpecCodec;
import dev.verdant.spec.SpecException;
import dev.verdant.spec.SpecProblem;
import dev.verdant.spec.SpecValidator;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The builder's state: one text property per {@link SpecField}, the ordered compression steps, and - recomputed on
 * every edit - the spec they make, whether it is valid and each field's problem message. Fields the form does not
 * show (and fields added to the spec later) are carried over from the last loaded spec unchanged.
 */
public final class BuilderViewModel {

    private static final ObjectMapper JSON = Mappers.json();
    private static final ObjectMapper YAML = Mappers.yaml();
    /** Spec paths of the two step lists the form edits. */
    public static final String COMPRESSION = "compression";
    public static final String PROGRESSIVE = "training.progressive";
    /** Sections that are off (null) unless one of their fields is filled in. */
    private static final List<String> OPTIONAL_SECTIONS = List.of("training.earlyStopping", "activeLearning",
            "transfer");

    private final UiExecutor executor;
    private final Map<String, StringProperty> values = new LinkedHashMap<>();
    private final ObservableList<PipelineStep> compression = FXCollections.observableArrayList();
    private final ObservableList<PipelineStep> progressive = FXCollections.observableArrayList();
    private final ObservableMap<String, String> problems = FXCollections.observableHashMap();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<ExperimentSpec> spec = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper problemSummary = new ReadOnlyStringWrapper("");
    private ObjectNode base;
    private boolean loading;
    /** The checks that need the data and the built network (run.DryRun in the window); none by default. */
    private java.util.function.Function<ExperimentSpec, List<SpecProblem>> dryRun = s -> List.of();
    private ExperimentSpec dryRunFor;
    private List<SpecProblem> dryRunFound = List.of();
    private long dryRunSeq;
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(false);

    public BuilderViewModel(UiExecutor executor) {
        this.executor = executor;
        for (SpecField f : SpecField.ALL) {
            StringProperty p = new SimpleStringProperty(this, f.path(), "");
            p.addListener((obs, was, now) -> recompute());
            values.put(f.path(), p);
        }
        compression.addListener((ListChangeListener<PipelineStep>) c -> recompute());
        progressive.addListener((ListChangeListener<PipelineStep>) c -> recompute());
        load(ExperimentSpec.defaults());
    }

    /**
     * Sets the checks that need the data's shape and the built network (group divisibility, resize resolutions, a
     * low-rank rank); they run in the background after each edit that leaves the spec otherwise valid, and their
     * problems are marked on the fields like the validator's.
     */
    public void setDryRun(java.util.function.Function<ExperimentSpec, List<SpecProblem>> check) {
        this.dryRun = check;
        dryRunFor = null;
        recompute();
    }

    /** True while a background dry-run of the current spec has not answered yet. */
    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    /**
     * What is wrong with {@code step} as one entry of the list at {@code listPath} ({@link #COMPRESSION} or
     * {@link #PROGRESSIVE}) of the spec the form describes: unknown settings, then the spec validator's ranges and
     * combinations, each as "setting: message". Empty when the step is fine; the typed step editor asks on each edit.
     */
    public List<String> stepProblems(String listPath, PipelineStep step) {
        List<String> out = new java.util.ArrayList<>(StepForms.unknownKeys(listPath, step));
        if (!out.isEmpty()) {
            return out;
        }
        ExperimentSpec current = spec.get();
        ObjectNode tree = current != null ? JSON.valueToTree(current) : base.deepCopy();
        ArrayNode one = JsonNodeFactory.instance.arrayNode();
        one.add(step.toJson());
        put(tree, listPath, one);
        List<SpecProblem> found;
        try {
            found = SpecValidator.problems(SpecCodec.fromTree(tree));
        } catch (SpecException e) {
            found = e.problems();
        } catch (RuntimeException e) {
            return List.of("this step cannot be read; check each setting");
        }
        String prefix = listPath + "[0]";
        for (SpecProblem p : found) {
            if (p.field().startsWith(prefix)) {
                String setting = p.field().substring(prefix.length()).replaceFirst("^\\.", "");
                out.add(setting.isEmpty() ? p.message() : setting + ": " + p.message());
            }
        }
        return out;
    }

    /** The text of the field at {@code path} (see {@link SpecField#ALL}). */
    public StringProperty value(String path) {
        StringProperty p = values.get(path);
        if (p == null) {
            throw new IllegalArgumentException("no builder field " + path);
        }
        return p;
    }

    /** Compression steps in pipeline order; edit, reorder and remove through this list. */
    public ObservableList<PipelineStep> compressionSteps() {
        return compression;
    }

    /** Progressive-training strategies in order (resize, stack, freeze, layerdrop). */
    public ObservableList<PipelineStep> progressiveSteps() {
        return progressive;
    }

    /** Field path to problem message; a key that is not a form field (e.g. {@code dataset.samples}) is shown in the summary. */
    public ObservableMap<String, String> problems() {
        return problems;
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** The spec the form describes, or null while a field cannot be read or the spec is invalid. */
    public ReadOnlyObjectProperty<ExperimentSpec> specProperty() {
        return spec.getReadOnlyProperty();
    }

    /** Every problem as one line each, for the message area under the form. */
    public ReadOnlyStringProperty problemSummaryProperty() {
        return problemSummary.getReadOnlyProperty();
    }

    /** Fills the form from {@code s}, e.g. a preset, a file or a stored run to clone. */
    public void load(ExperimentSpec s) {
        ObjectNode tree = JSON.valueToTree(s);
        loading = true;
        try {
            base = tree;
            for (SpecField f : SpecField.ALL) {
                values.get(f.path()).set(textOf(at(tree, f.path()), f));
            }
            compression.setAll(stepsOf(at(tree, COMPRESSION)));
            progressive.setAll(stepsOf(at(tree, PROGRESSIVE)));
        } finally {
            loading = false;
        }
        recompute();
    }

    /**
     * Fills the form from YAML or JSON text. Values that break the validator are loaded and marked on their fields;
     * text that is not a spec at all (syntax, unknown key, wrong type) throws a {@link SpecException}.
     */
    public void loadYaml(String text) {
        ExperimentSpec s;
        try {
            s = YAML.readValue(text, ExperimentSpec.class);
        } catch (JsonProcessingException | RuntimeException e) {
            SpecCodec.parse(text); // throws the codec's message, which names the field
            throw new SpecException("spec", "cannot be read: " + e.getMessage());
        }
        if (s == null) {
            throw new SpecException("spec", "is empty");
        }
        load(s);
    }

    /** The form as YAML (only meaningful while valid; invalid text fields are written as their last valid state). */
    public String toYaml() {
        ExperimentSpec s = spec.get();
        return s != null ? SpecCodec.toYaml(s) : null;
    }

    /** Reads a spec file off the FX thread and loads it; {@code onError} gets the codec's message. */
    public void open(Path file, Runnable onLoaded, Consumer<Throwable> onError) {
        executor.runInBackground(() -> Files.readString(file), text -> {
            try {
                loadYaml(text);
                onLoaded.run();
            } catch (SpecException e) {
                onError.accept(e);
            }
        }, onError);
    }

    /** Writes the valid spec as YAML off the FX thread. */
    public void save(Path file, Runnable onSaved, Consumer<Throwable> onError) {
        String yaml = toYaml();
        if (yaml == null) {
            onError.accept(new SpecException(currentProblems()));
            return;
        }
        executor.runInBackground(() -> Files.writeString(file, yaml), p -> onSaved.run(), onError);
    }

    private List<SpecProblem> currentProblems() {
        return problems.entrySet().stream().map(e -> new SpecProblem(e.getKey(), e.getValue())).toList();
    }

    private void recompute() {
        if (loading) {
            return;
        }
        Map<String, String> found = new LinkedHashMap<>();
        ObjectNode tree = base.deepCopy();
        for (SpecField f : SpecField.ALL) {
            String text = values.get(f.path()).get();
            try {
                put(tree, f.path(), parse(f, text == null ? "" : text.trim()));
            } catch (IllegalArgumentException e) {
                found.put(f.path(), e.getMessage());
            }
        }
        put(tree, COMPRESSION, stepsNode(compression));
        put(tree, PROGRESSIVE, stepsNode(progressive));
        for (String list : List.of(COMPRESSION, PROGRESSIVE)) {
            for (PipelineStep step : list.equals(COMPRESSION) ? compression : progressive) {
                for (String sentence : StepForms.unknownKeys(list, step)) {
                    found.merge(list, sentence, (a, b) -> a + "; " + b);
                }
            }
        }
        for (String section : OPTIONAL_SECTIONS) {
            JsonNode node = at(tree, section);
            boolean empty = node == null || !node.isObject() || java.util.stream.StreamSupport.stream(
                    node.spliterator(), false).allMatch(JsonNode::isNull);
            if (empty) {
                put(tree, section, JsonNodeFactory.instance.nullNode());
            }
        }
        ExperimentSpec candidate = null;
        if (found.isEmpty()) {
            try {
                candidate = SpecCodec.fromTree(tree);
                for (SpecProblem p : SpecValidator.problems(candidate)) {
                    found.merge(formPath(p.field()), p.message(), (a, b) -> a + "; " + b);
                }
            } catch (SpecException e) {
                // a value that cannot be read at all (a bad choice, a field of another step kind) is marked too
                for (SpecProblem p : e.problems()) {
                    found.merge(formPath(p.field()), p.message(), (a, b) -> a + "; " + b);
                }
            } catch (RuntimeException e) {
                found.put("spec", e.getMessage());
            }
        }
        boolean needsDryRun = false;
        if (found.isEmpty() && candidate != null) {
            if (candidate.equals(dryRunFor)) {
                for (SpecProblem p : dryRunFound) {
                    found.merge(formPath(p.field()), p.message(), (a, b) -> a + "; " + b);
                }
            } else {
                needsDryRun = true;
            }
        }
        problems.keySet().retainAll(found.keySet());
        problems.putAll(found);
        boolean ok = found.isEmpty();
        spec.set(ok ? candidate : null);
        valid.set(ok);
        problemSummary.set(found.entrySet().stream().map(e -> label(e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining("\n")));
        if (needsDryRun) {
            startDryRun(candidate); // last: a synchronous executor answers (and recomputes) at once
        }
    }

    private void startDryRun(ExperimentSpec candidate) {
        long seq = ++dryRunSeq;
        checking.set(true);
        java.util.function.Function<ExperimentSpec, List<SpecProblem>> check = dryRun;
        executor.runInBackground(() -> check.apply(candidate), found -> dryRunDone(seq, candidate, found),
                err -> dryRunDone(seq, candidate, List.of())); // a check that breaks leaves it to the run
    }

    private void dryRunDone(long seq, ExperimentSpec candidate, List<SpecProblem> found) {
        if (seq != dryRunSeq) {
            return; // the form changed since: a newer check is on its way
        }
        checking.set(false);
        dryRunFor = candidate;
        dryRunFound = List.copyOf(found);
        if (!dryRunFound.isEmpty() || !candidate.equals(spec.get())) {
            recompute();
        }
    }

    /** {@code model.hidden[1]} is shown on the {@code model.hidden} field, {@code compression[0].bits} on the list. */
    private static String formPath(String field) {
        int bracket = field.indexOf('[');
        return bracket > 0 ? field.substring(0, bracket) : field;
    }

    private static String label(String path) {
        if (path.equals(COMPRESSION)) {
            return "Compression steps";
        }
        if (path.equals(PROGRESSIVE)) {
            return "Progressive strategies";
        }
        return SpecField.ALL.stream().filter(f -> f.path().equals(path)).map(SpecField::label).findFirst()
                .orElse(path);
    }

    private static JsonNode parse(SpecField f, String text) {
        JsonNodeFactory n = JsonNodeFactory.instance;
        if (text.isEmpty()) {
            if (f.optional()) {
                return n.nullNode();
            }
            if (f.kind() == SpecField.Kind.TEXT || f.kind() == SpecField.Kind.CHOICE) {
                return n.textNode("");
            }
            throw new IllegalArgumentException("is required");
        }
        try {
            return switch (f.kind()) {
                case TEXT, CHOICE -> n.textNode(text);
                case INT -> n.numberNode(Integer.parseInt(text));
                case LONG -> n.numberNode(Long.parseLong(text));
                case DOUBLE -> n.numberNode(Double.parseDouble(text));
                case INT_LIST -> {
                    ArrayNode a = n.arrayNode();
                    for (String part : text.split("[,\\s]+")) {
                        if (!part.isEmpty()) {
                            a.add(Integer.parseInt(part));
                        }
                    }
                    yield a;
                }
            };
        } catch (NumberFormatException e) {
            String what = switch (f.kind()) {
                case INT, LONG -> "a whole number";
                case INT_LIST -> "a list of whole numbers such as 128, 64";
                default -> "a number";
            };
            throw new IllegalArgumentException("'" + text + "' is not " + what);
        }
    }

    private static JsonNode at(JsonNode tree, String path) {
        JsonNode node = tree;
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node;
    }

    private static void put(ObjectNode tree, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], value);
    }

    private static String textOf(JsonNode node, SpecField f) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isArray()) {
            StringBuilder b = new StringBuilder();
            node.forEach(e -> b.append(b.length() == 0 ? "" : ", ").append(e.asText()));
            return b.toString();
        }
        return node.asText();
    }

    private static ArrayNode stepsNode(List<PipelineStep> steps) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        steps.forEach(s -> a.add(s.toJson()));
        return a;
    }

    private static List<PipelineStep> stepsOf(JsonNode node) {
        if (node == null || !node.isArray()) {
            return List.of();
        }
        List<PipelineStep> steps = new java.util.ArrayList<>();
        node.forEach(step -> steps.add(PipelineStep.fromJson(step)));
        return steps;
    }
}
