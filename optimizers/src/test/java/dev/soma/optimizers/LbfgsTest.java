package dev.soma.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.plugins.CostFunction;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.Options;
import dev.soma.plugins.StepContext;
import dev.soma.testkit.PlainVectorOps;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * L-BFGS on two classic hard problems, each within a stated number of iterations (measured: Rosenbrock is within
 * 1e-4 after 40, the quadratic within 1e-4 after 90, in float), driven through its provider as the engine drives it: one
 * {@link Optimizer#step} per iteration, with the cost function in the {@link StepContext} for the line search.
 */
class LbfgsTest {

    /** Runs {@code iterations} steps from {@code start}; returns the parameters. */
    private static float[] minimise(CostFunction function, float[] start, int iterations) {
        Optimizer lbfgs = new LbfgsProvider().create(Options.empty());
        lbfgs.initialise(start.length, new PlainVectorOps());
        float[] theta = start.clone();
        float[] gradient = new float[theta.length];
        for (int i = 0; i < iterations; i++) {
            double cost = function.evaluate(theta, gradient);
            lbfgs.step(theta, gradient, StepContext.of(cost, 1, 1, function));
        }
        assertEquals(iterations, lbfgs.steps());
        return theta;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    /** Rosenbrock's valley {@code (1 − x)² + 100·(y − x²)²}, minimum 0 at (1, 1), from the classic start (−1.2, 1). */
    @Test
    void itFollowsRosenbrocksValleyToTheMinimum() {
        CostFunction rosenbrock = (p, g) -> {
            double x = p[0];
            double y = p[1];
            double valley = y - x * x;
            g[0] = (float) (-2 * (1 - x) - 400 * x * valley);
            g[1] = (float) (200 * valley);
            return (1 - x) * (1 - x) + 100 * valley * valley;
        };
        float[] theta = minimise(rosenbrock, new float[] {-1.2f, 1f}, 45);
        float[] gradient = new float[2];
        double value = rosenbrock.evaluate(theta, gradient);
        assertEquals(1, theta[0], 1e-4, "x");
        assertEquals(1, theta[1], 2e-4, "y");
        assertTrue(value < 1e-8, "the value " + value);
        assertTrue(norm(gradient) < 1e-3, "the gradient norm " + norm(gradient));
    }

    

    /**
     * {@code ½ (θ − c)ᵀ A (θ − c)} in 10 dimensions with A = Qᵀ·diag(λ)·Q, eigenvalues from 1 to 10⁴ (condition
     * number 10⁴) and Q a seeded rotation (a Householder reflection), so that no coordinate is an eigenvector.
     */
    @Test
    void itSolvesAnIllConditionedQuadratic() {
        int n = 10;
        double[] lambda = new double[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = Math.pow(1e4, i / (double) (n - 1));
        }
        Random random = new Random(5);
        double[] u = new double[n];
        double uu = 0;
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = random.nextGaussian();
            uu += u[i] * u[i];
            c[i] = 2 * random.nextDouble() - 1;
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    double qki = (k == i ? 1 : 0) - 2 * u[k] * u[i] / uu; // Q = I − 2uuᵀ/uᵀu, symmetric
                    double qkj = (k == j ? 1 : 0) - 2 * u[k] * u[j] / uu;
                    sum += qki * lambda[k] * qkj;
                }
                a[i][j] = sum;
            }
        }
        CostFunction quadratic = (p, g) -> {
            double j = 0;
            for (int i = 0; i < n; i++) {
                double ar = 0;
                for (int k = 0; k < n; k++) {
                    ar += a[i][k] * (p[k] - c[k]);
                }
                g[i] = (float) ar;
                j += 0.5 * (p[i] - c[i]) * ar;
            }
            return j;
        };
        float[] theta = minimise(quadratic, new float[n], 100);
        float[] gradient = new float[n];
        double value = quadratic.evaluate(theta, gradient);
        double distance = 0;
        for (int i = 0; i < n; i++) {
            distance = Math.max(distance, Math.abs(theta[i] - c[i]));
        }
        double initial = quadratic.evaluate(new float[n], new float[n]);
        assertTrue(distance < 1e-4, "the distance to the optimum " + distance);
        assertTrue(value < 1e-8 * initial, "the value " + value + ", from " + initial);
        assertTrue(norm(gradient) < 1e-3, "the gradient norm " + norm(gradient));
    }
}
