package dev.soma.engine.model;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.network.Architecture;
import dev.soma.engine.testing.TestData;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.soma.plugins.Options;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A trained model is immutable: many threads predicting at once get exactly what one thread gets. */
class ConcurrentPredictionTest {

    @Test
    void manyThreadsPredictExactlyAsOne() throws Exception {
        Dataset test = TestData.digitsTest();
        MlpClassifier mlp = MlpClassifier.trainer(Architecture.hidden(16))
                .optimizer("adam", Options.of("learningRate", 0.01)).maxEpochs(3).fit(TestData.digitsTrain());
        LogisticRegression logistic = LogisticRegression.trainer().maxEpochs(20).fit(TestData.breastCancerTrain());
        Dataset cancer = TestData.breastCancerTest();
        float[] expectedDigits = mlp.predict(test);
        float[] expectedCancer = logistic.predictProbability(cancer);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<float[][]>> results = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                results.add(pool.submit(() -> new float[][] {mlp.predict(test), logistic.predictProbability(cancer)}));
            }
            for (Future<float[][]> result : results) {
                assertArrayEquals(expectedDigits, result.get()[0], 0f);
                assertArrayEquals(expectedCancer, result.get()[1], 0f);
            }
        }
    }
}
