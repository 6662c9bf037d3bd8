package com.example.lion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.plugins.PluginRegistry;
import dev.soma.guice.SomaModule;
import dev.soma.plugins.Options;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Soma finds the plugin on the class path, and a user can bind it through their own Guice module. */
class LionDiscoveryTest {

    private static Dataset breastCancer(String split) throws IOException {
        return Dataset.readCsv(Path.of("datasets/breast_cancer", split + ".csv"));
    }

    @Test
    void itIsDiscoveredFromTheClassPath() throws IOException {
        PluginRegistry registry = PluginRegistry.discover();
        assertTrue(registry.optimizerProviders().containsKey("lion"), registry.optimizerProviders().keySet().toString());
        assertEquals(java.util.List.of(), registry.problems());
        LogisticRegression model = LogisticRegression.trainer()
                .optimizer("lion", Options.of("learningRate", 0.01, "beta1", 0.9))
                .l2(0.002)
                .maxEpochs(30)
                .fit(breastCancer("train"));
        assertEquals("lion", model.summary().optimizer());
        assertTrue(model.evaluate(breastCancer("test")).accuracy() >= 0.95, model.summary().toString());
    }

    @Test
    void itCanBeBoundThroughTheUsersOwnGuiceModule() throws IOException {
        var injector = Guice.createInjector(new SomaModule(), new AbstractModule() {
            @Override
            protected void configure() {
                SomaModule.optimizers(binder()).addBinding("my-lion").to(LionProvider.class);
            }
        });
        PluginRegistry registry = injector.getInstance(PluginRegistry.class);
        assertTrue(registry.optimizerProviders().get("my-lion") instanceof LionProvider);
        LogisticRegression model = LogisticRegression.trainer()
                .plugins(registry)
                .optimizer("my-lion", Options.of("learningRate", 0.01))
                .maxEpochs(20)
                .fit(breastCancer("train"));
        assertTrue(model.evaluate(breastCancer("test")).accuracy() >= 0.95);
    }
}
