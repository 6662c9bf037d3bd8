package dev.soma.engine.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.io.ModelFile;
import dev.soma.engine.metrics.ClassificationReport;
import dev.soma.engine.model.LinearSvm;
import dev.soma.engine.model.PlattScaling;
import dev.soma.engine.model.Predictions;
import dev.soma.engine.testing.TestData;
import dev.soma.engine.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A calibrated SVM: Platt scaling fitted on held-out scores only, saved in the model file, and used to predict. */
class SvmCalibrationTest {

    @TempDir
    Path dir;

    private static Trainer<LinearSvm> trainer() {
        return LinearSvm.trainer().optimizer("lbfgs").l2(0.01).maxEpochs(300);
    }

    @Test
    void theSigmoidIsFittedOnHeldOutScoresOnly() throws IOException {
        Dataset train = TestData.breastCancerTrain();
        LinearSvm calibrated = SvmCalibration.fit(trainer(), train, 5, 11);
        PlattScaling platt = calibrated.calibration().orElseThrow();

        // The same, by hand: each fold scored by a model that did not train on it.
        Folds folds = Folds.stratified(train, 5, 11);
        float[] heldOut = new float[train.size()];
        for (int f = 0; f < 5; f++) {
            int[] rows = folds.heldOut(f);
            float[] z = trainer().fit(train.subset(folds.training(f))).decisionFunction(train.subset(rows));
            for (int k = 0; k < rows.length; k++) {
                heldOut[rows[k]] = z[k];
            }
        }
        int[] classes = calibrated.label().classesOf(train);
        PlattScaling expected = PlattScaling.fit(heldOut, classes, 5);
        assertEquals(expected.a(), platt.a(), 0.0);
        assertEquals(expected.b(), platt.b(), 0.0);
        // In-sample scores are more confident (a steeper sigmoid); the calibration must not be fitted on them.
        PlattScaling inSample = PlattScaling.fit(calibrated.decisionFunction(train), classes, 5);
        assertNotEquals(inSample.a(), platt.a());
        // The final SVM is the one trained on all the data.
        assertArrayEquals(trainer().fit(train).weights(), calibrated.weights());
    }

    @Test
    void aCalibratedSvmGivesProbabilitiesAndAReportOfThem() throws IOException {
        LinearSvm plain = trainer().fit(TestData.breastCancerTrain());
        assertFalse(plain.hasProbabilities());
        assertThrows(IllegalStateException.class, () -> plain.predictProbability(TestData.breastCancerTest().row(0)));
        LinearSvm calibrated = SvmCalibration.fit(trainer(), TestData.breastCancerTrain(), 5, 0);
        assertTrue(calibrated.hasProbabilities());
        Dataset test = TestData.breastCancerTest();
        Predictions p = calibrated.predictions(test, true);
        assertEquals(List.of("prediction", "score", "probability"), p.columns());
        for (int i = 0; i < test.size(); i++) {
            float probability = p.values()[i][2];
            assertEquals(calibrated.predictProbability(test.row(i)), probability, 0f);
            assertEquals(probability >= 0.5f ? 1f : 0f, p.values()[i][0], "row " + i);
        }
        ClassificationReport report = calibrated.report(test);
        assertTrue(report.logLoss() > 0.01 && report.logLoss() < 0.2, "log loss " + report.logLoss());
        assertTrue(report.accuracy() > 0.95, "accuracy " + report.accuracy());
    }

    @Test
    void theCalibrationIsSavedInTheModelFile() throws IOException {
        LinearSvm calibrated = SvmCalibration.fit(trainer(), TestData.breastCancerTrain(), 3, 4);
        Path file = dir.resolve("svm.json");
        ModelFile.save(calibrated, file);
        LinearSvm loaded = ModelFile.load(file, LinearSvm.class);
        assertEquals(calibrated.calibration(), loaded.calibration());
        Dataset test = TestData.breastCancerTest();
        for (int i = 0; i < test.size(); i++) {
            assertEquals(calibrated.predictProbability(test.row(i)), loaded.predictProbability(test.row(i)), 0f);
        }
        ModelFile.save(trainer().fit(TestData.breastCancerTrain()), file);
        assertTrue(ModelFile.load(file, LinearSvm.class).calibration().isEmpty());
    }

    @Test
    void moreFoldsThanAClassHasIsAClearError() throws IOException {
        Dataset train = TestData.breastCancerTrain();
        int[] rows = new int[12];
        int zeros = 0;
        int ones = 0;
        for (int i = 0; i < train.size() && zeros + ones < 12; i++) {
            if (train.label(i) == 0 && zeros < 10) {
                rows[zeros++ + ones] = i;
            } else if (train.label(i) == 1 && ones < 2) {
                rows[zeros + ones++] = i;
            }
        }
        Dataset tiny = train.subset(rows);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SvmCalibration.fit(trainer(), tiny, 3, 0));
        assertTrue(e.getMessage().contains("3 folds, but the class '1' has only 2 examples"), e.getMessage());
    }
}
