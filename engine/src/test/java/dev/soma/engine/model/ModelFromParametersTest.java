package dev.soma.engine.model;

import dev.soma.engine.data.Standardizer;
import dev.soma.engine.train.StopReason;
import dev.soma.engine.train.TrainingSummary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model from parameters trained elsewhere (a distributed trainer) scores as its definition says. */
class ModelFromParametersTest {

    private static TrainingSummary summary() {
        return new TrainingSummary(1, StopReason.MAX_EPOCHS, 0.5, 0.5, 0.1, "log", "lbfgs", Map.of(), 1, 10, 0, 0,
                Double.NaN, 1, 1, "scalar", 1, Duration.ZERO);
    }

    @Test
    void standardisedParametersScoreTheStandardisedFeatures() {
        Standardizer standardizer = Standardizer.of(new double[] {10, -2}, new double[] {4, 0.5});
        float[] theta = {0.8f, -1.5f, 0.3f};
        LogisticRegression model = LogisticRegression.fromStandardisedParameters(theta, standardizer,
                List.of("a", "b"), summary());
        float[] row = {13, -1.25f};
        double z = 0.8 * (13 - 10) / 4.0 - 1.5 * (-1.25 + 2) / 0.5 + 0.3;
        assertEquals(1 / (1 + Math.exp(-z)), model.predictProbability(row), 1e-6);
        assertEquals(List.of("a", "b"), model.featureNames());
    }

    @Test
    void sizesThatDisagreeAreRefused() {
        Standardizer standardizer = Standardizer.identity(2);
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fromStandardisedParameters(
                new float[] {1, 2}, standardizer, List.of("a", "b"), summary()));
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fromStandardisedParameters(
                new float[] {1, 2, 3}, standardizer, List.of("a"), summary()));
        assertThrows(IllegalArgumentException.class, () -> Standardizer.of(new double[] {0}, new double[] {0}));
    }
}
