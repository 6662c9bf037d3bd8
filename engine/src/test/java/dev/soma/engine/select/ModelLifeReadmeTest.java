package dev.soma.engine.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.testing.TestData;
import dev.soma.engine.train.OnlineTrainer;
import dev.soma.engine.train.Trainer;
import dev.soma.plugins.Options;
import java.io.IOException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The README's "Model life" snippets, as written there (the data path resolved from the module folder). */
class ModelLifeReadmeTest {

    @Test
    void theOnlineSnippetRuns() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        Trainer<LogisticRegression> adam = LogisticRegression.trainer()
                .optimizer("adam", Options.of("learningRate", 0.01).with("batchSize", 8)).l2(1e-3);
        OnlineTrainer<LogisticRegression> online = adam.online();
        for (int start = 0; start < data.size(); start += 152) {
            int[] rows = IntStream.range(start, Math.min(data.size(), start + 152)).toArray();
            LogisticRegression current = online.partialFit(data.subset(rows));
        }
        LogisticRegression model = online.model();
        assertEquals(3, online.batches());
        double accuracy = ((dev.soma.engine.metrics.ClassificationReport) model.report(data)).accuracy();
        assertTrue(accuracy > 0.9, "accuracy " + accuracy);
    }

    @Test
    void thePathSnippetRuns() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        RegularizationPath<LogisticRegression> path = RegularizationPath.ofC(
                LogisticRegression.trainer().optimizer("lbfgs"), RegularizationPath.grid(1e-3, 10, 20));
        RegularizationPath.CrossValidated<LogisticRegression> cv = path.crossValidate(data, Folds.stratified(data, 5, 0));
        System.out.println("best C " + cv.bestPenalty() + ", mean held-out log loss " + cv.meanScores()[cv.bestIndex()]);
        LogisticRegression model = cv.model(); // refit on all the rows with the best C
        assertTrue(cv.meanScores()[cv.bestIndex()] < 0.1, "log loss " + cv.meanScores()[cv.bestIndex()]);
        assertEquals(1 / (cv.bestPenalty() * data.size()), model.summary().l2(), 1e-15);
    }
}
