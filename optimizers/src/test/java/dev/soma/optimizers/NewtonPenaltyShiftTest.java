package dev.soma.optimizers;

import static dev.soma.optimizers.NewtonTesting.cholesky;
import static dev.soma.optimizers.NewtonTesting.gradientNorm;
import static dev.soma.optimizers.NewtonTesting.step;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.plugins.Optimizer;
import dev.soma.plugins.OptimizerState;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * newton {@code solver=cholesky} on a cost that says its L2 penalty ({@link CostFunction#l2Penalty}): the matrix
 * carried from the previous fit gets the new penalty in place of the old on its diagonal and is factorised again, with
 * no pass, so the first step of the next fit is the Newton step of the new cost. On a penalised least-squares cost the
 * data part of the Hessian is the same everywhere, so that step lands on the new optimum at once; the same cost that
 * does not say its penalty gets the old factor's chord step, which does not. The last parameter is a bias the
 * penalty leaves alone, so a penalty put on every diagonal entry would not land either.
 */
class NewtonPenaltyShiftTest {

    /** {@code (1/2m)·‖Aθ − b‖² + (λ/2)·Σ_{j<n−1} θ_j²}, the last column of A all ones (a bias). */
    private static final class PenalisedLeastSquares extends NewtonTesting.MatrixCost {
        final double[][] a;
        final double[] b;
        final double lambda;
        final boolean says;

        PenalisedLeastSquares(double[][] a, double[] b, double lambda, boolean says) {
            this.a = a;
            this.b = b;
            this.lambda = lambda;
            this.says = says;
        }

        static PenalisedLeastSquares random(int m, int n, double lambda, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            double[][] a = new double[m][n];
            double[] b = new double[m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n - 1; j++) {
                    a[i][j] = random.nextGaussian() * (1 + j);
                }
                a[i][n - 1] = 1;
                b[i] = 3 + random.nextGaussian() * 4;
            }
            return new PenalisedLeastSquares(a, b, lambda, true);
        }

        PenalisedLeastSquares with(double newLambda, boolean newSays) {
            return new PenalisedLeastSquares(a, b, newLambda, newSays);
        }

        @Override
        public double evaluate(float[] theta, float[] gradient) {
            int n = theta.length;
            double[] g = new double[n];
            double cost = 0;
            for (int i = 0; i < a.length; i++) {
                double[] row = a[i];
                double r = -b[i];
                for (int j = 0; j < n; j++) {
                    r += row[j] * theta[j];
                }
                cost += 0.5 * r * r;
                for (int j = 0; j < n; j++) {
                    g[j] += r * row[j];
                }
            }
            cost /= a.length;
            for (int j = 0; j < n; j++) {
                double pen = j < n - 1 ? lambda : 0;
                cost += 0.5 * pen * theta[j] * theta[j];
                gradient[j] = (float) (g[j] / a.length + pen * theta[j]);
            }
            return cost;
        }

        @Override
        void fill(float[] theta, double[] out) {
            int n = theta.length;
            java.util.Arrays.fill(out, 0, n * n, 0);
            for (double[] row : a) {
                for (int j = 0; j < n; j++) {
                    for (int k = 0; k < n; k++) {
                        out[j * n + k] += row[j] * row[k] / a.length;
                    }
                }
            }
            for (int j = 0; j < n - 1; j++) {
                out[j * n + j] += lambda;
            }
        }

        @Override
        public double l2Penalty(int parameter) {
            return !says ? Double.NaN : parameter < a[0].length - 1 ? lambda : 0;
        }
    }

    /** The optimum of {@code first} and newton's state there (after a few steps). */
    private static OptimizerState solved(PenalisedLeastSquares first, float[] theta) {
        Optimizer newton = cholesky(theta.length);
        for (int i = 0; i < 4; i++) {
            step(newton, first, theta);
        }
        assertTrue(gradientNorm(first, theta) < 1e-4, "solved: " + gradientNorm(first, theta));
        return newton.state();
    }

    @Test
    void theCarriedMatrixTakesTheNewPenaltyAndItsFirstStepLands() {
        PenalisedLeastSquares first = PenalisedLeastSquares.random(80, 6, 2.0, 4);
        float[] optimum = new float[6];
        OptimizerState state = solved(first, optimum);

        PenalisedLeastSquares next = first.with(0.05, true);
        Optimizer carried = cholesky(6);
        carried.restore(state);
        float[] theta = optimum.clone();
        double before = step(carried, next, theta);
        double after = gradientNorm(next, theta);
        assertEquals(0, next.matrices, "no matrix built: the carried one took the new penalty");
        assertEquals(1, ((Newton) carried).penaltyShifts());
        assertTrue(before > 0.1, "the penalty's change moved the optimum: gradient " + before);
        assertTrue(after < 1e-5 * before, "the Newton step of the new cost lands: " + before + " -> " + after);

        // The same cost not saying its penalty: the old factor's chord step, which does not land.
        PenalisedLeastSquares silent = first.with(0.05, false);
        Optimizer chord = cholesky(6);
        chord.restore(state);
        float[] chordTheta = optimum.clone();
        step(chord, silent, chordTheta);
        assertEquals(0, ((Newton) chord).penaltyShifts());
        assertTrue(gradientNorm(silent, chordTheta) > 1e-3 * before, "a chord step with the old λ does not land: "
                + gradientNorm(silent, chordTheta));
    }

    @Test
    void theStateHoldsTheMatrixTheFactorAndThePenaltyExactly() {
        PenalisedLeastSquares first = PenalisedLeastSquares.random(50, 5, 0.7, 9);
        float[] optimum = new float[5];
        OptimizerState state = solved(first, optimum);
        assertTrue(state.bufferNames().contains("penalty.hi"), state.bufferNames().toString());
        assertTrue(state.bufferNames().contains("matrix.diagonal.lo"), state.bufferNames().toString());
        Optimizer restored = cholesky(5);
        restored.restore(state);
        assertEquals(state, restored.state(), "restore then state() gives the same snapshot, bit for bit");
        // Two restored copies take the same steps on the next cost (the shift included), and keep equal states.
        Optimizer other = cholesky(5);
        other.restore(state);
        PenalisedLeastSquares next = first.with(0.2, true);
        float[] a = optimum.clone();
        float[] b = optimum.clone();
        for (int i = 0; i < 2; i++) {
            step(restored, next, a);
            step(other, next, b);
        }
        assertArrayEquals(a, b);
        assertEquals(restored.state(), other.state());
        // After the shift the state holds the new penalty.
        Optimizer again = cholesky(5);
        again.restore(restored.state());
        float[] c = a.clone();
        step(again, next, c);
        assertEquals(0, ((Newton) again).penaltyShifts(), "the carried penalty is already the new one");
    }
}
