package dev.scenarios.connector.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ApiDependencyTest {

    @Test
    void theSpiDependsOnTheJdkOnly() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.scenarios.connector.api");
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.scenarios.connector.api..")
                .because("host platforms load the SPI without any library on their class path")
                .check(classes);
    }

    @Test
    void everyPublicTypeIsInTheSpiPackageOrItsSupportPackage() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.scenarios.connector.api");
        classes()
                .that()
                .arePublic()
                .should()
                .resideInAnyPackage("dev.scenarios.connector.api", "dev.scenarios.connector.api.support")
                .because("a connector may use every public type, so there is no public internal package")
                .check(classes);
    }
}
