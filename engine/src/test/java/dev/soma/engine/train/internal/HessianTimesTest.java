package dev.soma.engine.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.SparseRows;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.kernels.Kernels;
import dev.soma.engine.kernels.Rows;
import dev.soma.engine.plugins.PluginRegistry;
import dev.soma.plugins.CostFunction;
import dev.soma.plugins.Loss;
import dev.soma.plugins.Options;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Hessian-vector products of the linear objectives, dense and sparse: against {@code (1/m)·X̃ᵀDX̃v + λ2·v}
 * computed here in double from the definition (X̃ the standardised rows with a column of ones, D the loss's second
 * derivative times the sample weight), and so the Hessian's diagonal, against a central difference of the objective's own gradient, the same
 * bits for one and two threads, and at the parameters asked for even when another point was evaluated last.
 */
class HessianTimesTest {

    private static final Penalty L2 = new Penalty(0, 0.05);

    private record Problem(Dataset data, Loss loss, float[] weights, Standardizer standardizer) {
    }

    private static Problem problem(String lossName, boolean weighted, boolean standardised, boolean sparse, int n,
                                   int d, long seed) {
        Loss loss = PluginRegistry.discover().loss(lossName, Options.empty());
        Random random = new Random(seed);
        float[] x = new float[n * d];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                if (!sparse || random.nextDouble() < 0.3) {
                    x[i * d + j] = (float) (standardised ? 5 + j + 3 * random.nextGaussian() : random.nextGaussian());
                }
            }
            y[i] = lossName.equals("log") ? (random.nextBoolean() ? 1 : 0) : (float) random.nextGaussian();
        }
        Dataset data = sparse ? Dataset.sparse(SparseRows.fromDense(x, n, d), y) : Dataset.fromRowMajor(x, d, y);
        float[] weights = null;
        if (weighted) {
            weights = new float[n];
            for (int i = 0; i < n; i++) {
                weights[i] = (float) (0.5 + random.nextDouble());
            }
        }
        return new Problem(data, loss, weights, standardised ? Standardizer.fit(data) : null);
    }

    private static TrainingObjective objective(Problem p, Penalty penalty, Kernels kernels, ExecutorService pool,
                                               int threads) {
        return p.data().isSparse()
                ? new SparseLinearObjective(p.data(), p.standardizer(), p.loss(), penalty, p.weights(), kernels, pool, threads)
                : new LinearObjective(p.data(), p.standardizer(), p.loss(), penalty, p.weights(), kernels, pool, threads);
    }

    private static float[] randomVector(int length, Random random, double scale) {
        float[] v = new float[length];
        for (int j = 0; j < length; j++) {
            v[j] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }

    @ParameterizedTest(name = "{0} loss, {1} kernels, weighted {2}, standardised {3}, sparse {4}")
    @CsvSource({"log, scalar, false, false, false", "log, active, false, false, false",
        "log, active, true, true, false", "log, scalar, false, true, false", "mse, active, false, false, false",
        "mse, scalar, true, true, false", "log, active, false, false, true", "log, scalar, true, true, true",
        "mse, active, false, true, true", "mse, scalar, true, false, true"})
    void productsMatchTheDefinitionAndTheGradientsDifferences(String lossName, String kernelChoice, boolean weighted,
                                                              boolean standardised, boolean sparse) {
        Kernels kernels = kernelChoice.equals("scalar") ? KernelSelection.scalar() : KernelSelection.active();
        int n = 300;
        int d = 13;
        Problem p = problem(lossName, weighted, standardised, sparse, n, d, 11);
        TrainingObjective objective = objective(p, L2, kernels, null, 1);
        assertTrue(objective.hasHessian());
        Random random = new Random(3);
        float[] theta = randomVector(d + 1, random, 0.3);
        float[] v = randomVector(d + 1, random, 1);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (i * 7) % n;
        }
        for (Rows batch : new Rows[] {Rows.range(0, n), Rows.indexed(order, 10, 110)}) {
            CostFunction function = objective.over(batch);
            assertTrue(function.hasHessian());
            float[] gradient = new float[d + 1];
            function.evaluate(theta, gradient);
            float[] product = new float[d + 1];
            function.hessianTimes(theta, v, product);
            double[] expected = definition(p, batch, theta, v);
            double scale = 0;
            for (double e : expected) {
                scale = Math.max(scale, Math.abs(e));
            }
            for (int j = 0; j <= d; j++) {
                assertEquals(expected[j], product[j], 1e-5 * scale, batch + " (Hv)" + j);
            }
            // The diagonal: e_jᵀ·H·e_j from the definition.
            float[] diagonal = new float[d + 1];
            assertTrue(function.hessianDiagonal(theta, diagonal));
            for (int j = 0; j <= d; j++) {
                float[] unit = new float[d + 1];
                unit[j] = 1;
                double expectedDiagonal = definition(p, batch, theta, unit)[j];
                assertEquals(expectedDiagonal, diagonal[j], 1e-5 * Math.abs(expectedDiagonal), batch + " diag H " + j);
            }
            // The gradient's central difference along v: the definition above is the Hessian of the cost trained on.
            double h = 1e-2;
            float[] plus = new float[d + 1];
            float[] minus = new float[d + 1];
            float[] at = new float[d + 1];
            for (int j = 0; j <= d; j++) {
                at[j] = (float) (theta[j] + h * v[j]);
            }
            objective.evaluate(at, batch, plus);
            for (int j = 0; j <= d; j++) {
                at[j] = (float) (theta[j] - h * v[j]);
            }
            objective.evaluate(at, batch, minus);
            for (int j = 0; j <= d; j++) {
                double numerical = (plus[j] - minus[j]) / (2 * h);
                assertEquals(numerical, product[j], 2e-3 * scale, batch + " (Hv)" + j + " by differences");
            }
        }
    }

    /** {@code (1/m)·Σ s_i·L''(z_i)·x̃_i·(x̃_i·v_w + v_b) + λ2·v_w}, and the bias's part without λ2, in double. */
    private static double[] definition(Problem p, Rows rows, float[] theta, float[] v) {
        Dataset data = p.data();
        int d = data.dimension();
        double[] out = new double[d + 1];
        double[] feature = new double[d];
        for (int k = 0; k < rows.size(); k++) {
            int r = rows.row(k);
            double z = theta[d];
            double q = v[d];
            for (int c = 0; c < d; c++) {
                feature[c] = data.feature(r, c);
                if (p.standardizer() != null) {
                    feature[c] = (feature[c] - p.standardizer().means()[c]) / p.standardizer().scales()[c];
                }
                z += theta[c] * feature[c];
                q += v[c] * feature[c];
            }
            double second = switch (p.loss().name()) {
                case "log" -> {
                    double sigma = 1 / (1 + Math.exp(-z));
                    yield sigma * (1 - sigma);
                }
                case "mse" -> 2;
                default -> throw new IllegalArgumentException(p.loss().name());
            };
            double u = (p.weights() == null ? 1 : p.weights()[r]) * second * q;
            for (int c = 0; c < d; c++) {
                out[c] += u * feature[c];
            }
            out[d] += u;
        }
        for (int c = 0; c <= d; c++) {
            out[c] /= rows.size();
            if (c < d) {
                out[c] += L2.l2() * v[c];
            }
        }
        return out;
    }

    @ParameterizedTest(name = "sparse {0}")
    @CsvSource({"false", "true"})
    void oneAndTwoThreadsGiveTheSameBits(boolean sparse) {
        int n = 10_000; // more than two dense chunks of 4,096 rows; many sparse blocks
        int d = 20;
        Problem p = problem("log", false, false, sparse, n, d, 5);
        Random random = new Random(8);
        float[] theta = randomVector(d + 1, random, 0.3);
        float[] v = randomVector(d + 1, random, 1);
        Rows all = Rows.range(0, n);
        float[] one = new float[d + 1];
        float[] two = new float[d + 1];
        objective(p, L2, KernelSelection.active(), null, 1).over(all).hessianTimes(theta, v, one);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            objective(p, L2, KernelSelection.active(), pool, 2).over(all).hessianTimes(theta, v, two);
        } finally {
            pool.shutdown();
        }
        assertArrayEquals(one, two);
    }

    @ParameterizedTest(name = "sparse {0}")
    @CsvSource({"false", "true"})
    void theProductIsAtTheParametersAskedForNotTheLastEvaluated(boolean sparse) {
        int d = 10;
        Problem p = problem("log", false, false, sparse, 500, d, 9);
        Random random = new Random(4);
        float[] theta = randomVector(d + 1, random, 0.3);
        float[] other = randomVector(d + 1, random, 2);
        float[] v = randomVector(d + 1, random, 1);
        Rows all = Rows.range(0, 500);
        float[] fresh = new float[d + 1];
        objective(p, L2, KernelSelection.active(), null, 1).over(all).hessianTimes(theta, v, fresh);

        TrainingObjective objective = objective(p, L2, KernelSelection.active(), null, 1);
        CostFunction function = objective.over(all);
        float[] gradient = new float[d + 1];
        float[] product = new float[d + 1];
        function.hessianTimes(theta, v, product); // the first product keeps the curvature from now on
        function.evaluate(other, gradient); // the curvature is now at `other`
        function.hessianTimes(theta, v, product);
        assertArrayEquals(fresh, product);
        double passes = objective.passes();
        function.hessianTimes(theta, v, product);
        assertEquals(passes + 1, objective.passes(), 1e-12, "a product at the last point costs one pass");
    }

    @ParameterizedTest(name = "sparse {0}")
    @CsvSource({"false", "true"})
    void theFirstFullPassKeepsTheCurvatureForTheFirstProduct(boolean sparse) {
        int d = 10;
        Problem p = problem("log", false, false, sparse, 500, d, 9);
        Random random = new Random(4);
        float[] theta = randomVector(d + 1, random, 0.3);
        float[] v = randomVector(d + 1, random, 1);
        Rows all = Rows.range(0, 500);
        TrainingObjective objective = objective(p, L2, KernelSelection.active(), null, 1);
        objective.evaluate(theta, all, new float[d + 1]); // the loop's first evaluation
        float[] product = new float[d + 1];
        objective.hessianTimes(theta, all, v, product);
        assertEquals(2, objective.passes(), 1e-12, "the first product needs no pass for the curvature");
        float[] fresh = new float[d + 1];
        objective(p, L2, KernelSelection.active(), null, 1).hessianTimes(theta, all, v, fresh);
        assertArrayEquals(fresh, product);
    }

    @Test
    void theHingeLossAndAnL1PenaltyHaveNoHessian() {
        Loss hinge = PluginRegistry.discover().loss("hinge", Options.empty());
        for (boolean sparse : new boolean[] {false, true}) {
            Problem p = problem("log", false, false, sparse, 50, 5, 1);
            assertFalse(objective(new Problem(p.data(), hinge, null, null), L2, KernelSelection.active(), null, 1)
                    .hasHessian(), "hinge");
            TrainingObjective l1 = objective(p, new Penalty(0.01, 0.01), KernelSelection.active(), null, 1);
            assertFalse(l1.hasHessian(), "L1");
            assertFalse(l1.over(Rows.range(0, 50)).hasHessian(), "L1 through the cost function");
            assertThrows(UnsupportedOperationException.class,
                    () -> l1.hessianTimes(new float[6], Rows.range(0, 50), new float[6], new float[6]));
        }
    }
}
