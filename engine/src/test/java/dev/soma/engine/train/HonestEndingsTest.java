package dev.soma.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.testing.TestData;
import dev.soma.plugins.Options;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A run that ends worse than it began says so: a warning, and a stop reason that is not "converged". */
class HonestEndingsTest {

    @Test
    void aTooLargeLearningRateEndsWithAWarningNotConvergence() throws IOException {
        Dataset train = TestData.breastCancerTrain();
        TrainingSummary summary = LogisticRegression.trainer()
                .optimizer("adam", Options.of("learningRate", 10.0))
                .maxEpochs(200).costTolerance(1e-7)
                .fit(train).summary();
        assertEquals(StopReason.WORSE_THAN_START, summary.stopReason(), summary.toString());
        assertFalse(summary.converged());
        assertEquals(1, summary.warnings().size(), summary.warnings().toString());
        assertTrue(summary.warnings().get(0).contains("above the 0.693147 it started from")
                && summary.warnings().get(0).contains("try a smaller learning rate than 10"), summary.warnings().get(0));
    }

    @Test
    void aGoodRunHasNoWarnings() throws IOException {
        TrainingSummary summary = LogisticRegression.trainer().optimizer("lbfgs", Options.empty()).l2(0.002)
                .fit(TestData.breastCancerTrain()).summary();
        assertTrue(summary.warnings().isEmpty(), summary.warnings().toString());
        assertTrue(summary.converged());
    }
}
