package dev.soma.engine.train;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LinearRegression;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.testing.TestData;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.plugins.Options;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WeightsAndPenaltiesTest {

    private static LinearRegression exactFit(Trainer<LinearRegression> trainer, Dataset data) {
        return trainer.optimizer("lbfgs").maxEpochs(500).gradientTolerance(1e-6).costTolerance(0).fit(data);
    }

    @Test
    void aWeightOfTwoIsTheSameAsTheExampleTwice() {
        Dataset data = TestData.linear(60, new float[] {1f, 2f, -1f}, 0.5f, 0.5, 12);
        float[] weights = new float[data.size()];
        Arrays.fill(weights, 1f);
        int[] doubled = {3, 17, 42, 43, 59};
        float[][] rows = new float[data.size() + doubled.length][];
        float[] labels = new float[rows.length];
        for (int i = 0; i < data.size(); i++) {
            rows[i] = data.row(i);
            labels[i] = data.label(i);
        }
        for (int k = 0; k < doubled.length; k++) {
            weights[doubled[k]] = 2f;
            rows[data.size() + k] = data.row(doubled[k]);
            labels[data.size() + k] = data.label(doubled[k]);
        }
        // Without a penalty the optimum does not depend on how the sum is normalised.
        LinearRegression weighted = exactFit(LinearRegression.trainer().standardize(false).sampleWeights(weights), data);
        LinearRegression duplicated = exactFit(LinearRegression.trainer().standardize(false),
                Dataset.fromRows(rows, labels));
        assertArrayEquals(duplicated.weights(), weighted.weights(), 1e-3f);
        assertEquals(duplicated.bias(), weighted.bias(), 1e-3f);
    }

    @Test
    void balancedClassWeightsAreNOverKTimesTheClassCount() throws IOException {
        Dataset train = TestData.breastCancerTrain();
        int ones = 0;
        for (int i = 0; i < train.size(); i++) {
            ones += train.label(i) == 1f ? 1 : 0;
        }
        float[] explicit = new float[train.size()];
        for (int i = 0; i < train.size(); i++) {
            int count = train.label(i) == 1f ? ones : train.size() - ones;
            explicit[i] = (float) ((double) train.size() / (2 * count));
        }
        Trainer<LogisticRegression> trainer = LogisticRegression.trainer().optimizer("lbfgs").l2(0.01).maxEpochs(100);
        float[] balanced = trainer.balancedClassWeights(true).fit(train).weights();
        float[] byHand = trainer.balancedClassWeights(false).sampleWeights(explicit).fit(train).weights();
        assertArrayEquals(byHand, balanced, 0f);
    }

    @Test
    void badSampleWeightsAreRejected() throws IOException {
        Dataset train = TestData.breastCancerTrain();
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.trainer().sampleWeights(new float[3]).fit(train))
                .getMessage().contains("3 sample weights for 456 examples"));
        float[] negative = new float[train.size()];
        Arrays.fill(negative, 1f);
        negative[7] = -1f;
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.trainer().sampleWeights(negative).fit(train))
                .getMessage().contains("sample weight 7 is -1.0"));
        assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.trainer().sampleWeights(new float[train.size()]).fit(train));
    }

    @Test
    void l1DrivesUselessWeightsTowardZero() {
        // Only the first two of eight features matter; with few, noisy examples least squares gives the others
        // weights of noise. L1 by subgradient pulls them to within about learningRate·λ1 of zero.
        Dataset data = TestData.linear(100, new float[] {3f, -2f, 0f, 0f, 0f, 0f, 0f, 0f}, 1f, 2.0, 21);
        float[] plain = exactFit(LinearRegression.trainer(), data).weights();
        float[] lasso = LinearRegression.trainer().l1(0.5).optimizer("batch", Options.of("learningRate", 0.01))
                .maxEpochs(5000).fit(data).weights();
        double plainNoise = 0;
        double lassoNoise = 0;
        for (int j = 2; j < 8; j++) {
            plainNoise += Math.abs(plain[j]);
            lassoNoise += Math.abs(lasso[j]);
        }
        assertTrue(lassoNoise < plainNoise / 5, "L1 " + Arrays.toString(lasso) + " vs none " + Arrays.toString(plain));
        assertTrue(Math.abs(lasso[0]) > 1, "the useful weights survive: " + Arrays.toString(lasso));
    }

    @Test
    void elasticNetSplitsAlphaAsScikitLearnDoes() throws IOException {
        LogisticRegression model = LogisticRegression.trainer().elasticNet(0.01, 0.25).maxEpochs(3)
                .fit(TestData.breastCancerTrain());
        assertEquals(0.0025, model.summary().l1(), 1e-15);
        assertEquals(0.0075, model.summary().l2(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.trainer().elasticNet(0.1, 1.5));
    }
}
