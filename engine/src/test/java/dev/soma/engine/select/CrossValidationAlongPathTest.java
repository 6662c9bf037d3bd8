package dev.soma.engine.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.table.TableRows;
import dev.soma.engine.table.TableSpec;
import dev.soma.engine.testing.TestData;
import dev.soma.engine.train.Trainer;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cross-validation at several λ along one warm-started path per fold equals one cold cross-validation per λ. */
class CrossValidationAlongPathTest {

    /** Not sorted: the results come back in the order given. */
    private static final double[] LAMBDAS = {3e-3, 1e-1, 1e-3, 3e-2, 1e-2};

    private static Trainer<LogisticRegression> logistic() {
        return LogisticRegression.trainer().optimizer("lbfgs").maxEpochs(2000).gradientTolerance(1e-5)
                .costTolerance(0);
    }

    @Test
    void eachLambdaScoresAsItsOwnColdCrossValidationInFewerEpochs() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        List<CrossValidationResult> path = CrossValidation.of(logistic(), 5).seed(3).runAlongPath(data, LAMBDAS);
        assertEquals(LAMBDAS.length, path.size());
        long warmEpochs = 0;
        long coldEpochs = 0;
        for (int i = 0; i < LAMBDAS.length; i++) {
            CrossValidationResult cold = CrossValidation.of(logistic().l2(LAMBDAS[i]), 5).seed(3).run(data);
            assertEquals(cold.folds(), path.get(i).folds());
            for (Metric metric : List.of(Metric.LOG_LOSS, Metric.ACCURACY, Metric.AUC)) {
                assertEquals(cold.mean(metric), path.get(i).mean(metric), 1e-5, "λ " + LAMBDAS[i] + " " + metric);
            }
            for (int f = 0; f < 5; f++) {
                LogisticRegression model = (LogisticRegression) path.get(i).foldResults().get(f).model();
                assertEquals(LAMBDAS[i], model.summary().l2(), 0, "fold " + f + " trained at its own λ");
                warmEpochs += model.summary().epochs();
                coldEpochs += ((LogisticRegression) cold.foldResults().get(f).model()).summary().epochs();
            }
        }
        assertTrue(warmEpochs < 0.8 * coldEpochs, "warm " + warmEpochs + " epochs against cold " + coldEpochs);
    }

    @Test
    void aTableLearnsEachFoldsEncodingOnceAndScoresAsColdFits() throws IOException {
        TableRows table = TableRows.read(TestData.datasets().resolve("credit_g/train.csv"),
                TableSpec.builder().label("class").build());
        double[] lambdas = {1e-1, 1e-2};
        List<CrossValidationResult> path = CrossValidation.of(logistic(), 4).seed(1).runAlongPath(table, lambdas);
        for (int i = 0; i < lambdas.length; i++) {
            CrossValidationResult cold = CrossValidation.of(logistic().l2(lambdas[i]), 4).seed(1).run(table);
            assertEquals(cold.mean(Metric.LOG_LOSS), path.get(i).mean(Metric.LOG_LOSS), 1e-5, "λ " + lambdas[i]);
        }
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        List<CrossValidationResult> one = CrossValidation.of(logistic(), 5).threads(1).runAlongPath(data, LAMBDAS);
        List<CrossValidationResult> two = CrossValidation.of(logistic(), 5).threads(2).runAlongPath(data, LAMBDAS);
        for (int i = 0; i < LAMBDAS.length; i++) {
            assertEquals(one.get(i).summaries(), two.get(i).summaries(), "λ " + LAMBDAS[i]);
        }
    }

    @Test
    void aBadLambdaIsRefusedByName() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> CrossValidation.of(logistic(), 5).runAlongPath(data, 1e-2, 1e-2));
        assertTrue(twice.getMessage().contains("given twice"), twice.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> CrossValidation.of(logistic(), 5).runAlongPath(data, -1));
        assertTrue(negative.getMessage().contains("finite number >= 0"), negative.getMessage());
    }
}
