package dev.soma.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.soma.engine.plugins.PluginRegistry;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.OptimizerProvider;
import dev.soma.plugins.Options;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SomaModuleTest {

    static final Set<String> LOSSES = Set.of("log", "mse", "hinge", "huber");
    static final Set<String> OPTIMIZERS = Set.of("sgd", "minibatch", "batch", "momentum", "nesterov", "adagrad",
            "rmsprop", "adam", "adamw", "lbfgs", "newton");

    @Test
    void guiceBindsTheDiscoveredPluginsIntoMapsByName() {
        Injector injector = Guice.createInjector(new SomaModule());
        PluginRegistry registry = injector.getInstance(PluginRegistry.class);
        assertEquals(OPTIMIZERS, registry.optimizerProviders().keySet());
        assertEquals(LOSSES, registry.lossProviders().keySet());
        assertSame(registry, injector.getInstance(PluginRegistry.class), "one registry per injector");
    }

    @Test
    void aUsersGuiceModuleCanAddAnOptimizer() {
        OptimizerProvider custom = mock(OptimizerProvider.class);
        Optimizer made = mock(Optimizer.class);
        when(custom.options()).thenReturn(List.of());
        when(custom.create(any())).thenReturn(made);
        Injector injector = Guice.createInjector(new SomaModule(), new AbstractModule() {
            @Override
            protected void configure() {
                SomaModule.optimizers(binder()).addBinding("mine").toInstance(custom);
            }
        });
        PluginRegistry registry = injector.getInstance(PluginRegistry.class);
        Set<String> expected = new TreeSet<>(OPTIMIZERS);
        expected.add("mine");
        assertEquals(expected, registry.optimizerProviders().keySet());
        assertEquals(made, registry.optimizer("mine", Options.empty()));
    }

    @Test
    void pluginsThatFailToLoadAreStillReportedThroughGuice(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(OptimizerProvider.class.getName()), "com.example.DoesNotExist\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            PluginRegistry registry = Guice.createInjector(new SomaModule(loader)).getInstance(PluginRegistry.class);
            assertEquals(OPTIMIZERS, registry.optimizerProviders().keySet(), "the loadable plugins still work");
            assertEquals(1, registry.problems().size(), registry.problems().toString());
            assertTrue(registry.problems().get(0).contains("com.example.DoesNotExist"), registry.problems().get(0));
        }
    }
}
