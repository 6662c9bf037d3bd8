package com.example.guide;

import dev.soma.plugins.OptimizerProvider;
import dev.soma.testkit.OptimizerConformanceTest;

class SmoothSgdConformanceTest extends OptimizerConformanceTest {

    @Override
    protected OptimizerProvider provider() {
        return new SmoothSgdProvider();
    }
}
