package com.example.lion;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** A third-party plugin depends on Soma's plugins API alone, so it works with any Soma of that API version. */
class PluginArchitectureTest {

    @Test
    void thePluginImportsThePluginApiAndTheJdkOnly() {
        classes().that().resideInAPackage("com.example.lion..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("com.example.lion..", "dev.soma.plugins..", "java..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("com.example.lion"));
    }
}
