package dev.verdant.app.builder;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every field of the form explains itself in one sentence. */
class FieldTipsTest {

    @Test
    void everyFormFieldHasOneSentence() {
        for (SpecField f : SpecField.ALL) {
            String tip = FieldTips.of(f.path());
            assertNotNull(tip, f.path() + " has no tooltip");
            assertTrue(tip.endsWith(".") && tip.indexOf(". ") < 0 || tip.matches(".*\\b(al|e\\.g)\\. .*"),
                    f.path() + ": one sentence: " + tip);
        }
    }

    @Test
    void everyStepSettingHasAHint() {
        for (String list : java.util.List.of(BuilderViewModel.COMPRESSION, BuilderViewModel.PROGRESSIVE)) {
            for (String kind : StepForms.kinds(list)) {
                assertTrue(!StepForms.params(list, kind).isEmpty(), kind + " has settings");
                StepForms.params(list, kind).forEach(p -> assertTrue(p.hint().length() > 20, kind + "." + p.name()));
            }
        }
    }
}
