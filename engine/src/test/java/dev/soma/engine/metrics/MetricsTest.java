package dev.soma.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The metrics against values computed with scikit-learn's definitions by hand. */
class MetricsTest {

    @Test
    void binaryMetricsFollowScikitLearn() {
        // y_true = [0, 0, 1, 1, 1], P(1) = [0.1, 0.6, 0.4, 0.8, 0.9]: predictions [0, 1, 0, 1, 1].
        int[] truth = {0, 0, 1, 1, 1};
        float[] p1 = {0.1f, 0.6f, 0.4f, 0.8f, 0.9f};
        float[][] probabilities = new float[5][];
        for (int i = 0; i < 5; i++) {
            probabilities[i] = new float[] {1 - p1[i], p1[i]};
        }
        ClassificationReport r = Metrics.classification(new float[] {0, 1}, truth, probabilities);
        assertEquals(0.6, r.accuracy(), 1e-12);
        assertEquals(2.0 / 3, r.precision(), 1e-12);   // TP 2, FP 1
        assertEquals(2.0 / 3, r.recall(), 1e-12);      // TP 2, FN 1
        assertEquals(2.0 / 3, r.f1(), 1e-12);
        assertEquals(5.0 / 6, r.rocAuc(), 1e-12);      // 5 of the 6 (positive, negative) pairs ordered right
        assertArrayEquals(new int[][] {{1, 1}, {1, 2}}, r.confusion());
        double logLoss = -(Math.log(0.9f) + Math.log(0.4f) + Math.log(0.4f) + Math.log(0.8f) + Math.log(0.9f)) / 5;
        assertEquals(logLoss, r.logLoss(), 1e-6);
    }

    @Test
    void tiesShareTheirRankInTheAuc() {
        int[] truth = {0, 1, 0, 1};
        float[][] p = {{0.5f, 0.5f}, {0.5f, 0.5f}, {0.9f, 0.1f}, {0.1f, 0.9f}};
        assertEquals(0.875, Metrics.classification(new float[] {0, 1}, truth, p).rocAuc(), 1e-12);
    }

    @Test
    void multiclassMetricsAreMacroAverages() {
        int[] truth = {0, 1, 2, 2};
        float[][] p = {{0.8f, 0.1f, 0.1f}, {0.2f, 0.3f, 0.5f}, {0.1f, 0.1f, 0.8f}, {0.1f, 0.2f, 0.7f}};
        ClassificationReport r = Metrics.classification(new float[] {0, 1, 2}, truth, p);
        assertEquals(0.75, r.accuracy(), 1e-12);
        // precision: class 0 1/1, class 1 0 (none predicted), class 2 2/3; recall: 1, 0, 1
        assertEquals((1 + 0 + 2.0 / 3) / 3, r.precision(), 1e-12);
        assertEquals((1 + 0 + 1) / 3.0, r.recall(), 1e-12);
        assertEquals((1 + 0 + 0.8) / 3, r.f1(), 1e-12);
    }

    @Test
    void regressionMetricsFollowScikitLearn() {
        float[] truth = {3f, -0.5f, 2f, 7f};
        float[] predicted = {2.5f, 0f, 2f, 8f};
        RegressionMetrics m = Metrics.regression(truth, predicted);
        assertEquals(0.375, m.meanSquaredError(), 1e-12);
        assertEquals(0.5, m.meanAbsoluteError(), 1e-12);
        assertEquals(0.9486081370449679, m.r2(), 1e-12);  // scikit-learn's r2_score example
        assertEquals(Math.sqrt(0.375), m.rootMeanSquaredError(), 1e-12);
    }
}
