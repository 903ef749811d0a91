package dev.verdant.spec;

import dev.verdant.result.ResultJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The typed step family reads today's YAML, applies each kind's defaults and refuses what does not belong. */
class CompressionStepSpecTest {

    private static List<CompressionStepSpec> steps(String yaml) {
        return SpecCodec.parse("compression:\n" + yaml).compression();
    }

    private static List<String> problems(String yaml) {
        SpecException e = assertThrows(SpecException.class, () -> SpecCodec.parse(yaml));
        return e.problems().stream().map(SpecProblem::toString).toList();
    }

    @Test
    void typeAndMethodSelectTheRecordWithItsDefaults() {
        List<CompressionStepSpec> s = steps("""
                  - { type: prune, schedule: gradual }
                  - { type: prune, method: l1-structured }
                  - { type: lowrank, rank: 4 }
                  - { type: quantize, granularity: per-tensor }
                  - { type: distill, teacher: '7' }
                """);
        var magnitude = assertInstanceOf(CompressionStepSpec.MagnitudePrune.class, s.get(0));
        assertEquals(new CompressionStepSpec.MagnitudePrune(PruneScope.LAYER, 0.5, PruneSchedule.GRADUAL, 5, 1),
                magnitude);
        assertEquals(new CompressionStepSpec.StructuredPrune(1, 0.5), s.get(1));
        assertEquals(new CompressionStepSpec.LowRank(0, 4, null), s.get(2), "a rank given: no default energy");
        assertEquals(new CompressionStepSpec.Quantize(8, Granularity.PER_TENSOR, 10), s.get(3));
        assertEquals(new CompressionStepSpec.Distill("7", ModelSpec.defaults(), 4.0, 0.7, 5), s.get(4));
        assertEquals(List.of(StepKind.MAGNITUDE_PRUNE, StepKind.STRUCTURED_PRUNE, StepKind.LOW_RANK,
                StepKind.QUANTIZE, StepKind.DISTILL), s.stream().map(CompressionStepSpec::kind).toList());
        assertEquals("prune magnitude 0.5 layer gradual", s.get(0).label());
        assertEquals("distill mlp [128, 64] from 7", s.get(4).label());
    }

    @Test
    void fieldsOfAnotherKindAreEachNamedInDocumentedOrder() {
        assertEquals(List.of(
                        "compression[0].sparsity: does not belong to a 'quantize' step; its fields are bits, "
                                + "granularity, calibrationBatches",
                        "compression[0].rank: does not belong to a 'quantize' step; its fields are bits, "
                                + "granularity, calibrationBatches"),
                problems("compression: [{ type: quantize, rank: 3, sparsity: 0.2 }]"));
        assertEquals(List.of("compression[1].method: does not belong to a 'lowrank' step; its fields are rank, "
                        + "energy, fineTuneEpochs"),
                problems("compression: [{ type: quantize }, { type: lowrank, method: magnitude }]"));
    }

    @Test
    void unknownTypeMethodAndFieldAreNamed() {
        assertEquals(List.of("compression[0].type: is missing; one of prune, lowrank, quantize, distill"),
                problems("compression: [{ bits: 3 }]"));
        assertEquals(List.of("compression[0].method: 'l2' is not one of magnitude, l1-structured"),
                problems("compression: [{ type: prune, method: l2 }]"));
        List<String> bogus = problems("compression: [{ type: prune, bogus: 1 }]");
        assertEquals(1, bogus.size());
        assertEquals(true, bogus.get(0).startsWith("compression[0].bogus: unknown field 'bogus'; known fields here: "
                + "alpha, bits, calibrationBatches,"), bogus.get(0));
        assertEquals(List.of("compression[0]: is empty; a step needs a type: one of prune, lowrank, quantize, distill"),
                problems("compression: [ null ]"));
    }

    @Test
    void everyBadEnumValueIsReportedTogetherWithTheRangeProblems() {
        assertEquals(List.of(
                        "model.activation: 'swish' is not one of relu, tanh, sigmoid, gelu",
                        "model.arch: 'foo' is not one of mlp, lenet5, dscnn, resnet, squeezenet, mobilenetv2, "
                                + "shufflenet, ghostnet, vit-tiny",
                        "compression[0].granularity: 'per-row' is not one of per-tensor, per-channel",
                        "compression[1].student.norm: 'instance' is not one of none, batch, layer, group",
                        "compression[0].bits: '3' is not one of 4, 8"),
                problems("""
                        model: { activation: swish, arch: foo }
                        compression:
                          - { type: quantize, granularity: per-row, bits: 3 }
                          - { type: distill, student: { norm: instance } }
                        """));
    }

    @Test
    void aNumberIsNotTakenAsAnEnumIndex() {
        assertEquals(List.of("model.arch: '1' is not one of mlp, lenet5, dscnn, resnet, squeezenet, mobilenetv2, "
                                + "shufflenet, ghostnet, vit-tiny",
                        "compression[0].scope: '0' is not one of layer, global"),
                problems("model: { arch: 1 }\ncompression: [{ type: prune, scope: 0 }]"));
    }

    @Test
    void storedResultsWithFieldsThisVersionDoesNotKnowStillLoad() throws Exception {
        // the result reader is lenient: a newer Verdant may add fields to a step kind
        String json = "{\"name\": \"r\", \"compression\": [{\"type\": \"quantize\", \"bits\": 4, \"future\": true}]}";
        ExperimentSpec s = ResultJson.mapper().readValue(json, ExperimentSpec.class);
        assertEquals(List.of(new CompressionStepSpec.Quantize(4, Granularity.PER_CHANNEL, 10)), s.compression());
    }

    @Test
    void aFormTreeTakesSingleValuesAsListsAndNamesUnreadableFields() throws Exception {
        var tree = Mappers.json().readTree("{\"training\": {\"progressive\": [{\"type\": \"layerdrop\", "
                + "\"rate\": 0.2}]}, \"model\": {\"arch\": \"resnet\", \"hidden\": 32}}");
        ExperimentSpec s = SpecCodec.fromTree(tree);
        assertEquals(List.of(32), s.model().hidden(), "one value where a list is expected");
        var bad = Mappers.json().readTree("{\"compression\": [{\"type\": \"quantize\", \"granularity\": \"per-row\"},"
                + " {\"type\": \"lowrank\", \"bits\": 4}]}");
        SpecException e = assertThrows(SpecException.class, () -> SpecCodec.fromTree(bad));
        assertEquals(List.of("compression[0].granularity", "compression[1].bits"),
                e.problems().stream().map(SpecProblem::field).toList(), "problems found before a foreign field stay");
        var choice = Mappers.json().readTree("{\"compression\": [{\"type\": \"quantize\", \"granularity\": \"per-row\"}]}");
        assertEquals(List.of("compression[0].granularity: 'per-row' is not one of per-tensor, per-channel"),
                assertThrows(SpecException.class, () -> SpecCodec.fromTree(choice)).problems().stream()
                        .map(SpecProblem::toString).toList());
    }
}
