package dev.soma.engine.plugins;

import dev.soma.plugins.Loss;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.OptimizerState;
import dev.soma.plugins.StepContext;
import dev.soma.plugins.VectorOps;
import java.util.Objects;

/**
 * Where the engine calls plugin code: a loss or an optimizer wrapped so that a {@link LinkageError} it throws —
 * {@link AbstractMethodError}, {@link NoSuchMethodError}, {@link IncompatibleClassChangeError}, the signs of a
 * plugin built against another {@code soma-plugins-api} — becomes one {@link IncompatiblePluginException} naming
 * the plugin, its jar, the method and the version to rebuild against, never a raw stack trace. Everything else
 * passes through unchanged.
 *
 * <p>Each delegating method is written out as its own try/catch rather than through a lambda-taking helper:
 * {@code step}, {@code value}, {@code derivative} and {@code lossAndDeltas} are on the training hot path, where a
 * try block costs nothing and a lambda per call may allocate.
 */
public final class PluginBoundary {

    private PluginBoundary() {
    }

    /** {@code optimizer}, guarded (itself when it already is). */
    public static Optimizer guard(Optimizer optimizer) {
        Objects.requireNonNull(optimizer, "optimizer");
        return optimizer instanceof GuardedOptimizer ? optimizer : new GuardedOptimizer(optimizer);
    }

    /** {@code loss}, guarded (itself when it already is). */
    public static Loss guard(Loss loss) {
        Objects.requireNonNull(loss, "loss");
        return loss instanceof GuardedLoss ? loss : new GuardedLoss(loss);
    }

    private static RuntimeException incompatible(String kind, Object plugin, String call, LinkageError e) {
        String name;
        try {
            name = plugin instanceof Loss l ? l.name() : ((Optimizer) plugin).name();
        } catch (RuntimeException | LinkageError nameless) {
            name = plugin.getClass().getSimpleName();
        }
        return IncompatiblePluginException.translate(kind, name, plugin, call, e);
    }

    private record GuardedOptimizer(Optimizer plugin) implements Optimizer {

        private RuntimeException fail(String call, LinkageError e) {
            return incompatible("optimizer", plugin, call, e);
        }

        @Override
        public String name() {
            try {
                return plugin.name();
            } catch (LinkageError e) {
                throw fail("name()", e);
            }
        }

        @Override
        public int batchSize() {
            try {
                return plugin.batchSize();
            } catch (LinkageError e) {
                throw fail("batchSize()", e);
            }
        }

        @Override
        public void initialise(int parameterCount, VectorOps ops) {
            try {
                plugin.initialise(parameterCount, ops);
            } catch (LinkageError e) {
                throw fail("initialise(...)", e);
            }
        }

        @Override
        public void step(float[] parameters, float[] gradient, StepContext context) {
            try {
                plugin.step(parameters, gradient, context);
            } catch (LinkageError e) {
                throw fail("step(...)", e);
            }
        }

        @Override
        public void reset() {
            try {
                plugin.reset();
            } catch (LinkageError e) {
                throw fail("reset()", e);
            }
        }

        @Override
        public Optimizer copy() {
            try {
                return guard(plugin.copy());
            } catch (LinkageError e) {
                throw fail("copy()", e);
            }
        }

        @Override
        public double learningRate() {
            try {
                return plugin.learningRate();
            } catch (LinkageError e) {
                throw fail("learningRate()", e);
            }
        }

        @Override
        public long steps() {
            try {
                return plugin.steps();
            } catch (LinkageError e) {
                throw fail("steps()", e);
            }
        }

        @Override
        public OptimizerState state() {
            try {
                return plugin.state();
            } catch (LinkageError e) {
                throw fail("state()", e);
            }
        }

        @Override
        public void restore(OptimizerState state) {
            try {
                plugin.restore(state);
            } catch (LinkageError e) {
                throw fail("restore(...)", e);
            }
        }

        @Override
        public boolean plainGradientDescent() {
            try {
                return plugin.plainGradientDescent();
            } catch (LinkageError e) {
                throw fail("plainGradientDescent()", e);
            }
        }

        @Override
        public void countPlainSteps(long steps) {
            try {
                plugin.countPlainSteps(steps);
            } catch (LinkageError e) {
                throw fail("countPlainSteps(...)", e);
            }
        }

        @Override
        public String toString() {
            return plugin.toString();
        }
    }

    private record GuardedLoss(Loss plugin) implements Loss {

        private RuntimeException fail(String call, LinkageError e) {
            return incompatible("loss", plugin, call, e);
        }

        @Override
        public String name() {
            try {
                return plugin.name();
            } catch (LinkageError e) {
                throw fail("name()", e);
            }
        }

        @Override
        public double value(float score, float label) {
            try {
                return plugin.value(score, label);
            } catch (LinkageError e) {
                throw fail("value(...)", e);
            }
        }

        @Override
        public float derivative(float score, float label) {
            try {
                return plugin.derivative(score, label);
            } catch (LinkageError e) {
                throw fail("derivative(...)", e);
            }
        }

        @Override
        public double secondDerivative(float score, float label) {
            try {
                return plugin.secondDerivative(score, label);
            } catch (LinkageError e) {
                throw fail("secondDerivative(...)", e);
            }
        }

        @Override
        public double lossAndDeltas(float[] scores, float[] labels, float[] deltas, int n) {
            try {
                return plugin.lossAndDeltas(scores, labels, deltas, n);
            } catch (LinkageError e) {
                throw fail("lossAndDeltas(...)", e);
            }
        }

        @Override
        public Form form() {
            try {
                return plugin.form();
            } catch (LinkageError e) {
                throw fail("form()", e);
            }
        }

        @Override
        public Task task() {
            try {
                return plugin.task();
            } catch (LinkageError e) {
                throw fail("task()", e);
            }
        }

        @Override
        public boolean acceptsLabel(float label) {
            try {
                return plugin.acceptsLabel(label);
            } catch (LinkageError e) {
                throw fail("acceptsLabel(...)", e);
            }
        }

        @Override
        public String labelRequirement() {
            try {
                return plugin.labelRequirement();
            } catch (LinkageError e) {
                throw fail("labelRequirement()", e);
            }
        }

        @Override
        public String toString() {
            return plugin.toString();
        }
    }
}
