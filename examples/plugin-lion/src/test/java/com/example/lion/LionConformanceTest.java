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

    /**
     * Lion moves every coordinate by the learning rate each step, so it can settle within the kit's tolerance of
     * 1e-3 only with a smaller rate; it then needs about 3 / 5e-4 = 6000 steps for the farthest coordinate.
     */
    @Override
    protected Options quadraticOptions() {
        return Options.of("learningRate", 5e-4);
    }

    @Override
    protected int quadraticSteps() {
        return 6500;
    }
}
