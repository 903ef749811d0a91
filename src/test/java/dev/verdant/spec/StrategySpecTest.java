package dev.verdant.spec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training-strategy fields of a spec: parsing, exact round trip, and clear refusals. */
class StrategySpecTest {

    private static final String RESNET = """
            name: strategies
            dataset: { name: fashion-mnist-small }
            model: { arch: resnet, depth: 14, init: zero-residual, norm: group, groups: 4 }
            training:
              epochs: 8
              earlyStopping: { patience: 3, minDelta: 0.001 }
              progressive:
                - { type: stack, epochs: [2], depths: [8, 14] }
                - { type: resize, epochs: [2, 2], resolutions: [14, 20, 28] }
                - { type: freeze, epochs: [3], frozen: [0, 1] }
                - { type: layerdrop, rate: 0.5 }
            """;

    private static String problems(String yaml) {
        return assertThrows(SpecException.class, () -> SpecCodec.parse(yaml)).getMessage();
    }

    @Test
    void parsesAndRoundTripsExactly() {
        ExperimentSpec s = SpecCodec.parse(RESNET);
        assertEquals(4, s.training().progressive().size());
        assertEquals(List.of(14, 20, 28), s.training().progressive().get(1).resolutions());
        assertEquals(3, s.training().earlyStopping().patience());
        assertEquals("valLoss", s.training().earlyStopping().monitor());
        String yaml = SpecCodec.toYaml(s);
        assertEquals(s, SpecCodec.parse(yaml));
        assertEquals(yaml, SpecCodec.toYaml(SpecCodec.parse(yaml)));
        assertEquals(s, SpecCodec.parse(SpecCodec.toJson(s)));
    }

    @Test
    void defaultsAreOff() {
        ExperimentSpec s = SpecCodec.parse("name: x\n");
        assertTrue(s.training().progressive().isEmpty());
        assertNull(s.training().earlyStopping());
    }

    @Test
    void stageValuesFollowTheEpochs() {
        ProgressiveSpec p = ProgressiveSpec.resize(List.of(2, 2), List.of(14, 20, 28));
        assertEquals(List.of(14, 14, 20, 20, 28, 28),
                List.of(1, 2, 3, 4, 5, 6).stream().map(e -> p.stageValue(p.resolutions(), e)).toList());
    }

    @Test
    void unknownKeysInsideAStrategyAreErrors() {
        String m = problems("training: { progressive: [ { type: resize, resolution: [14, 28] } ] }");
        assertTrue(m.contains("training.progressive[0]") && m.contains("unknown field 'resolution'"), m);
    }

    @Test
    void refusesStrategiesWhereTheyMakeNoSense() {
        assertTrue(problems("model: { arch: mlp, init: zero-residual }")
                .contains("model.init: 'zero-residual' only applies to resnet"));
        assertTrue(problems("dataset: { name: spirals }\ntraining: { progressive: [ { type: resize, epochs: [1], "
                + "resolutions: [8, 16] } ] }").contains("'resize' needs image data"));
        assertTrue(problems("model: { arch: lenet5 }\ntraining: { progressive: [ { type: resize, epochs: [1], "
                + "resolutions: [14, 28] } ] }").contains("'lenet5' has dense layers sized for one resolution"));
        assertTrue(problems("model: { arch: dscnn }\ntraining: { progressive: [ { type: layerdrop, rate: 0.5 } ] }")
                .contains("'layerdrop' skips residual blocks; 'dscnn' has none"));
        assertTrue(problems("model: { arch: mlp }\ntraining: { progressive: [ { type: stack, epochs: [1], "
                + "depths: [8, 14] } ] }").contains("'mlp' is not a resnet"));
    }

    @Test
    void checksStageListsAndMisplacedFields() {
        String m = problems("model: { arch: resnet, depth: 20 }\ntraining: { epochs: 4, progressive: [ "
                + "{ type: stack, epochs: [1, 1], depths: [8, 14] }, { type: freeze, epochs: [4], frozen: [2, 1], "
                + "rate: 0.2 } ] }");
        assertTrue(m.contains("training.progressive[0].epochs: needs 1 stage lengths for 2 depths"), m);
        assertTrue(m.contains("training.progressive[1].frozen: [2, 1] must never shrink"), m);
        assertTrue(m.contains("training.progressive[1].rate: does not apply to 'freeze' (it takes frozen)"), m);
        assertTrue(m.contains("training.progressive[1].epochs: the stages before the last end after epoch 4"), m);
        String d = problems("model: { arch: resnet, depth: 20 }\ntraining: { progressive: [ "
                + "{ type: stack, epochs: [2], depths: [8, 14] } ] }");
        assertTrue(d.contains("must end at model.depth (20)"), d);
        assertTrue(problems("training: { earlyStopping: { patience: 0, monitor: loss } }")
                .contains("training.earlyStopping.monitor: 'loss' is not one of valLoss, valAccuracy"));
    }
}
