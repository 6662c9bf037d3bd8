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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The dense linear objective's whole Hessian matrix ({@link CostFunction#hessianMatrix}): column j equals the
 * Hessian-vector product with the unit vector e_j (log loss and squared error, raw and standardised features, sample
 * weights, an L2 penalty on the weights and none on the bias), symmetric, the same bits for one and two threads over
 * several chunks, and declined by the sparse objective and above the size limit.
 */
class HessianMatrixTest {

    private static final Penalty L2 = new Penalty(0, 0.05);

    private static Dataset data(int n, int d, boolean log, boolean shifted, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n * d];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (shifted ? 5 + j + 3 * random.nextGaussian() : random.nextGaussian());
            }
            y[i] = log ? (random.nextBoolean() ? 1 : 0) : (float) random.nextGaussian();
        }
        return Dataset.fromRowMajor(x, d, y);
    }

    @ParameterizedTest(name = "{0} loss, {1} kernels, weighted {2}, standardised {3}")
    @CsvSource({"log, active, false, false", "log, scalar, false, true", "log, active, true, true",
        "mse, active, false, true", "mse, scalar, true, false"})
    void columnsAreTheProductsWithUnitVectors(String lossName, String kernelChoice, boolean weighted,
                                              boolean standardised) {
        Kernels kernels = kernelChoice.equals("scalar") ? KernelSelection.scalar() : KernelSelection.active();
        int n = 700; // two blocks of the matrix's 512 rows
        int d = 13;
        Dataset data = data(n, d, lossName.equals("log"), standardised, 11);
        Loss loss = PluginRegistry.discover().loss(lossName, Options.empty());
        float[] weights = null;
        Random random = new Random(3);
        if (weighted) {
            weights = new float[n];
            for (int i = 0; i < n; i++) {
                weights[i] = (float) (0.5 + random.nextDouble());
            }
        }
        LinearObjective objective = new LinearObjective(data, standardised ? Standardizer.fit(data) : null, loss, L2,
                weights, kernels, null, 1);
        CostFunction function = objective.over(Rows.range(0, n));
        assertTrue(function.hasHessianMatrix());
        float[] theta = new float[d + 1];
        for (int j = 0; j <= d; j++) {
            theta[j] = (float) (0.3 * random.nextGaussian());
        }
        int p = d + 1;
        double[] matrix = new double[p * p];
        function.hessianMatrix(theta, matrix);
        double scale = 0;
        for (double h : matrix) {
            scale = Math.max(scale, Math.abs(h));
        }
        for (int j = 0; j < p; j++) {
            float[] unit = new float[p];
            unit[j] = 1;
            float[] column = new float[p];
            function.hessianTimes(theta, unit, column);
            for (int i = 0; i < p; i++) {
                // The products are summed in float and returned as float: agreement to float rounding.
                assertEquals(column[i], matrix[i * p + j], 1e-5 * scale, "H[" + i + "][" + j + "]");
                assertEquals(matrix[j * p + i], matrix[i * p + j], 0, "symmetric at " + i + ", " + j);
            }
        }
        // The bias is not penalised: its diagonal entry is the mean curvature alone, without λ2.
        double meanCurvature = matrix[d * p + d];
        float[] unit = new float[p];
        unit[d] = 1;
        float[] column = new float[p];
        function.hessianTimes(theta, unit, column);
        assertEquals(column[d], meanCurvature, 1e-6 * Math.abs(meanCurvature));
        assertTrue(matrix[0] > L2.l2(), "the weights' diagonal includes λ2");
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        int n = 10_000; // three chunks of 4,096 rows
        int d = 20;
        Dataset data = data(n, d, true, true, 5);
        Loss loss = PluginRegistry.discover().loss("log", Options.empty());
        Standardizer standardizer = Standardizer.fit(data);
        float[] theta = new float[d + 1];
        Random random = new Random(8);
        for (int j = 0; j <= d; j++) {
            theta[j] = (float) (0.3 * random.nextGaussian());
        }
        double[] one = new double[(d + 1) * (d + 1)];
        double[] two = new double[(d + 1) * (d + 1)];
        new LinearObjective(data, standardizer, loss, L2, null, KernelSelection.active(), null, 1)
                .over(Rows.range(0, n)).hessianMatrix(theta, one);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            new LinearObjective(data, standardizer, loss, L2, null, KernelSelection.active(), pool, 2)
                    .over(Rows.range(0, n)).hessianMatrix(theta, two);
        } finally {
            pool.shutdown();
        }
        assertArrayEquals(one, two);
    }

    @Test
    void theSparseObjectiveAndLargeDimensionsDecline() {
        Loss loss = PluginRegistry.discover().loss("log", Options.empty());
        Dataset dense = data(200, 5, true, false, 1);
        float[] x = new float[200 * 5];
        for (int i = 0; i < 200; i++) {
            for (int j = 0; j < 5; j++) {
                x[i * 5 + j] = dense.feature(i, j);
            }
        }
        Dataset sparse = Dataset.sparse(SparseRows.fromDense(x, 200, 5), dense.labelArray());
        CostFunction sparseCost = new SparseLinearObjective(sparse, null, loss, L2, null, KernelSelection.active(),
                null, 1).over(Rows.range(0, 200));
        assertTrue(sparseCost.hasHessian());
        assertFalse(sparseCost.hasHessianMatrix());
        assertThrows(UnsupportedOperationException.class, () -> sparseCost.hessianMatrix(new float[6], new double[36]));

        int d = LinearObjective.HESSIAN_MATRIX_LIMIT; // d + 1 parameters: one over the limit
        CostFunction wide = new LinearObjective(data(70, d, true, false, 2), null, loss, L2, null,
                KernelSelection.active(), null, 1).over(Rows.range(0, 70));
        assertTrue(wide.hasHessian());
        assertFalse(wide.hasHessianMatrix());
        CostFunction l1 = new LinearObjective(dense, null, loss, new Penalty(0.01, 0.01), null,
                KernelSelection.active(), null, 1).over(Rows.range(0, 200));
        assertFalse(l1.hasHessianMatrix());
    }

    /**
     * {@link CostFunction#l2Penalty}: λ2 on each weight and 0 on the bias, and it is exactly what the penalty adds to
     * the matrix — the matrices of two penalties at the same θ differ by the difference of the two answers on the
     * diagonal and nowhere else (the data part is the same).
     */
    @Test
    void theL2PenaltyIsTheMatrixShareOfThePenalty() {
        int n = 300;
        int d = 7;
        Dataset data = data(n, d, true, true, 5);
        Loss loss = PluginRegistry.discover().loss("log", Options.empty());
        Standardizer standardizer = Standardizer.fit(data);
        CostFunction strong = new LinearObjective(data, standardizer, loss, new Penalty(0, 0.4), null,
                KernelSelection.active(), null, 1).over(Rows.range(0, n));
        CostFunction weak = new LinearObjective(data, standardizer, loss, new Penalty(0, 0.003), null,
                KernelSelection.active(), null, 1).over(Rows.range(0, n));
        int p = d + 1;
        for (int j = 0; j < d; j++) {
            assertEquals(0.4, strong.l2Penalty(j), 0);
            assertEquals(0.003, weak.l2Penalty(j), 0);
        }
        assertEquals(0, strong.l2Penalty(d), 0, "the bias is not penalised");
        assertThrows(IndexOutOfBoundsException.class, () -> strong.l2Penalty(p));
        float[] theta = new float[p];
        Random random = new Random(8);
        for (int j = 0; j < p; j++) {
            theta[j] = (float) random.nextGaussian();
        }
        double[] a = new double[p * p];
        double[] b = new double[p * p];
        strong.evaluate(theta, new float[p]);
        strong.hessianMatrix(theta, a);
        weak.evaluate(theta, new float[p]);
        weak.hessianMatrix(theta, b);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double shift = i == j ? strong.l2Penalty(i) - weak.l2Penalty(i) : 0;
                assertEquals(shift, a[i * p + j] - b[i * p + j], 1e-12, "(" + i + ", " + j + ")");
            }
        }
        // A cost that does not say (the default) answers NaN.
        CostFunction plain = (theta2, gradient) -> 0;
        assertTrue(Double.isNaN(plain.l2Penalty(0)));
    }
}
