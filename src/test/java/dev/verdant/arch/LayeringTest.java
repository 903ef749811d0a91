package dev.verdant.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/** The layer rules of ARCHITECTURE.md, as tests. */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.verdant");
    }

    @Test
    void layersOnlyUseTheLayersBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("Entry").definedBy("dev.verdant")
                .layer("App").definedBy("dev.verdant.app..")
                .layer("Cli").definedBy("dev.verdant.cli..")
                .layer("Lesson").definedBy("dev.verdant.lesson..")
                .layer("Cluster").definedBy("dev.verdant.cluster..")
                .layer("Sweep").definedBy("dev.verdant.sweep..")
                .layer("Run").definedBy("dev.verdant.run..")
                .layer("Store").definedBy("dev.verdant.store..")
                .layer("Train").definedBy("dev.verdant.train..")
                .layer("Compress").definedBy("dev.verdant.compress..")
                .layer("Energy").definedBy("dev.verdant.energy..")
                .layer("Model").definedBy("dev.verdant.model..")
                .layer("Data").definedBy("dev.verdant.data..")
                .layer("Result").definedBy("dev.verdant.result..")
                .layer("Spec").definedBy("dev.verdant.spec..")
                .whereLayer("Entry").mayNotBeAccessedByAnyLayer()
                .whereLayer("App").mayOnlyBeAccessedByLayers("Entry")
                .whereLayer("Cli").mayOnlyBeAccessedByLayers("Entry")
                .whereLayer("Lesson").mayOnlyBeAccessedByLayers("Entry", "App", "Cli")
                .whereLayer("Cluster").mayOnlyBeAccessedByLayers("Entry", "App", "Cli")
                .whereLayer("Sweep").mayOnlyBeAccessedByLayers("Entry", "App", "Cli", "Cluster", "Lesson")
                .whereLayer("Run").mayOnlyBeAccessedByLayers("Entry", "App", "Cli", "Sweep", "Cluster", "Lesson")
                .whereLayer("Store").mayOnlyBeAccessedByLayers("Entry", "App", "Cli", "Run", "Sweep", "Cluster",
                        "Lesson")
                .whereLayer("Train").mayOnlyBeAccessedByLayers("Run")
                .whereLayer("Compress").mayOnlyBeAccessedByLayers("Run")
                .whereLayer("Energy").mayOnlyBeAccessedByLayers("App", "Cli", "Run", "Train", "Compress")
                .whereLayer("Model").mayOnlyBeAccessedByLayers("App", "Run", "Train", "Compress")
                .whereLayer("Data").mayOnlyBeAccessedByLayers("Cli", "Run", "Train", "Compress", "Model")
                .whereLayer("Result").mayOnlyBeAccessedByLayers("Entry", "App", "Cli", "Run", "Store", "Train",
                        "Compress", "Energy", "Sweep", "Cluster", "Lesson")
                .check(classes);
    }

    @Test
    void specImportsNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.verdant.spec..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.verdant.data..", "dev.verdant.model..",
                        "dev.verdant.train..", "dev.verdant.compress..", "dev.verdant.energy..", "dev.verdant.run..",
                        "dev.verdant.store..", "dev.verdant.cli..", "dev.verdant.app..", "dev.verdant.result..",
                        "dev.verdant.sweep..", "dev.verdant.cluster..", "dev.verdant.lesson..")
                .check(classes);
    }

    @Test
    void onlyTheAppUsesJavaFxControlsFxOrJFreeChart() {
        noClasses().that().resideOutsideOfPackage("dev.verdant.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.jfree..")
                .check(classes);
    }

    @Test
    void onlyTheCliWritesToStandardOutput() {
        noClasses().that().resideOutsideOfPackage("dev.verdant.cli..")
                .should().accessField(System.class, "out")
                .check(classes);
    }
}
