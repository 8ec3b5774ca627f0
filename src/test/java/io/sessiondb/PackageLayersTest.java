package io.sessiondb;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the design: the engine never depends on an optional feature or on the demo, and the demo
 * uses only SessionDB's public API, as any application would.
 */
class PackageLayersTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sessiondb");

    @Test
    void theEngineDependsOnNoOptionalFeatureAndNotOnTheDemo() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "io.sessiondb.operations.admin..", "io.sessiondb.operations.health..", "io.sessiondb.demo..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.sessiondb.operations.admin..", "io.sessiondb.operations.health..", "io.sessiondb.demo..")
                .check(MAIN);
    }

    @Test
    void onlyTheMetricsFacadeKnowsMicroProfileMetrics() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.sessiondb.operations.metrics")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.eclipse.microprofile.metrics..")
                .check(MAIN);
    }

    @Test
    void theDemoUsesOnlyThePublicApi() {
        noClasses()
                .that()
                .resideInAPackage("io.sessiondb.demo..")
                .should()
                .dependOnClassesThat(resideInAPackage("io.sessiondb..")
                        .and(not(resideInAnyPackage("io.sessiondb", "io.sessiondb.visit", "io.sessiondb.demo.."))))
                .check(MAIN);
    }
}
