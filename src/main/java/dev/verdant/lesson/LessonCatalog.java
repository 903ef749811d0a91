package dev.verdant.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecCodec;
import dev.verdant.spec.SpecException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lessons shipped in {@code assets/lessons} (copied into the jar by the build): {@code lessons.txt} lists their
 * ids in teaching order; each folder holds {@code lesson.yaml} (question, choices, check, explanation, the spec
 * files to run), {@code lesson.md} (the idea) and the specs. Read from the class path, so the same code works from
 * the jar and from the build folder.
 */
public final class LessonCatalog {

    private static final String ROOT = "assets/lessons/";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private LessonCatalog() {
    }

    /** The lesson ids in teaching order. */
    public static List<String> ids() {
        String index = text(ROOT + "lessons.txt");
        return index.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** Every lesson, in teaching order. */
    public static List<Lesson> all() {
        return ids().stream().map(LessonCatalog::load).toList();
    }

    /** The lesson {@code id}, if there is one. */
    public static Optional<Lesson> find(String id) {
        return ids().contains(id) ? Optional.of(load(id)) : Optional.empty();
    }

    /** Loads lesson {@code id}; a broken lesson folder is a packaging bug and says which file is wrong. */
    public static Lesson load(String id) {
        String dir = ROOT + id + "/";
        JsonNode y;
        try {
            y = YAML.readTree(text(dir + "lesson.yaml"));
        } catch (IOException e) {
            throw new IllegalStateException(dir + "lesson.yaml is not valid YAML: " + e.getMessage(), e);
        }
        List<String> choices = new ArrayList<>();
        y.path("choices").forEach(c -> choices.add(c.asText()));
        List<ExperimentSpec> specs = new ArrayList<>();
        for (JsonNode file : y.path("runs")) {
            try {
                specs.add(SpecCodec.parse(text(dir + file.asText())));
            } catch (SpecException e) {
                throw new IllegalStateException(dir + file.asText() + ": " + e.getMessage(), e);
            }
        }
        JsonNode q = y.path("quick");
        QuickMode quick = new QuickMode(q.path("epochs").asInt(QuickMode.DEFAULT.epochs()),
                q.path("limit").asInt(QuickMode.DEFAULT.limit()), q.path("dataScale").asDouble(
                QuickMode.DEFAULT.dataScale()));
        return new Lesson(id, y.path("title").asText(id), y.path("chapter").asText(""), y.path("paper").asText(""),
                text(dir + "lesson.md"), new Question(y.path("question").asText(), choices), specs, check(y.path("check"),
                dir), y.path("explanation").asText(""), quick,
                y.hasNonNull("upgrade") ? y.path("upgrade").asText() : null);
    }

    private static OutcomeCheck check(JsonNode c, String dir) {
        String kind = c.path("kind").asText("");
        return switch (kind) {
            case "best" -> new OutcomeCheck.Best(OutcomeCheck.Metric.parse(c.path("metric").asText("accuracy")),
                    c.path("noneChoice").asBoolean(false));
            case "late-gain" -> new OutcomeCheck.LateGain(c.path("chance").asDouble(0.1), c.path("low").asDouble(0.67),
                    c.path("high").asDouble(1.5));
            case "halving" -> new OutcomeCheck.Halving(c.path("rungEpochs").asInt(1), c.path("keep").asInt(2),
                    c.path("tolerance").asDouble(0.02));
            case "compression-drop" -> new OutcomeCheck.CompressionDrop(c.path("low").asDouble(1),
                    c.path("high").asDouble(5));
            case "data-fraction" -> new OutcomeCheck.DataFraction(c.path("low").asDouble(0.7),
                    c.path("high").asDouble(0.95));
            default -> throw new IllegalStateException(dir + "lesson.yaml: unknown check kind '" + kind
                    + "' (best, late-gain, halving, compression-drop, data-fraction)");
        };
    }

    private static String text(String resource) {
        try (InputStream in = LessonCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing lesson file " + resource + " (is the build's asset copy "
                        + "up to date?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }
}
