package dev.verdant.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every preset is a valid spec; every comparison folder holds specs that differ in exactly one knob. */
class PresetsTest {

    private static final Path PRESETS = Path.of("assets/presets");
    private static final ObjectMapper JSON = Mappers.json();

    @Test
    void everyPresetParses() throws IOException {
        try (Stream<Path> files = Files.walk(PRESETS)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).toList();
            assertTrue(yaml.size() >= 10, "presets found: " + yaml);
            yaml.forEach(SpecCodec::read);
        }
    }

    @Test
    void comparisonsDifferInOneKnob() throws IOException {
        try (Stream<Path> dirs = Files.list(PRESETS)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                List<JsonNode> specs = new ArrayList<>();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                        ObjectNode node = (ObjectNode) JSON.readTree(SpecCodec.toJson(SpecCodec.read(f)));
                        node.remove("name");
                        specs.add(node);
                    }
                }
                assertTrue(specs.size() >= 2, dir + " compares at least two specs");
                for (int i = 1; i < specs.size(); i++) {
                    List<String> diff = new ArrayList<>();
                    differences("", specs.get(0), specs.get(i), diff);
                    assertEquals(1, diff.size(), dir + ": " + diff);
                }
            }
        }
    }

    private static void differences(String at, JsonNode a, JsonNode b, List<String> out) {
        if (a.isObject() && b.isObject()) {
            a.fieldNames().forEachRemaining(f -> differences(at + "." + f, a.get(f), b.get(f), out));
        } else if (!a.equals(b)) {
            out.add(at);
        }
    }
}
