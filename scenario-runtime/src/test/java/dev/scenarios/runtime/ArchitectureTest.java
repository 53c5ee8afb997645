package dev.scenarios.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The runtime knows connectors only through the SPI and ServiceLoader. */
@AnalyzeClasses(packages = "dev.scenarios.runtime", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule neverNamesTheSmtpConnector = noClasses().that().resideInAPackage("dev.scenarios.runtime..")
            .should().dependOnClassesThat().resideInAPackage("dev.scenarios.connector.smtp..")
            .because("connection and path types come only from ServiceLoader.load(ConnectorProvider.class)");

    @ArchTest
    static final ArchRule publicPackageDoesNotExposeCli = noClasses().that().resideInAPackage("dev.scenarios.runtime.internal..")
            .should().dependOnClassesThat().resideInAPackage("dev.scenarios.connector.api.internal..")
            .because("connector-api's internal package is not part of the SPI");
}
