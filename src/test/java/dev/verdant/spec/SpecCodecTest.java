package dev.verdant.spec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecCodecTest {

    @Test
    void shortYamlTakesDocumentedDefaults() {
        ExperimentSpec s = SpecCodec.parse("name: quickstart\n");
        assertEquals(42L, s.seed());
        assertEquals("digits", s.dataset().name());
        assertEquals(0.2, s.dataset().validationSplit());
        assertEquals(List.of(128, 64), s.model().hidden());
        assertEquals("kaiming", s.model().init());
        assertEquals(10, s.training().epochs());
        assertEquals(64, s.training().batchSize());
        assertEquals("adam", s.training().optimizer());
        assertEquals(0.001, s.training().learningRate());
        assertEquals("auto", s.device());
        assertEquals("WORLD", s.energy().region());
    }

    @Test
    void roundTripsYamlToRecordsToYamlWithoutChange() {
        ExperimentSpec original = ExperimentSpec.defaults()
                .withModel(ModelSpec.defaults().withArch("resnet").withDepth(14).withNorm("batch"));
        String yaml = SpecCodec.toYaml(original);
        ExperimentSpec back = SpecCodec.parse(yaml);
        assertEquals(original, back);
        assertEquals(yaml, SpecCodec.toYaml(back));
    }

    @Test
    void jsonIsAccepted() {
        ExperimentSpec s = SpecCodec.parse("{\"name\": \"j\", \"model\": {\"arch\": \"lenet5\"}}");
        assertEquals(Architecture.LENET5, s.model().arch());
        assertEquals(s, SpecCodec.parse(SpecCodec.toJson(s)));
    }

    @Test
    void badEnumValueNamesFieldValueAndAllowedValues() {
        SpecException e = assertThrows(SpecException.class, () -> SpecCodec.parse("model: { arch: mlpx }"));
        assertEquals("model.arch: 'mlpx' is not one of mlp, lenet5, dscnn, resnet, squeezenet, mobilenetv2, "
                + "shufflenet, ghostnet, vit-tiny", e.getMessage());
    }

    @Test
    void unknownKeyIsAnErrorNamingIt() {
        SpecException e = assertThrows(SpecException.class,
                () -> SpecCodec.parse("training:\n  epochz: 3\n"));
        assertEquals("training.epochz", e.problems().get(0).field());
        assertTrue(e.getMessage().contains("unknown field 'epochz'"), e.getMessage());
        assertTrue(e.getMessage().contains("epochs"), "lists the known fields: " + e.getMessage());
    }

    @Test
    void outOfRangeNumbersAreErrors() {
        SpecException e = assertThrows(SpecException.class,
                () -> SpecCodec.parse("training: { learningRate: -1, epochs: 0 }\ndataset: { validationSplit: 1.5 }"));
        List<String> fields = e.problems().stream().map(SpecProblem::field).toList();
        assertTrue(fields.containsAll(List.of("training.learningRate", "training.epochs", "dataset.validationSplit")),
                fields.toString());
    }

    @Test
    void wrongTypeNamesTheField() {
        SpecException e = assertThrows(SpecException.class, () -> SpecCodec.parse("training: { epochs: many }"));
        assertEquals("training.epochs", e.problems().get(0).field());
        assertTrue(e.getMessage().contains("'many'"), e.getMessage());
    }

    @Test
    void onDiskDatasetNeedsAPath() {
        SpecException e = assertThrows(SpecException.class, () -> SpecCodec.parse("dataset: { name: mnist }"));
        assertEquals("dataset.path", e.problems().get(0).field());
    }

    @Test
    void malformedYamlSaysWhere() {
        SpecException e = assertThrows(SpecException.class, () -> SpecCodec.parse("name: \"unterminated\nseed: 1\n"));
        assertTrue(e.getMessage().contains("line"), e.getMessage());
    }

    @Test
    void resnetDepthMustBeSixNPlusTwo() {
        SpecException e = assertThrows(SpecException.class,
                () -> SpecCodec.parse("model: { arch: resnet, depth: 10 }"));
        assertTrue(e.getMessage().startsWith("model.depth: '10' must be 6n+2"), e.getMessage());
    }
}
