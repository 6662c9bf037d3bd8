package dev.soma.optimizers;

import dev.soma.plugins.OptimizerProvider;
import dev.soma.plugins.Options;
import dev.soma.testkit.OptimizerConformanceTest;
import org.junit.jupiter.api.Nested;

/**
 * Every built-in optimizer passes the plugin conformance kit. Rules whose default learning rate is tuned for
 * long runs (AdaGrad, Adam) get a larger one for these short problems. The quadratic's step budgets are what each
 * rule needs (measured: sgd 148 steps, momentum 152, nesterov 143, adagrad 95, rmsprop 511, adam 174, adamw 190,
 * lbfgs 9, counting the last step outside the tolerance) with a small margin, so that a slower, broken rule misses
 * them: Adam's budget of 185 fails it without the bias correction of its first moment (195 steps).
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

        @Override
        protected int quadraticSteps() {
            return 600;
        }
    }

    @Nested
    class Adam extends OptimizerConformanceTest {
        @Override
        protected OptimizerProvider provider() {
            return new AdamProvider();
        }

        @Override
        protected int quadraticSteps() {
            return 185;
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

        /** Weight decay moves the optimum; a small one keeps it within the tolerance and still runs the decay. */
        @Override
        protected Options quadraticOptions() {
            return Options.of("learningRate", 0.05, "weightDecay", 1e-4);
        }

        @Override
        protected int quadraticSteps() {
            return 200;
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
