package dev.soma.optimizers;

import static dev.soma.optimizers.NewtonTesting.cholesky;
import static dev.soma.optimizers.NewtonTesting.gradientNorm;
import static dev.soma.optimizers.NewtonTesting.step;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.plugins.CostFunction;
import dev.soma.optimizers.NewtonTesting.PenalisedLogistic;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.OptimizerState;
import dev.soma.plugins.StepContext;
import org.junit.jupiter.api.Test;

/**
 * newton's {@code solver=cholesky} factor in its state, as a regularisation path hands it from one fit to the next:
 * the state holds the factor exactly (restore then state gives the same snapshot), the next problem's first step
 * tries it instead of building a matrix, and a carried factor whose whole step fails is replaced by a fresh one at
 * once instead of being searched along. The cost is an L2-penalised logistic loss on random rows, which gives its
 * whole Hessian matrix as the engine's linear objectives do.
 */
class NewtonFactorStateTest {

    /** Steps until the gradient norm is at most 1e-6 (at most 30 steps); returns the steps. */
    private static int solve(Optimizer optimizer, CostFunction function, float[] theta) {
        int steps = 0;
        while (gradientNorm(function, theta) > 1e-6) {
            step(optimizer, function, theta);
            assertTrue(++steps < 30, "no convergence in 30 steps");
        }
        return steps;
    }

    @Test
    void theStateHoldsTheFactorExactly() {
        PenalisedLogistic cost = PenalisedLogistic.random(60, 6, 0.05, 1);
        Optimizer newton = cholesky(6);
        float[] theta = new float[6];
        solve(newton, cost, theta);
        OptimizerState state = newton.state();
        assertTrue(state.bufferNames().contains("matrix.hi.5"), "the factor's rows: " + state.bufferNames());
        Optimizer restored = cholesky(6);
        restored.restore(state);
        assertEquals(state, restored.state(), "restore then state() gives the same snapshot, bit for bit");
        // A copy continues exactly, factor included.
        PenalisedLogistic next = cost.withLambda(0.03);
        Optimizer copy = newton.copy();
        float[] a = theta.clone();
        float[] b = theta.clone();
        for (int i = 0; i < 4; i++) {
            step(newton, next, a);
            step(copy, next, b);
        }
        assertArrayEquals(a, b);
        assertEquals(newton.state(), copy.state());
    }

    @Test
    void theNextProblemsFirstStepTriesTheCarriedFactor() {
        PenalisedLogistic first = PenalisedLogistic.random(60, 6, 0.05, 2);
        Optimizer newton = cholesky(6);
        float[] theta = new float[6];
        solve(newton, first, theta);
        // The next point of a path: a penalty 1.6 times weaker, from the last optimum.
        PenalisedLogistic warm = first.withLambda(0.05 / 1.6);
        Optimizer carried = cholesky(6);
        carried.restore(newton.state());
        float[] carriedTheta = theta.clone();
        double before = gradientNorm(warm, carriedTheta);
        step(carried, warm, carriedTheta);
        assertEquals(0, warm.matrices, "the first step used the carried factor, no new matrix");
        assertTrue(gradientNorm(warm, carriedTheta) < 0.5 * before, "and it cut the gradient");
        solve(carried, warm, carriedTheta);

        PenalisedLogistic fresh = first.withLambda(0.05 / 1.6);
        float[] freshTheta = theta.clone();
        Optimizer plain = cholesky(6);
        step(plain, fresh, freshTheta);
        assertEquals(1, fresh.matrices, "without a carried state the first step builds the matrix");
        solve(plain, fresh, freshTheta);
        assertArrayEquals(freshTheta, carriedTheta, 2e-5f, "both reach the optimum");
        assertTrue(warm.matrices <= fresh.matrices, "matrices with the carried factor " + warm.matrices
                + ", without " + fresh.matrices);
    }

    @Test
    void aCarriedFactorWhoseWholeStepFailsIsReplacedAtOnce() {
        // The factor of a very weak penalty overshoots on a problem with a strong one: its whole step raises the
        // cost. The step then builds the matrix and takes a fresh Newton step: two evaluations, not a line search.
        PenalisedLogistic weak = PenalisedLogistic.random(60, 6, 1e-4, 3);
        Optimizer newton = cholesky(6);
        float[] theta = new float[6];
        solve(newton, weak, theta);
        PenalisedLogistic strong = weak.withLambda(5);
        Optimizer carried = cholesky(6);
        carried.restore(newton.state());
        float[] g = new float[6];
        double cost = strong.evaluate(theta, g);
        strong.evaluations = 0;
        float[] stepped = theta.clone();
        carried.step(stepped, g, StepContext.of(cost, 1, 1, strong));
        assertEquals(1, strong.matrices, "a fresh matrix after the carried step failed");
        assertEquals(2, strong.evaluations, "the failed whole step and the fresh step: no halving");
        assertTrue(strong.evaluate(stepped, new float[6]) < cost, "the step taken lowers the cost");
        assertFalse(java.util.Arrays.equals(theta, stepped));
    }
}
