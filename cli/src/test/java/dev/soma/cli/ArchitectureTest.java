package dev.soma.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.soma.plugins.LossProvider;
import dev.soma.plugins.OptimizerProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrows between Soma's parts, checked on the compiled classes of every module the command-line jar ships
 * (plugins-api, engine, onnx, losses, optimizers, cli) and of soma-guice. Each rule fails the build when a change
 * points an arrow the wrong way; docs/DESIGN.md draws the same map.
 */
class ArchitectureTest {

    private static JavaClasses soma;

    @BeforeAll
    static void importSomasClasses() {
        soma = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.soma");
    }

    @Test
    void thePluginApiImportsNothingOfSoma() {
        classes().that().resideInAPackage("dev.soma.plugins..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.soma.plugins..", "java..")
                .because("plugin authors depend on soma-plugins-api alone, so it must stand alone (JDK only)")
                .check(soma);
    }

    @Test
    void theBuiltInPluginsImportThePluginApiOnly() {
        classes().that().resideInAPackage("dev.soma.losses..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.soma.losses..", "dev.soma.plugins..", "java..")
                .because("the built-in losses are plugins like any third party's")
                .check(soma);
        classes().that().resideInAPackage("dev.soma.optimizers..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.soma.optimizers..", "dev.soma.plugins..", "java..")
                .because("the built-in optimizers are plugins like any third party's")
                .check(soma);
    }

    @Test
    void onlyTheVectorKernelsUseTheVectorApi() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.soma.engine.kernels.VectorKernels")
                .and().haveNameNotMatching("dev\\.soma\\.engine\\.kernels\\.VectorKernels\\$.*")
                .should().dependOnClassesThat().resideInAPackage("jdk.incubator.vector..")
                .because("the Vector API is an incubator module: one class, loaded reflectively, may use it, so "
                        + "Soma runs on its scalar kernels where the module is missing")
                .check(soma);
    }

    @Test
    void dataKnowsNothingOfModelsOrTraining() {
        noClasses().that().resideInAnyPackage("dev.soma.engine.data..", "dev.soma.engine.table..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.soma.engine.train..", "dev.soma.engine.model..",
                        "dev.soma.engine.io..", "dev.soma.engine.metrics..", "dev.soma.engine.network..")
                .because("datasets are read and checked before, and without, any model")
                .check(soma);
    }

    @Test
    void kernelsAndNetworkArithmeticStandAlone() {
        classes().that().resideInAPackage("dev.soma.engine.kernels..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.soma.engine.kernels..", "dev.soma.plugins..", "java..", "jdk.incubator.vector..",
                        "org.slf4j..")
                .because("the kernels are the numerical core every other part builds on")
                .check(soma);
        classes().that().resideInAPackage("dev.soma.engine.network..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.soma.engine.network..", "dev.soma.engine.kernels..", "java..")
                .because("a network's arithmetic is kernels and nothing else")
                .check(soma);
    }

    @Test
    void theCommandLineUsesThePublicApiOnly() {
        noClasses().that().resideInAPackage("dev.soma.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.soma..internal..", "dev.soma.engine.kernels..",
                        "dev.soma.losses..", "dev.soma.optimizers..")
                .because("the command line is a user of the library like any other: it finds plugins at run time "
                        + "and never reaches into the engine's internals")
                .check(soma);
    }

    @Test
    void theOnnxExportReadsModelsThroughThePublicApiAndKeepsItsProtobufClassesToItself() {
        noClasses().that().resideInAPackage("dev.soma.onnx..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.soma..internal..", "dev.soma.engine.kernels..",
                        "dev.soma.cli..")
                .because("the export reads a trained model the way any user can; it needs no engine internals")
                .check(soma);
        noClasses().that().resideOutsideOfPackage("dev.soma.onnx..")
                .should().dependOnClassesThat().resideInAPackage("dev.soma.onnx.proto..")
                .because("the generated ONNX schema classes are the export's detail, not API: callers use OnnxExport,"
                        + " OnnxModel and TensorInfo")
                .check(soma);
    }

    @Test
    void internalsAreUsedInsideTheEngineOnly() {
        noClasses().that().resideOutsideOfPackages("dev.soma.engine..", "dev.soma.spark..", "dev.soma.benchmarks..")
                .should().dependOnClassesThat().resideInAPackage("dev.soma.engine..internal..")
                .because("internal packages are not API: only the engine, and the spark and benchmarks modules that "
                        + "are built with it, may use them")
                .check(soma);
    }

    @Test
    void providersAreNamedAfterTheirPlugin() {
        classes().that().implement(OptimizerProvider.class).or().implement(LossProvider.class)
                .and().areNotInterfaces().and().doNotHaveModifier(JavaModifier.ABSTRACT)
                .should().haveSimpleNameEndingWith("Provider")
                .andShould().beTopLevelClasses()
                .because("one naming scheme: a top-level XxxProvider per plugin, listed in META-INF/services")
                .check(soma);
    }
}
