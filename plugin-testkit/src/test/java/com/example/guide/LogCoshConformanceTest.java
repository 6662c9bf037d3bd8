package com.example.guide;

import dev.soma.plugins.LossProvider;
import dev.soma.testkit.LossConformanceTest;
import java.util.List;

class LogCoshConformanceTest extends LossConformanceTest {

    @Override
    protected LossProvider provider() {
        return new LogCoshProvider();
    }

    /** Worked out from the definition: L = log(cosh(s − y)), δ = tanh(s − y). */
    @Override
    protected List<KnownValue> knownValues() {
        return List.of(
                known(0f, 0f, 0, 0),
                known(1f, 0f, Math.log(Math.cosh(1)), Math.tanh(1)),
                known(-2f, 1f, Math.log(Math.cosh(3)), -Math.tanh(3)));
    }
}
