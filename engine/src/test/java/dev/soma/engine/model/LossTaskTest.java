package dev.soma.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.testing.TestData;
import dev.soma.plugins.Options;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A loss made for the other task than the model's is refused before training, naming both. */
class LossTaskTest {

    @Test
    void aRegressionLossCannotTrainAClassifier() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.trainer().loss("mse", Options.empty()).fit(TestData.breastCancerTrain()));
        assertEquals("the 'mse' loss is a regression loss and cannot train logistic regression, a classifier: use a"
                + " classification loss (log or hinge) or a regression model (linear regression)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearSvm.trainer().loss("huber", Options.empty()).fit(TestData.breastCancerTrain()));
        assertTrue(e.getMessage().startsWith("the 'huber' loss is a regression loss and cannot train a linear SVM"),
                e.getMessage());
    }

    @Test
    void aClassificationLossCannotTrainARegression() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearRegression.trainer().loss("hinge", Options.empty()).fit(TestData.breastCancerTrain()));
        assertTrue(e.getMessage().startsWith("the 'hinge' loss is a classification loss and cannot train linear"
                + " regression, a regression model: use a regression loss (mse or huber)"), e.getMessage());
    }

    @Test
    void matchingLossesTrain() throws IOException {
        assertEquals("hinge", LogisticRegression.trainer().loss("hinge", Options.empty()).maxEpochs(3)
                .fit(TestData.breastCancerTrain()).summary().loss());
        assertEquals("huber", LinearRegression.trainer().loss("huber", Options.empty()).maxEpochs(3)
                .fit(TestData.breastCancerTrain()).summary().loss());
    }
}
