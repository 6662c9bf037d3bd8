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

        /** RMSProp as Hinton's lecture states it, in double: G ← ρG + (1 − ρ)g², θ ← θ − εg/(√G + eps). */
        @Override
        protected ReferenceRule referenceRule() {
            double rho = 0.99;
            double eps = 1e-8;
            double[][] g2 = {null};
            return (theta, gradient, rate) -> {
                if (g2[0] == null) {
                    g2[0] = new double[theta.length];
                }
                double[] next = new double[theta.length];
                for (int i = 0; i < theta.length; i++) {
                    g2[0][i] = rho * g2[0][i] + (1 - rho) * gradient[i] * gradient[i];
                    next[i] = theta[i] - rate * gradient[i] / (Math.sqrt(g2[0][i]) + eps);
                }
                return next;
            };
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

        /** Adam as Kingma and Ba state it (Algorithm 1), in double, with the bias corrections. */
        @Override
        protected ReferenceRule referenceRule() {
            double beta1 = 0.9;
            double beta2 = 0.999;
            double eps = 1e-8;
            double[][] moments = {null, null};
            int[] t = {0};
            return (theta, gradient, rate) -> {
                if (moments[0] == null) {
                    moments[0] = new double[theta.length];
                    moments[1] = new double[theta.length];
                }
                t[0]++;
                double[] next = new double[theta.length];
                for (int i = 0; i < theta.length; i++) {
                    moments[0][i] = beta1 * moments[0][i] + (1 - beta1) * gradient[i];
                    moments[1][i] = beta2 * moments[1][i] + (1 - beta2) * gradient[i] * gradient[i];
                    double mHat = moments[0][i] / (1 - Math.pow(beta1, t[0]));
                    double vHat = moments[1][i] / (1 - Math.pow(beta2, t[0]));
                    next[i] = theta[i] - rate * mHat / (Math.sqrt(vHat) + eps);
                }
                return next;
            };
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
