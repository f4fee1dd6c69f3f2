package io.sparktune;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages draw the architecture only while they form no cycle: input and data at the bottom, then
 * model, space and spec, then trial, strategy and results, then spark, run and cli on top.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sparktune");

    @Test
    void noPackageCycles() {
        slices().matching("io.sparktune.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theTrialRunnerAndTheStrategiesKnowNothingOfSpark() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().resideInAnyPackage("io.sparktune.trial..", "io.sparktune.strategy..", "io.sparktune.model..",
                        "io.sparktune.network..", "io.sparktune.api..",
                        "io.sparktune.simulate..", "io.sparktune.confirm..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..")
                .check(MAIN);
    }
}
