package dev.verdant.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The energy package's import rule and its no-printing rule. */
class EnergyArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.verdant");

    @Test
    void energyImportsOnlySpecAndResultOfVerdantPlusJna() {
        classes().that().resideInAPackage("dev.verdant.energy..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.verdant.energy..", "dev.verdant.spec..",
                        "dev.verdant.result..", "java..", "com.sun.jna..", "com.sun.management..")
                .check(MAIN);
    }

    @Test
    void energyNeverPrints() {
        noClasses().that().resideInAPackage("dev.verdant.energy..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(MAIN);
    }
}
