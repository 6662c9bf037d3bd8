package dev.soma.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.plugins.CostFunction;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.OptimizerState;
import dev.soma.plugins.Options;
import dev.soma.plugins.StepContext;
import dev.soma.testkit.PlainVectorOps;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The trust-region Newton optimizer on costs that give Hessian-vector products, driven as the engine drives it (one
 * {@link Optimizer#step} per iteration, the cost function in the {@link StepContext}): a non-convex valley, where
 * the Hessian is indefinite and the trust region must hold the steps back; an ill-conditioned quadratic, solved in a
 * handful of steps where first-order methods need thousands; the refusal of a cost without a Hessian; its state.
 */
class NewtonTest {

    /** A cost with its Hessian: J, ∇J, H·v and (optionally) diag H. */
    private interface TwiceDifferentiable {
        double evaluate(float[] p, float[] g);

        void hessianTimes(float[] p, float[] v, float[] out);

        float[] diagonal(float[] p);
    }

    private static final class Counting implements CostFunction {
        final TwiceDifferentiable f;
        final boolean withDiagonal;
        int evaluations;
        int products;

        Counting(TwiceDifferentiable f, boolean withDiagonal) {
            this.f = f;
            this.withDiagonal = withDiagonal;
        }

        @Override
        public double evaluate(float[] parameters, float[] gradient) {
            evaluations++;
            return f.evaluate(parameters, gradient);
        }

        @Override
        public boolean hasHessian() {
            return true;
        }

        @Override
        public void hessianTimes(float[] parameters, float[] v, float[] out) {
            products++;
            f.hessianTimes(parameters, v, out);
        }

        @Override
        public boolean hessianDiagonal(float[] parameters, float[] out) {
            if (!withDiagonal) {
                return false;
            }
            System.arraycopy(f.diagonal(parameters), 0, out, 0, out.length);
            return true;
        }
    }

    /** Steps until the gradient norm is at most {@code tolerance} or {@code limit} steps; returns the steps taken. */
    private static int minimise(Optimizer newton, CostFunction function, float[] theta, double tolerance, int limit) {
        newton.initialise(theta.length, new PlainVectorOps());
        float[] gradient = new float[theta.length];
        double previous = Double.POSITIVE_INFINITY;
        for (int step = 0; step < limit; step++) {
            double cost = function.evaluate(theta, gradient);
            // A trust-region method takes a step only when the cost fell by a share of what its model predicted.
            assertTrue(cost <= previous, "the cost rose at step " + step + ": " + previous + " → " + cost);
            previous = cost;
            if (norm(gradient) <= tolerance) {
                return step;
            }
            newton.step(theta, gradient, StepContext.of(cost, 1, 1, function));
        }
        return limit;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    /** Rosenbrock's valley {@code (1 − x)² + 100·(y − x²)²}, minimum 0 at (1, 1); indefinite Hessian off the valley. */
    private static final TwiceDifferentiable ROSENBROCK = new TwiceDifferentiable() {
        @Override
        public double evaluate(float[] p, float[] g) {
            double x = p[0];
            double y = p[1];
            double valley = y - x * x;
            g[0] = (float) (-2 * (1 - x) - 400 * x * valley);
            g[1] = (float) (200 * valley);
            return (1 - x) * (1 - x) + 100 * valley * valley;
        }

        @Override
        public void hessianTimes(float[] p, float[] v, float[] out) {
            double x = p[0];
            double y = p[1];
            double hxx = 2 - 400 * (y - x * x) + 800 * x * x;
            double hxy = -400 * x;
            out[0] = (float) (hxx * v[0] + hxy * v[1]);
            out[1] = (float) (hxy * v[0] + 200 * v[1]);
        }

        @Override
        public float[] diagonal(float[] p) {
            return new float[] {(float) (2 - 400 * (p[1] - p[0] * p[0]) + 800 * p[0] * p[0]), 200f};
        }
    };

    @Test
    void itFollowsRosenbrocksValleyToTheMinimum() {
        for (boolean diagonal : new boolean[] {false, true}) {
            // From the classic start, and from one where the Hessian is indefinite (y far above x²).
            for (float[] start : new float[][] {{-1.2f, 1f}, {0f, 2f}}) {
                float[] theta = start.clone();
                Optimizer newton = new NewtonProvider().create(Options.empty());
                int steps = minimise(newton, new Counting(ROSENBROCK, diagonal), theta, 1e-4, 100);
                assertTrue(steps < 60, "steps " + steps + " from " + start[0] + ", " + start[1]);
                assertEquals(1f, theta[0], 1e-3f);
                assertEquals(1f, theta[1], 2e-3f);
            }
        }
    }

    /** {@code J = ½θᵀAθ − bᵀθ}, A = diag(λ) + uuᵀ with λ from 1 to 10⁴ (condition number above 10⁴). */
    private static TwiceDifferentiable quadratic(int n, long seed) {
        Random random = new Random(seed);
        double[] lambda = new double[n];
        double[] u = new double[n];
        double[] b = new double[n];
        for (int j = 0; j < n; j++) {
            lambda[j] = Math.pow(1e4, (double) j / (n - 1));
            u[j] = random.nextGaussian();
            b[j] = random.nextGaussian() * 10;
        }
        return new TwiceDifferentiable() {
            private void times(float[] v, double[] out) {
                double uv = 0;
                for (int j = 0; j < n; j++) {
                    uv += u[j] * v[j];
                }
                for (int j = 0; j < n; j++) {
                    out[j] = lambda[j] * v[j] + u[j] * uv;
                }
            }

            @Override
            public double evaluate(float[] p, float[] g) {
                double[] ap = new double[n];
                times(p, ap);
                double cost = 0;
                for (int j = 0; j < n; j++) {
                    cost += 0.5 * p[j] * ap[j] - b[j] * p[j];
                    g[j] = (float) (ap[j] - b[j]);
                }
                return cost;
            }

            @Override
            public void hessianTimes(float[] p, float[] v, float[] out) {
                double[] av = new double[n];
                times(v, av);
                for (int j = 0; j < n; j++) {
                    out[j] = (float) av[j];
                }
            }

            @Override
            public float[] diagonal(float[] p) {
                float[] d = new float[n];
                for (int j = 0; j < n; j++) {
                    d[j] = (float) (lambda[j] + u[j] * u[j]);
                }
                return d;
            }
        };
    }

    @Test
    void anIllConditionedQuadraticTakesAFewNewtonSteps() {
        for (boolean diagonal : new boolean[] {false, true}) {
            Counting function = new Counting(quadratic(50, 7), diagonal);
            float[] theta = new float[50];
            float[] gradient = new float[50];
            function.evaluate(theta, gradient);
            double start = norm(gradient);
            int steps = minimise(new NewtonProvider().create(Options.empty()), function, theta, 1e-5 * start, 50);
            // cgTolerance 0.1: each step cuts the gradient about tenfold; five decades take about six steps.
            assertTrue(steps <= 8, "steps " + steps);
            assertTrue(function.products < 400, "Hessian products " + function.products);
        }
        // The preconditioner pays: the diagonal takes most of the spread of this spectrum away.
        Counting plain = new Counting(quadratic(50, 7), false);
        Counting preconditioned = new Counting(quadratic(50, 7), true);
        minimise(new NewtonProvider().create(Options.empty()), plain, new float[50], 1e-3, 50);
        minimise(new NewtonProvider().create(Options.empty()), preconditioned, new float[50], 1e-3, 50);
        assertTrue(preconditioned.products < plain.products / 2,
                preconditioned.products + " products with the diagonal, " + plain.products + " without");
    }

    @Test
    void aCostWithoutAHessianIsRefusedWithWhatToUseInstead() {
        Optimizer newton = new NewtonProvider().create(Options.empty());
        newton.initialise(2, new PlainVectorOps());
        CostFunction firstOrder = (p, g) -> {
            g[0] = p[0];
            g[1] = p[1];
            return 0.5 * (p[0] * p[0] + p[1] * p[1]);
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> newton.step(new float[] {1, 1}, new float[] {1, 1}, StepContext.of(1, 1, 1, firstOrder)));
        assertTrue(e.getMessage().contains("'newton'"), e.getMessage());
        assertTrue(e.getMessage().contains("--optimizer lbfgs"), e.getMessage());
        assertTrue(e.getMessage().contains("hinge"), e.getMessage());
    }

    @Test
    void aCopyAndARestoredStateContinueExactly() {
        CostFunction function = new Counting(ROSENBROCK, true);
        Optimizer newton = new NewtonProvider().create(Options.empty());
        float[] theta = {-1.2f, 1f};
        minimise(newton, function, theta, 0, 3);
        OptimizerState state = newton.state();
        assertTrue(Double.isFinite(state.scalar("radius")), "the first step set the radius");
        Optimizer copy = newton.copy();
        Optimizer restored = new NewtonProvider().create(Options.empty());
        restored.initialise(2, new PlainVectorOps());
        restored.restore(state);
        float[] a = theta.clone();
        float[] b = theta.clone();
        float[] c = theta.clone();
        float[] gradient = new float[2];
        for (int i = 0; i < 5; i++) {
            double cost = function.evaluate(a, gradient);
            newton.step(a, gradient.clone(), StepContext.of(cost, 1, 1, function));
            cost = function.evaluate(b, gradient);
            copy.step(b, gradient.clone(), StepContext.of(cost, 1, 1, function));
            cost = function.evaluate(c, gradient);
            restored.step(c, gradient.clone(), StepContext.of(cost, 1, 1, function));
        }
        assertArrayEquals(a, b);
        assertArrayEquals(a, c);
        assertEquals(newton.state(), copy.state());
    }

    @Test
    void aScheduleFactorOfZeroTakesNoStep() {
        CostFunction function = new Counting(ROSENBROCK, false);
        Optimizer newton = new NewtonProvider().create(Options.empty());
        newton.initialise(2, new PlainVectorOps());
        float[] theta = {-1.2f, 1f};
        float[] gradient = new float[2];
        double cost = function.evaluate(theta, gradient);
        newton.step(theta, gradient, StepContext.of(cost, 0, 1, function));
        assertArrayEquals(new float[] {-1.2f, 1f}, theta);
    }
}
