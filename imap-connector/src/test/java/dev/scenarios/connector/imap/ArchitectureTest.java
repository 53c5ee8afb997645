package dev.scenarios.connector.imap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rooms of the IMAP connector's {@code internal} package (settings, journal, check, receive) have no cycle, and the
 * connector knows its host only through connector-api: neither the scenario runtime nor the SMTP connector.
 */
@AnalyzeClasses(packages = "dev.scenarios.connector.imap", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule internalPackagesHaveNoCycle = slices().matching("dev.scenarios.connector.imap.internal.(*)..")
            .should()
            .beFreeOfCycles()
            .because("each internal package is a room a reader can name; a cycle would merge two of them");

    @ArchTest
    static final ArchRule neverImportsTheRuntimeOrAnotherConnector = noClasses()
            .that()
            .resideInAPackage("dev.scenarios.connector.imap..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.scenarios.runtime..", "dev.scenarios.connector.smtp..")
            .because("a connector talks to its host only through connector-api");
}
