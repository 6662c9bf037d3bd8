package dev.soma.engine.model;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.metrics.RegressionMetrics;
import dev.soma.engine.testing.TestData;
import dev.soma.engine.train.StopReason;
import dev.soma.engine.train.TrainingDivergedException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.plugins.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinearRegressionTest {

    private static final float[] TRUE_WEIGHTS = {2f, -3f, 0.5f, 0f, 1.25f};

    /** Ordinary least squares in double through the normal equations, as the oracle. */
    private static double[] leastSquares(Dataset data) {
        int n = data.size();
        int d = data.dimension();
        int p = d + 1;
        double[][] a = new double[p][p + 1];
        for (int i = 0; i < n; i++) {
            double[] row = new double[p];
            for (int j = 0; j < d; j++) {
                row[j] = data.feature(i, j);
            }
            row[d] = 1;
            for (int r = 0; r < p; r++) {
                for (int c = 0; c < p; c++) {
                    a[r][c] += row[r] * row[c];
                }
                a[r][p] += row[r] * data.label(i);
            }
        }
        for (int col = 0; col < p; col++) { // Gauss–Jordan with partial pivoting
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (int r = 0; r < p; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c <= p; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] solution = new double[p];
        for (int r = 0; r < p; r++) {
            solution[r] = a[r][p] / a[r][r];
        }
        return solution;
    }

    @Test
    void batchGradientDescentReachesTheLeastSquaresSolution() {
        Dataset data = TestData.linear(2000, TRUE_WEIGHTS, 0.7f, 0.3, 1);
        LinearRegression model = LinearRegression.trainer()
                .optimizer("batch", Options.of("learningRate", 0.2))
                .maxEpochs(10_000)
                .gradientTolerance(1e-5)
                .costTolerance(0)
                .fit(data);
        double[] exact = leastSquares(data);
        float[] w = model.weights();
        for (int j = 0; j < w.length; j++) {
            assertEquals(exact[j], w[j], 1e-4, "w[" + j + "]");
        }
        assertEquals(exact[w.length], model.bias(), 1e-3);
        assertEquals(StopReason.GRADIENT_TOLERANCE, model.summary().stopReason(), model.summary().toString());
        RegressionMetrics metrics = model.evaluate(data);
        assertEquals(0.09, metrics.meanSquaredError(), 0.01); // the noise variance 0.3²
        assertTrue(metrics.r2() > 0.99, metrics.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "minibatch", "batch"})
    void everyOptimizerRecoversTheTrueWeights(String optimizer) {
        Dataset data = TestData.linear(3000, TRUE_WEIGHTS, -1f, 0.05, 2);
        LinearRegression model = LinearRegression.trainer()
                .optimizer(optimizer, Options.of("learningRate", optimizer.equals("sgd") ? 0.005 : 0.1))
                .maxEpochs(optimizer.equals("batch") ? 5000 : 40)
                .seed(3)
                .fit(data);
        float[] w = model.weights();
        for (int j = 0; j < w.length; j++) {
            assertEquals(TRUE_WEIGHTS[j], w[j], 0.02, optimizer + " w[" + j + "]");
        }
        assertEquals(-1f, model.bias(), 0.05, optimizer + " bias");
    }

    @Test
    void aTooLargeLearningRateStopsWithAClearMessage() {
        Dataset data = TestData.linear(200, TRUE_WEIGHTS, 0f, 0.1, 4);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> LinearRegression.trainer()
                .optimizer("batch", Options.of("learningRate", 50.0))
                .maxEpochs(1000)
                .fit(data));
        assertTrue(e.getMessage().contains("training diverged at epoch " + e.epoch()), e.getMessage());
        assertTrue(e.getMessage().contains("'batch' optimizer at learning rate 50.0"), e.getMessage());
        assertTrue(e.getMessage().contains("try a smaller learning rate"), e.getMessage());
    }

    @Test
    void predictionsUseTheRawFeatureScale() {
        Dataset data = TestData.linear(500, TRUE_WEIGHTS, 3f, 0.0, 5);
        LinearRegression model = LinearRegression.trainer()
                .optimizer("batch", Options.of("learningRate", 0.2))
                .maxEpochs(5000).gradientTolerance(1e-6).costTolerance(0)
                .fit(data);
        float[] row = {1f, 2f, 3f, 4f, 5f};
        double expected = 3;
        for (int j = 0; j < row.length; j++) {
            expected += TRUE_WEIGHTS[j] * row[j];
        }
        assertEquals(expected, model.predict(row), 1e-3);
    }
}
