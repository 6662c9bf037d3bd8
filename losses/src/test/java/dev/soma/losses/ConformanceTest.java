package dev.soma.losses;

import dev.soma.plugins.LossProvider;
import dev.soma.plugins.Options;
import dev.soma.testkit.LossConformanceTest;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** Every built-in loss passes the plugin conformance kit, with values worked out from each loss's definition. */
class ConformanceTest {

    @Nested
    class Log extends LossConformanceTest {
        @Override
        protected LossProvider provider() {
            return new LogLossProvider();
        }

        @Override
        protected List<KnownValue> knownValues() {
            return List.of(
                    known(0f, 1f, Math.log(2), -0.5),                    // σ(0) = ½
                    known(0f, 0f, Math.log(2), 0.5),
                    known(2f, 0f, Math.log(1 + Math.exp(2)), 1 / (1 + Math.exp(-2))),
                    known(-1f, 1f, Math.log(1 + Math.E), 1 / (1 + Math.E) - 1));
        }
    }

    @Nested
    class Mse extends LossConformanceTest {
        @Override
        protected LossProvider provider() {
            return new SquaredErrorProvider();
        }

        @Override
        protected List<KnownValue> knownValues() {
            return List.of(
                    known(3f, 1f, 4, 4),                                  // (3 − 1)², 2·(3 − 1)
                    known(-1f, 0.5f, 2.25, -3),
                    known(0.5f, 0.5f, 0, 0));
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

        @Override
        protected List<KnownValue> knownValues() {
            return List.of(
                    known(1f, 1f, 0, 0),                                  // on the margin: no loss, no push
                    known(2f, 1f, 0, 0),
                    known(0f, 1f, 1, -1),
                    known(0.5f, 0f, 1.5, 1));                             // t = −1: max(0, 1 + 0.5)
        }
    }

    @Nested
    class Huber extends LossConformanceTest {
        @Override
        protected LossProvider provider() {
            return new HuberProvider();
        }

        @Override
        protected List<KnownValue> knownValues() {
            return List.of(
                    known(0.5f, 0f, 0.125, 0.5),                          // |r| ≤ 1: r²/2
                    known(3f, 0f, 2.5, 1),                                // |r| > 1: 1·(3 − ½)
                    known(-1f, 2f, 2.5, -1));
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
