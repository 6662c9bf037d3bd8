package dev.soma.losses;

import dev.soma.plugins.LossProvider;
import dev.soma.plugins.Options;
import dev.soma.testkit.LossConformanceTest;
import org.junit.jupiter.api.Nested;

/** Every built-in loss passes the plugin conformance kit. */
class ConformanceTest {

    @Nested
    class Log extends LossConformanceTest {
        @Override
        protected LossProvider provider() {
            return new LogLossProvider();
        }
    }

    @Nested
    class Mse extends LossConformanceTest {
        @Override
        protected LossProvider provider() {
            return new SquaredErrorProvider();
        }

        @Override
        protected float[] labels() {
            return new float[] {-2f, 0.5f, 3f};
        }
    }

    @Nested
    class Hinge extends LossConformanceTest {
        @Override
        protected LossProvider provider() {
            return new HingeProvider();
        }
    }

    @Nested
    class Huber extends LossConformanceTest {
        @Override
        protected LossProvider provider() {
            return new HuberProvider();
        }

        @Override
        protected Options options() {
            return Options.of("delta", 1.0);
        }

        @Override
        protected float[] labels() {
            return new float[] {-2f, 0.5f, 3f};
        }
    }
}
