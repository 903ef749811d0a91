package dev.verdant.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdant.result.ResultJson;
import dev.verdant.result.RunResult;
import dev.verdant.spec.CompressionStepSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.Mappers;
import dev.verdant.spec.SpecCodec;
import dev.verdant.spec.StepKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the contract: YAML spec field names and values, and result JSON field names, never change. The golden files
 * under {@code src/test/resources/golden/} were written by the code before the spec vocabulary became typed
 * (enums and one record per step kind), so these tests hold the typed code to exactly the old output.
 */
class ContractGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Path ASSETS = Path.of("assets");
    private static final ObjectMapper TREES = Mappers.yaml();

    @Test
    void everyAssetSpecParsesToItsGoldenJson() throws IOException {
        List<Path> specs = assetSpecs();
        assertTrue(specs.size() >= 10, "asset specs found: " + specs);
        for (Path file : specs) {
            Path golden = GOLDEN.resolve("assets").resolve(ASSETS.relativize(file).toString()
                    .replaceAll("\\.yaml$", ".json"));
            assertTrue(Files.exists(golden), "a golden file for " + file + " (add " + golden + " for a new asset)");
            ExperimentSpec spec = SpecCodec.read(file);
            assertEquals(Files.readString(golden).strip(), SpecCodec.toJson(spec).strip(), file.toString());
        }
    }

    @Test
    void everyAssetSpecKeepsWhatItSaysAndRoundTrips() throws IOException {
        for (Path file : assetSpecs()) {
            ExperimentSpec spec = SpecCodec.read(file);
            JsonNode written = TREES.readTree(Files.readString(file));
            JsonNode json = TREES.readTree(SpecCodec.toJson(spec));
            List<String> changed = new ArrayList<>();
            contains("", written, json, changed);
            assertEquals(List.of(), changed, file + ": every value the file gives is kept");
            roundTrips(spec);
        }
    }

    @Test
    void everyStepKindRoundTripsToTheGoldenYamlAndJson() throws IOException {
        ExperimentSpec spec = SpecCodec.read(GOLDEN.resolve("all-step-kinds.yaml"));
        Set<StepKind> kinds = spec.compression().stream().map(CompressionStepSpec::kind)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(StepKind.class)));
        assertEquals(EnumSet.allOf(StepKind.class), kinds, "the golden spec uses every step kind");
        assertEquals(Files.readString(GOLDEN.resolve("all-step-kinds.out.yaml")), SpecCodec.toYaml(spec));
        assertEquals(Files.readString(GOLDEN.resolve("all-step-kinds.out.json")).strip(), SpecCodec.toJson(spec));
        roundTrips(spec);
        // inside a result, the spec is written by the result mapper: the same tree
        assertEquals(List.of(), differences(TREES.readTree(SpecCodec.toJson(spec)),
                ResultJson.mapper().valueToTree(spec)));
        assertEquals(spec, ResultJson.mapper().treeToValue(ResultJson.mapper().valueToTree(spec),
                ExperimentSpec.class));
    }

    @Test
    void resultJsonFieldNamesMatchTheGolden() throws IOException {
        TreeSet<String> golden = FieldTree.paths(TREES.readTree(Files.readString(GOLDEN.resolve("result-fields.json"))));
        TreeSet<String> now = FieldTree.paths(FieldTree.of(ResultJson.mapper(), RunResult.class));
        TreeSet<String> removed = new TreeSet<>(golden);
        removed.removeAll(now);
        assertEquals(new TreeSet<>(), removed, "result JSON fields are a contract: never rename or remove one");
        assertTrue(golden.containsAll(List.of("final.accuracy", "spec.compression[].type",
                "spec.compression[].student.arch", "epochs[].valAccuracy", "compression[].step")), golden.toString());
        TreeSet<String> added = new TreeSet<>(now);
        added.removeAll(golden);
        assertEquals(new TreeSet<>(), added, "a new result field is fine: add it to " + GOLDEN.resolve(
                "result-fields.json") + " so it is pinned too");
    }

    @Test
    void theFieldTreeSeesRenamesAndEveryStepKind() {
        // the tree is read from the types, so check it sees what the serialiser writes
        JsonNode tree = FieldTree.of(ResultJson.mapper(), RunResult.class);
        assertTrue(tree.has("final") && !tree.has("finalMetrics"), tree.toString());
        JsonNode step = tree.at("/spec/compression/0");
        for (StepKind k : StepKind.values()) {
            for (String field : k.fields()) {
                assertTrue(step.has(field), k + " field " + field + " in " + step);
            }
        }
    }

    private static void roundTrips(ExperimentSpec spec) throws IOException {
        String yaml = SpecCodec.toYaml(spec);
        assertEquals(spec, SpecCodec.parse(yaml));
        assertEquals(yaml, SpecCodec.toYaml(SpecCodec.parse(yaml)));
        assertEquals(spec, SpecCodec.parse(SpecCodec.toJson(spec)));
        // one tree, up to YAML's unquoted scalars (a teacher run id '12' is written as 12 and read back as text)
        assertEquals(List.of(), differences(TREES.readTree(yaml), TREES.readTree(SpecCodec.toJson(spec))),
                "YAML and JSON carry one tree");
    }

    /** Paths where two trees differ, numbers compared by value and scalars by text. */
    private static List<String> differences(JsonNode a, JsonNode b) {
        List<String> out = new ArrayList<>();
        contains("", a, b, out);
        contains("", b, a, out);
        return out;
    }

    /** Adds to {@code out} every path where {@code written} gives a value that {@code read} does not hold. */
    private static void contains(String at, JsonNode written, JsonNode read, List<String> out) {
        if (written.isObject()) {
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) written::fields) {
                contains(at + "." + e.getKey(), e.getValue(), read.path(e.getKey()), out);
            }
        } else if (written.isArray()) {
            if (!read.isArray() || read.size() != written.size()) {
                out.add(at);
                return;
            }
            for (int i = 0; i < written.size(); i++) {
                contains(at + "[" + i + "]", written.get(i), read.get(i), out);
            }
        } else if (written.isNumber() && read.isNumber()) {
            if (written.decimalValue().compareTo(read.decimalValue()) != 0) {
                out.add(at);
            }
        } else if (!written.asText().equals(read.asText())) {
            out.add(at);
        }
    }

    private static List<Path> assetSpecs() throws IOException {
        try (Stream<Path> files = Files.walk(ASSETS)) {
            // a lesson's lesson.yaml describes the lesson (question, check), not an experiment: its specs sit beside it
            return files.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString()
                    .equals("lesson.yaml")).sorted().toList();
        }
    }
}
