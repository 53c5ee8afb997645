package dev.scenarios.runtime;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The runtime's rooms and the module's nevers: connectors only through the SPI and ServiceLoader, never connector-api's
 * internals, the command line used by nobody, and no cycle between packages.
 */
@AnalyzeClasses(packages = "dev.scenarios.runtime", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule neverNamesTheSmtpConnector = noClasses()
            .that()
            .resideInAPackage("dev.scenarios.runtime..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.scenarios.connector.smtp..")
            .because("connection and path types come only from ServiceLoader.load(ConnectorProvider.class)");

    @ArchTest
    static final ArchRule neverUsesConnectorApiInternals = noClasses()
            .that()
            .resideInAPackage("dev.scenarios.runtime..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.scenarios.connector.api.internal..")
            .because("connector-api's internal package is not part of the SPI");

    @ArchTest
    static final ArchRule nothingUsesTheCommandLine = noClasses()
            .that()
            .resideOutsideOfPackage("dev.scenarios.runtime.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.scenarios.runtime.cli..")
            .because("the command line is the outermost room: it uses the runtime, the runtime does not use it");

    /**
     * The internal rooms use the public package's value types (Problem, DeliveryPolicy, QueuedMessage…) while the
     * public package's entry points (Workspace, ScenarioRuntime) use the rooms: that one circle is the price of a small
     * public package, so edges into the public package are not counted.
     */
    @ArchTest
    static final ArchRule noCycleBetweenPackages = slices().matching("dev.scenarios.runtime.(**)")
            .should()
            .beFreeOfCycles()
            .ignoreDependency(resideInAPackage("dev.scenarios.runtime.."), resideInAPackage("dev.scenarios.runtime"))
            .because("each room can then be read, and replaced, without the rooms that use it");
}
