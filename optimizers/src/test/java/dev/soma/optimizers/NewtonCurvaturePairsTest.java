package dev.soma.optimizers;

import static dev.soma.optimizers.NewtonTesting.cholesky;
import static dev.soma.optimizers.NewtonTesting.gradientNorm;
import static dev.soma.optimizers.NewtonTesting.step;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.optimizers.NewtonTesting.PenalisedLogistic;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.OptimizerState;
import dev.soma.plugins.Options;
import dev.soma.testkit.PlainVectorOps;
import org.junit.jupiter.api.Test;

/**
 * newton {@code solver=cholesky}'s curvature pairs: a factor reused away from where its matrix was built — the next
 * fit of a regularisation path, started at an extrapolation of the last optima — is corrected by the pairs of the
 * steps since (as BFGS corrects its matrix), the pair between the last fit's end and the new start included. On a
 * penalised logistic cost, whose Hessian changes from point to point, the corrected first step lands much closer
 * than the same factor's step without the pairs; and the pairs travel in the optimizer's state.
 */
class NewtonCurvaturePairsTest {

    /** Solves {@code cost} from {@code theta} (in place) to a small gradient; newton's state at the end. */
    private static OptimizerState solve(Optimizer newton, PenalisedLogistic cost, float[] theta) {
        for (int i = 0; i < 30 && gradientNorm(cost, theta) > 1e-6; i++) {
            step(newton, cost, theta);
        }
        assertTrue(gradientNorm(cost, theta) <= 1e-6, "solved: " + gradientNorm(cost, theta));
        return newton.state();
    }

    /**
     * A path of fits at λ = 0.3 down by a factor 1.6 each, every fit to a gradient of 1e-6, each from the secant
     * through the last two optima along log λ with the last fit's optimizer state — newton keeping {@code pairs}
     * curvature pairs (0: chord steps on the factor alone). Returns the passes over the data: gradient evaluations
     * plus matrices.
     */
    private static int pathPasses(PenalisedLogistic cost, int n, int pairs) {
        float[] theta = new float[n];
        float[] previous = null;
        OptimizerState state = null;
        int evaluations = 0;
        int matrices = 0;
        double lambda = 0.3;
        double lastLambda = Double.NaN;
        for (int fit = 0; fit < 12; fit++, lambda /= 1.6) {
            PenalisedLogistic at = cost.withLambda(lambda);
            Optimizer newton = new NewtonProvider().create(Options.of(java.util.Map.of("solver", "cholesky", "pairs", pairs)));
            newton.initialise(n, new PlainVectorOps());
            if (state != null) {
                newton.restore(state);
            }
            if (previous != null) {
                double ratio = Math.log(lambda / lastLambda) / Math.log(1.6 * lastLambda / lastLambda);
                float[] optimum = theta.clone();
                for (int j = 0; j < n; j++) {
                    theta[j] = (float) (optimum[j] - ratio * (optimum[j] - previous[j]));
                }
                previous = optimum;
            } else {
                previous = theta.clone();
            }
            evaluations++;
            for (int i = 0; i < 50 && gradientNorm(at, theta) > 1e-6; i++) {
                step(newton, at, theta);
                evaluations++;
            }
            assertTrue(gradientNorm(at, theta) <= 1e-6, "fit " + fit + ": " + gradientNorm(at, theta));
            matrices += at.matrices;
            state = newton.state();
            lastLambda = lambda;
        }
        return evaluations + matrices;
    }

    @Test
    void thePairsCorrectTheCarriedFactorAlongAPath() {
        PenalisedLogistic cost = PenalisedLogistic.withBias(400, 10, 0.3, 21);
        int with = pathPasses(cost, 10, Newton.PAIRS);
        int without = pathPasses(cost, 10, 0);
        assertTrue(with <= 0.95 * without, "passes along the path: " + with + " with the pairs, " + without
                + " with the factor alone");
    }

    @Test
    void thePairsTravelInTheStateBitForBit() {
        PenalisedLogistic cost = PenalisedLogistic.withBias(200, 6, 0.05, 3);
        Optimizer newton = cholesky(6);
        float[] theta = new float[6];
        OptimizerState state = solve(newton, cost, theta);
        assertTrue(state.scalar("pairs") >= 1, "pairs kept: " + state.scalar("pairs"));
        Optimizer restored = cholesky(6);
        restored.restore(state);
        assertEquals(state, restored.state());
        Optimizer copy = newton.copy();
        assertEquals(state, copy.state(), "a copy holds the same pairs");
    }

    @Test
    void anOptimizerKeepingFewerPairsRestoresTheNewest() {
        int n = 10;
        PenalisedLogistic cost = PenalisedLogistic.withBias(400, n, 0.3, 21);
        Optimizer newton = cholesky(n);
        float[] theta = new float[n];
        OptimizerState state = null;
        int pairs = 0;
        // Fits along a path with chord steps until the state holds a few pairs.
        for (double lambda = 0.3; lambda > 1e-3 && pairs < 3; lambda /= 1.6) {
            state = solve(newton, cost.withLambda(lambda), theta);
            pairs = (int) state.scalar("pairs");
        }
        assertTrue(pairs >= 3, "pairs gathered: " + pairs);
        Optimizer two = new NewtonProvider().create(Options.of(java.util.Map.of("solver", "cholesky", "pairs", 2)));
        two.initialise(n, new PlainVectorOps());
        two.restore(state);
        OptimizerState kept = two.state();
        assertEquals(2.0, kept.scalar("pairs"));
        assertArrayEquals(state.buffer("pair.step." + (pairs - 1)), kept.buffer("pair.step.1"), 0f, "the newest last");
        assertArrayEquals(state.buffer("pair.change." + (pairs - 2)), kept.buffer("pair.change.0"), 0f);
    }
}
