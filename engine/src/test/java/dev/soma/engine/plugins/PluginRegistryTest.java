package dev.soma.engine.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.soma.plugins.Optimizer;
import dev.soma.plugins.OptimizerProvider;
import dev.soma.plugins.Options;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PluginRegistryTest {

    static final Set<String> LOSSES = Set.of("log", "mse", "hinge", "huber");
    static final Set<String> OPTIMIZERS = Set.of("sgd", "minibatch", "batch", "momentum", "nesterov", "adagrad",
            "rmsprop", "adam", "adamw", "lbfgs", "newton");

    @Test
    void serviceLoaderFindsTheBuiltInPlugins() {
        PluginRegistry registry = PluginRegistry.discover();
        assertEquals(LOSSES, registry.lossProviders().keySet());
        assertEquals(OPTIMIZERS, registry.optimizerProviders().keySet());
        Optimizer sgd = registry.optimizer("sgd", Options.empty());
        assertEquals(1, sgd.batchSize());
        assertEquals(0.1, sgd.learningRate());
        assertEquals(32, registry.optimizer("minibatch", Options.empty()).batchSize());
        assertEquals(8, registry.optimizer("minibatch", Options.of("batchSize", "8")).batchSize());
        assertEquals(Optimizer.FULL_BATCH, registry.optimizer("batch", Options.empty()).batchSize());
        assertNotSame(sgd, registry.optimizer("sgd", Options.empty()), "each call makes a fresh instance");
    }

    @Test
    void theSharedRegistryIsDiscoveredOncePerContextClassLoader() throws Exception {
        PluginRegistry first = PluginRegistry.shared();
        assertEquals(OPTIMIZERS, first.optimizerProviders().keySet());
        assertSame(first, PluginRegistry.shared(), "a second fit must not discover again");
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (var other = new java.net.URLClassLoader(new java.net.URL[0], before)) {
            thread.setContextClassLoader(other);
            PluginRegistry forOther = PluginRegistry.shared();
            assertNotSame(first, forOther, "another context class loader may see other plugins: discovered afresh");
            assertSame(forOther, PluginRegistry.shared());
        } finally {
            thread.setContextClassLoader(before);
        }
        PluginRegistry again = PluginRegistry.shared();
        assertSame(again, PluginRegistry.shared());
        PluginRegistry.forgetShared();
        assertNotSame(again, PluginRegistry.shared(), "forgetShared makes the next call discover again");
    }

    @Test
    void anUnknownNameListsWhatThereIs() {
        PluginRegistry registry = new PluginRegistry(Map.of(), Map.of());
        UnknownPluginException e = assertThrows(UnknownPluginException.class,
                () -> registry.optimizer("adam", Options.empty()));
        assertEquals("optimizer", e.kind());
        assertEquals("adam", e.name());
        assertTrue(e.getMessage().startsWith("there is no optimizer named 'adam'; the available optimizers are none."),
                e.getMessage());
    }

    @Test
    void aProviderThatMakesNullIsReported() {
        OptimizerProvider broken = mock(OptimizerProvider.class);
        when(broken.options()).thenReturn(List.of());
        PluginRegistry registry = new PluginRegistry(Map.of(), Map.of("broken", broken));
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> registry.optimizer("broken", Options.empty()));
        assertTrue(e.getMessage().contains("'broken'"), e.getMessage());
    }
}
