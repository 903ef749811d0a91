package dev.verdant.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.InstanceofCheck;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.verdant.result.FinalMetrics;
import dev.verdant.run.Job;
import dev.verdant.run.RunEvent;
import dev.verdant.run.RunId;
import dev.verdant.run.RunListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** How run events are made and consumed (issue 10: one event stream per run, listeners with typed callbacks). */
class RunEventRulesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.verdant");
    }

    @Test
    void eventsAndListenersNeverReachTheJob() {
        ArchRule rule = noClasses().that(assignableTo(RunEvent.class).or(assignableTo(RunListener.class))
                        .or(assignableTo(RunId.class)))
                .and().resideInAPackage("dev.verdant.run..")
                .should().dependOnClassesThat().areAssignableTo(Job.class)
                .because("events are immutable values that carry the run's id; a Job in an event let every listener "
                        + "read and change a running job (its mutable state, cancel) from any thread");
        rule.check(classes);
    }

    @Test
    void onlyTheRunLayerCreatesEvents() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("dev.verdant.run..")
                .should().callConstructorWhere(new DescribedPredicate<JavaConstructorCall>("an event constructor") {
                    @Override
                    public boolean test(JavaConstructorCall call) {
                        return call.getTargetOwner().isAssignableTo(RunEvent.class);
                    }
                })
                .because("a run's event stream is what the run did: the store commits it and the window draws it, "
                        + "so nothing but the run layer may put an event into it");
        rule.check(classes);
    }

    @Test
    void consumersReadEventsThroughTypedCallbacksNotInstanceof() {
        ArchRule rule = classes().that().resideOutsideOfPackage("dev.verdant.run..")
                .should(new ArchCondition<JavaClass>("not test events with instanceof") {
                    @Override
                    public void check(JavaClass item, ConditionEvents events) {
                        for (InstanceofCheck check : item.getInstanceofChecks()) {
                            if (check.getRawType().isAssignableTo(RunEvent.class)) {
                                events.add(SimpleConditionEvent.violated(item, item.getName() + " tests instanceof "
                                        + check.getRawType().getName() + " in " + check.getOwner().getFullName()
                                        + " (" + check.getSourceCodeLocation() + ")"));
                            }
                        }
                    }
                })
                .because("consumers take events through RunListener's typed callbacks (RunEvent.deliverTo for "
                        + "carriers): a new kind of event then shows up as a new callback with a no-op default, "
                        + "instead of silently falling through every instanceof chain");
        rule.check(classes);
    }

    @Test
    void finalMetricsAreBuiltByName() {
        ArchRule rule = noClasses().that().doNotHaveFullyQualifiedName(FinalMetrics.Builder.class.getName())
                .should().callConstructorWhere(new DescribedPredicate<JavaConstructorCall>("FinalMetrics' constructor") {
                    @Override
                    public boolean test(JavaConstructorCall call) {
                        return call.getTargetOwner().isEquivalentTo(FinalMetrics.class);
                    }
                })
                .because("seventeen positional arguments, half of them nullable numbers, are easy to get in the wrong "
                        + "order without a compile error; FinalMetrics.builder() names each one");
        rule.check(classes);
    }
}
