package dev.soma.engine.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.plugins.OptimizerProvider;
import dev.soma.plugins.Options;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins from a plugin folder, and the ways they fail: each failure names the plugin and its jar, and every
 * other plugin still works.
 */
class PluginLoadingTest {

    @TempDir
    Path folder;

    /** A jar whose services file lists these provider classes (the classes themselves come from the class path). */
    private Path pluginJar(String name, String... providerClasses) throws IOException {
        Path jar = folder.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/" + OptimizerProvider.class.getName()));
            out.write(String.join("\n", providerClasses).getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void aPluginInTheFolderIsFound() throws IOException {
        pluginJar("extra.jar", TestProviders.Extra.class.getName());
        PluginRegistry registry = PluginRegistry.discover(folder);
        assertTrue(registry.optimizerProviders().containsKey("extra"));
        assertTrue(registry.optimizerProviders().containsKey("adam"), "the built-ins are still there");
        assertEquals(java.util.List.of(), registry.problems());
    }

    @Test
    void aMissingClassIsReportedWithItsJarAndTheRestWork() throws IOException {
        Path jar = pluginJar("broken.jar", "com.example.DoesNotExist", TestProviders.Extra.class.getName());
        PluginRegistry registry = PluginRegistry.discover(folder);
        assertEquals(1, registry.problems().size(), registry.problems().toString());
        String problem = registry.problems().getFirst();
        assertTrue(problem.contains("com.example.DoesNotExist"), problem);
        assertTrue(problem.contains(jar.toString()), problem);
        assertTrue(registry.optimizerProviders().containsKey("extra"), "the jar's other plugin still loads");
        assertTrue(registry.optimizerProviders().containsKey("sgd"));
    }

    @Test
    void anExceptionInAProvidersConstructorIsReported() throws IOException {
        pluginJar("exploding.jar", TestProviders.Exploding.class.getName());
        PluginRegistry registry = PluginRegistry.discover(folder);
        String problem = String.join("\n", registry.problems());
        assertTrue(problem.contains(TestProviders.Exploding.class.getName()), problem);
        assertTrue(problem.contains("exploding.jar"), problem);
        assertTrue(problem.contains("boom in the constructor"), problem);
        assertTrue(registry.optimizerProviders().containsKey("batch"));
    }

    @Test
    void aDuplicateNameKeepsTheFirstAndNamesBoth() throws IOException {
        pluginJar("duplicate.jar", TestProviders.DuplicateSgd.class.getName());
        PluginRegistry registry = PluginRegistry.discover(folder);
        String problem = String.join("\n", registry.problems());
        assertTrue(problem.contains("two plugins are named 'sgd'"), problem);
        assertTrue(problem.contains(TestProviders.DuplicateSgd.class.getName()), problem);
        assertEquals("dev.soma.optimizers.SgdProvider", registry.optimizerProviders().get("sgd").getClass().getName());
    }

    @Test
    void aProviderThatFailsToCreateIsNamedWithItsOrigin() throws IOException {
        pluginJar("failing.jar", TestProviders.FailingCreate.class.getName());
        PluginRegistry registry = PluginRegistry.discover(folder);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> registry.optimizer("failing", Options.empty()));
        assertTrue(e.getMessage().startsWith("the optimizer 'failing' (" + TestProviders.FailingCreate.class.getName()
                + " from "), e.getMessage());
        assertTrue(e.getMessage().contains("not today"), e.getMessage());
    }

    @Test
    void aPluginFolderThatIsNotAFolderIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PluginRegistry.discover(folder.resolve("nope")));
        assertTrue(e.getMessage().contains("does not exist or is not a folder"), e.getMessage());
    }
}
