package com.example.lion;

import dev.soma.plugins.OptimizerProvider;
import dev.soma.plugins.Options;
import dev.soma.testkit.OptimizerConformanceTest;

/** The plugin passes Soma's conformance kit: this is all a plugin author writes to run it. */
class LionConformanceTest extends OptimizerConformanceTest {

    @Override
    protected OptimizerProvider provider() {
        return new LionProvider();
    }

    @Override
    protected Options options() {
        return Options.of("learningRate", 0.01);
    }
}
