package dev.scenarios.connector.smtp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rooms of the connector's {@code internal} package form layers (settings, mime, outcome below transport, oauth and
 * journal; check and template on top), and the connector never reaches into the scenario runtime: it knows a host only
 * through connector-api.
 */
@AnalyzeClasses(packages = "dev.scenarios.connector.smtp", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule internalPackagesHaveNoCycle = slices().matching("dev.scenarios.connector.smtp.internal.(*)..")
            .should()
            .beFreeOfCycles()
            .because("each internal package is a room a reader can name; a cycle would merge two of them");

    @ArchTest
    static final ArchRule neverImportsTheRuntime = noClasses()
            .that()
            .resideInAPackage("dev.scenarios.connector.smtp..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.scenarios.runtime..")
            .because("a connector talks to its host only through connector-api");
}
