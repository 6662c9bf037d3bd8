package dev.soma.optimizers;

import dev.soma.plugins.OptimizerProvider;
import dev.soma.plugins.Options;
import dev.soma.testkit.OptimizerConformanceTest;
import org.junit.jupiter.api.Nested;

/**
 * Every built-in optimizer passes the plugin conformance kit. Rules whose default learning rate is tuned for
 * long runs (AdaGrad, Adam) get a larger one for these short problems.
 */
class ConformanceTest {

    @Nested
    class Sgd extends OptimizerConformanceTest {
        @Override
        protected OptimizerProvider provider() {
            return new SgdProvider();
        }
    }

    @Nested
    class Minibatch extends OptimizerConformanceTest {
        @Override
        protected OptimizerProvider provider() {
            return new MinibatchProvider();
        }
    }

    @Nested
    class Batch extends OptimizerConformanceTest {
        @Override
        protected OptimizerProvider provider() {
            return new BatchProvider();
        }
    }

    @Nested
    class Momentum extends OptimizerConformanceTest {
        @Override
        protected OptimizerProvider provider() {
            return new MomentumProvider();
        }
    }

    @Nested
    class Nesterov extends OptimizerConformanceTest {
        @Override
        protected OptimizerProvider provider() {
            return new NesterovProvider();
        }
    }

    @Nested
    class Adagrad extends OptimizerConformanceTest {
        @Override
        protected OptimizerProvider provider() {
            return new AdagradProvider();
        }

        @Override
        protected Options options() {
            return Options.of("learningRate", 0.5);
        }
    }

    @Nested
    class Rmsprop extends OptimizerConformanceTest {
        @Override
        protected OptimizerProvider provider() {
            return new RmspropProvider();
        }
    }

    @Nested
    class Adam extends OptimizerConformanceTest {
        @Override
        protected OptimizerProvider provider() {
            return new AdamProvider();
        }

        @Override
        protected Options options() {
            return Options.of("learningRate", 0.05);
        }
    }

    @Nested
    class AdamW extends OptimizerConformanceTest {
        @Override
        protected OptimizerProvider provider() {
            return new AdamWProvider();
        }

        @Override
        protected Options options() {
            return Options.of("learningRate", 0.05);
        }
    }

    @Nested
    class Lbfgs extends OptimizerConformanceTest {
        @Override
        protected OptimizerProvider provider() {
            return new LbfgsProvider();
        }
    }
}
