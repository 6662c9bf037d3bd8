package dev.soma.engine.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.metrics.ClassificationReport;
import dev.soma.engine.metrics.Report;
import dev.soma.engine.model.LinearModel;
import dev.soma.engine.model.LinearRegression;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.Model;
import dev.soma.engine.table.TableReader;
import dev.soma.engine.table.TableRows;
import dev.soma.engine.table.TableSpec;
import dev.soma.engine.testing.TestData;
import dev.soma.engine.train.Trainer;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

    private static Trainer<LogisticRegression> logistic() {
        return LogisticRegression.trainer().optimizer("lbfgs").l2(2e-3).maxEpochs(500).gradientTolerance(1e-7)
                .costTolerance(0);
    }

    @Test
    void twoThreadsGiveBitForBitTheResultsOfOne() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        CrossValidationResult one = CrossValidation.of(logistic(), 5).seed(3).threads(1).run(data);
        CrossValidationResult two = CrossValidation.of(logistic(), 5).seed(3).threads(2).run(data);
        assertEquals(one.folds(), two.folds());
        assertEquals(one.summaries(), two.summaries()); // each fold's value, compared with Arrays.equals: bits
        for (int f = 0; f < 5; f++) {
            LinearModel a = (LinearModel) one.foldResults().get(f).model();
            LinearModel b = (LinearModel) two.foldResults().get(f).model();
            assertArrayEquals(a.weights(), b.weights(), 0f, "fold " + f);
            assertEquals(Float.floatToIntBits(a.bias()), Float.floatToIntBits(b.bias()));
        }
    }

    @Test
    void eachFoldIsTheModelTrainedWithoutItScoredOnIt() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        CrossValidationResult cv = CrossValidation.of(logistic(), 4).seed(11).run(data);
        Folds folds = cv.folds();
        assertEquals(Folds.stratified(data, 4, 11), folds);
        double[] logLoss = new double[4];
        for (int f = 0; f < 4; f++) {
            FoldResult result = cv.foldResults().get(f);
            assertEquals(f, result.fold());
            LogisticRegression alone = logistic().fit(data.subset(folds.training(f)));
            Report expected = alone.report(data.subset(folds.heldOut(f)));
            ClassificationReport got = (ClassificationReport) result.report();
            assertEquals(((ClassificationReport) expected).logLoss(), got.logLoss(), 0);
            assertEquals(((ClassificationReport) expected).accuracy(), got.accuracy(), 0);
            assertEquals(folds.heldOut(f).length, result.heldOutSize());
            assertEquals(data.size() - folds.heldOut(f).length, result.trainingSize());
            logLoss[f] = got.logLoss();
        }
        double mean = (logLoss[0] + logLoss[1] + logLoss[2] + logLoss[3]) / 4;
        double variance = 0;
        for (double v : logLoss) {
            variance += (v - mean) * (v - mean) / 4;
        }
        assertEquals(mean, cv.mean(Metric.LOG_LOSS), 1e-15);
        assertEquals(Math.sqrt(variance), cv.standardDeviation(Metric.LOG_LOSS), 1e-15);
        assertEquals(List.of(Metric.ACCURACY, Metric.PRECISION, Metric.RECALL, Metric.F1, Metric.AUC,
                Metric.LOG_LOSS), cv.metrics());
        assertTrue(cv.mean(Metric.ACCURACY) > 0.95, cv.toString());
        assertThrows(IllegalArgumentException.class, () -> cv.mean(Metric.RMSE));
    }

    @Test
    void regressionDealsPlainFoldsAndReportsErrors() {
        SplittableRandom random = new SplittableRandom(5);
        float[][] rows = new float[60][2];
        float[] y = new float[60];
        for (int i = 0; i < 60; i++) {
            rows[i][0] = (float) random.nextGaussian();
            rows[i][1] = (float) random.nextGaussian();
            y[i] = 3 * rows[i][0] - rows[i][1] + 0.1f * (float) random.nextGaussian();
        }
        Dataset data = Dataset.fromRows(rows, y);
        CrossValidationResult cv = CrossValidation.of(LinearRegression.trainer().optimizer("lbfgs"), 3).seed(2)
                .run(data);
        assertEquals(Folds.plain(60, 3, 2), cv.folds());
        assertEquals(List.of(Metric.RMSE, Metric.MAE, Metric.R2), cv.metrics());
        assertTrue(cv.mean(Metric.RMSE) < 0.2, cv.toString());
        assertTrue(cv.mean(Metric.R2) > 0.99, cv.toString());
    }

    @Test
    void badInputIsRefused() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        assertThrows(IllegalArgumentException.class, () -> CrossValidation.of(logistic(), 1));
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> CrossValidation.of(logistic(), 5).folds(Folds.plain(10, 2, 0)).run(data));
        assertTrue(size.getMessage().contains("10 rows"), size.getMessage());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> CrossValidation.of(logistic(), 400).run(data));
        assertTrue(tooMany.getMessage().contains("class"), tooMany.getMessage());
        // A table read whole has levels learned from every row: cross-validating its dataset would leak.
        Dataset credit = TableReader.read(TestData.datasets().resolve("credit_g/train.csv"),
                TableSpec.builder().label("class").build());
        IllegalArgumentException leak = assertThrows(IllegalArgumentException.class,
                () -> CrossValidation.of(logistic(), 5).run(credit));
        assertTrue(leak.getMessage().contains("TableRows"), leak.getMessage());
        assertFalse(CrossValidation.of(logistic(), 5).run(TableRows.read(TestData.datasets()
                .resolve("credit_g/train.csv"), TableSpec.builder().label("class").build())).foldResults().isEmpty());
    }

    @Test
    void aRegressionTargetForAClassifierIsTheLabelErrorOfFitNotAFoldsError() {
        // 40 distinct fractional labels: a class of 1 example each, so the folds could not be dealt either.
        float[][] rows = new float[40][1];
        float[] labels = new float[40];
        for (int i = 0; i < 40; i++) {
            rows[i][0] = i;
            labels[i] = 6.5f + i * 0.37f;
        }
        Dataset data = Dataset.fromRows(rows, labels);
        IllegalArgumentException fit = assertThrows(IllegalArgumentException.class, () -> logistic().fit(data));
        IllegalArgumentException cv = assertThrows(IllegalArgumentException.class,
                () -> CrossValidation.of(logistic(), 5).run(data));
        assertEquals(fit.getMessage(), cv.getMessage());
        assertTrue(cv.getMessage().contains("takes a third value"), cv.getMessage());
        IllegalArgumentException softmax = assertThrows(IllegalArgumentException.class,
                () -> CrossValidation.of(dev.soma.engine.model.SoftmaxRegression.trainer(), 5).run(data));
        assertTrue(softmax.getMessage().contains("looks like a regression target"), softmax.getMessage());
    }

    @Test
    void givenFoldsAreUsedAsGiven() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        int[] assignment = new int[data.size()];
        for (int i = 0; i < assignment.length; i++) {
            assignment[i] = i % 3;
        }
        CrossValidationResult cv = CrossValidation.of(logistic(), 5).folds(Folds.of(assignment)).run(data);
        assertEquals(3, cv.foldResults().size());
        assertArrayEquals(assignment, cv.folds().assignment());
        Model first = cv.foldResults().getFirst().model();
        assertEquals(data.size() - (data.size() + 2) / 3, cv.foldResults().getFirst().trainingSize());
        assertTrue(first.hasProbabilities());
    }
}
