package com.example.guide;

import dev.soma.plugins.LossProvider;
import dev.soma.testkit.LossConformanceTest;

class LogCoshConformanceTest extends LossConformanceTest {

    @Override
    protected LossProvider provider() {
        return new LogCoshProvider();
    }
}
