package dev.soma.engine.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.metrics.ClassificationReport;
import dev.soma.engine.model.LinearSvm;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.PlattScaling;
import dev.soma.engine.testing.TestData;
import dev.soma.engine.train.Trainer;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * {@link CrossValidation#calibrate}: each fold's linear SVM is calibrated on inner folds of that fold's training rows
 * only, as {@link SvmCalibration} calibrates on all the data it is given, and the held-out fold is scored with
 * probabilities (log loss).
 */
class CalibratedCrossValidationTest {

    private static Trainer<LinearSvm> svm() {
        return LinearSvm.trainer().optimizer("lbfgs").l2(0.01).maxEpochs(300);
    }

    @Test
    void eachFoldsSvmIsCalibratedOnItsOwnTrainingRowsAndScoredWithProbabilities() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        CrossValidationResult cv = CrossValidation.of(svm(), 4).seed(3).calibrate(3).threads(2).run(data);
        Folds folds = cv.folds();
        for (FoldResult fold : cv.foldResults()) {
            LinearSvm model = (LinearSvm) fold.model();
            PlattScaling platt = model.calibration().orElseThrow();
            // The calibration SvmCalibration makes from the fold's training rows alone, inner folds from the seed:
            // with a held-out row among them the sigmoid would differ.
            Dataset training = data.subset(folds.training(fold.fold()));
            PlattScaling alone = SvmCalibration.fit(svm(), training, 3, 3).calibration().orElseThrow();
            assertEquals(alone.a(), platt.a(), 0, "fold " + fold.fold());
            assertEquals(alone.b(), platt.b(), 0);
            assertEquals(3, platt.folds());
            double logLoss = ((ClassificationReport) fold.report()).logLoss();
            assertTrue(logLoss > 0 && logLoss < 0.3, "fold " + fold.fold() + " log loss " + logLoss);
        }
        assertTrue(cv.mean(Metric.LOG_LOSS) < 0.2, "mean log loss " + cv.mean(Metric.LOG_LOSS));
        // One thread gives the same bits.
        CrossValidationResult one = CrossValidation.of(svm(), 4).seed(3).calibrate(3).threads(1).run(data);
        assertEquals(cv.mean(Metric.LOG_LOSS), one.mean(Metric.LOG_LOSS), 0);
    }

    @Test
    void calibrationIsForLinearSvmsWithTwoFoldsOrMoreOneSettingAtATime() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        assertThrows(IllegalArgumentException.class, () -> CrossValidation.of(svm(), 4).calibrate(1));
        IllegalArgumentException logistic = assertThrows(IllegalArgumentException.class,
                () -> CrossValidation.of(LogisticRegression.trainer(), 3).calibrate(3).threads(1).run(data));
        assertTrue(logistic.getMessage().contains("calibration is for linear SVMs"), logistic.getMessage());
        IllegalArgumentException path = assertThrows(IllegalArgumentException.class,
                () -> CrossValidation.of(svm(), 3).calibrate(3).runAlongPath(data, 0.1, 0.01));
        assertTrue(path.getMessage().contains("one setting at a time"), path.getMessage());
    }
}
