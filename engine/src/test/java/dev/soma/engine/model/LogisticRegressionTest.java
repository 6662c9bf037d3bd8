package dev.soma.engine.model;

import dev.soma.engine.data.CsvDatasetReader;
import dev.soma.engine.data.DataFormatException;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.metrics.ClassificationMetrics;
import dev.soma.engine.testing.TestData;
import dev.soma.engine.train.StopReason;
import dev.soma.engine.train.TrainingSummary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.kernels.Kernels;
import dev.soma.plugins.Options;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

public class LogisticRegressionTest {

    /** scikit-learn's optimum for C = 1 on the bundled split (see datasets/README.md). */
    public static final double REFERENCE_MEAN_LOSS = 0.0614187386;
    public static final double REFERENCE_OBJECTIVE = 0.0754696520;

    static Stream<Kernels> kernels() {
        List<Kernels> all = new ArrayList<>();
        all.add(KernelSelection.scalar());
        KernelSelection.vector().ifPresent(all::add);
        return all.stream();
    }

    private static LogisticRegression trainReference(Kernels kernels) throws IOException {
        return LogisticRegression.trainer()
                .optimizer("batch", Options.of("learningRate", 1.0))
                .l2(1.0 / 456)
                .maxEpochs(20_000)
                .gradientTolerance(1e-5)
                .costTolerance(0)
                .kernels(kernels)
                .fit(TestData.breastCancerTrain());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void batchGradientDescentReachesScikitLearnsOptimum(Kernels kernels) throws IOException {
        LogisticRegression model = trainReference(kernels);
        TrainingSummary summary = model.summary();
        assertEquals(StopReason.GRADIENT_TOLERANCE, summary.stopReason());
        assertEquals(REFERENCE_MEAN_LOSS, summary.meanLoss(), 1e-5);
        assertEquals(REFERENCE_OBJECTIVE, summary.cost(), 1e-5);
        assertEquals(kernels.name(), summary.kernels());
        assertEquals(kernels.lanes(), summary.lanes());

        // The stored model scores raw data: its training loss, recomputed from scratch, is the optimum too.
        ClassificationMetrics train = model.evaluate(TestData.breastCancerTrain());
        assertEquals(REFERENCE_MEAN_LOSS, train.logLoss(), 1e-5);
        assertEquals(0.98465, train.accuracy(), 0.0025);
        ClassificationMetrics test = model.evaluate(TestData.breastCancerTest());
        assertEquals(1.0, test.accuracy(), 1e-12);
        assertEquals(0.0295373, test.logLoss(), 1e-4);
    }

    @Test
    void vectorAndScalarTrainingAgree() throws IOException {
        Kernels vector = KernelSelection.vector().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(vector != null, "needs the vector kernels");
        LogisticRegression v = trainReference(vector);
        LogisticRegression s = trainReference(KernelSelection.scalar());
        assertArrayEquals(s.weights(), v.weights(), 2e-3f);
        assertEquals(s.summary().cost(), v.summary().cost(), 1e-6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "minibatch", "batch"})
    void everyOptimizerTrainsAnAccurateClassifier(String optimizer) throws IOException {
        LogisticRegression model = LogisticRegression.trainer()
                .optimizer(optimizer)
                .l2(1.0 / 456)
                .maxEpochs(optimizer.equals("batch") ? 2000 : 100)
                .seed(7)
                .fit(TestData.breastCancerTrain());
        assertTrue(model.evaluate(TestData.breastCancerTest()).accuracy() >= 0.95,
                optimizer + ": " + model.evaluate(TestData.breastCancerTest()));
        assertEquals(optimizer, model.summary().optimizer());
        assertEquals(optimizer.equals("sgd") ? 1 : optimizer.equals("minibatch") ? 32 : 456,
                model.summary().batchSize());
        assertTrue(model.summary().meanLoss() < 0.1, model.summary().toString());
    }

    @Test
    void predictionsAgreeForOneRowManyRowsAndADataset() throws IOException {
        LogisticRegression model = LogisticRegression.trainer().l2(0.01).fit(TestData.breastCancerTrain());
        Dataset test = TestData.breastCancerTest();
        float[] probabilities = model.predictProbability(test);
        int[] classes = model.predict(test);
        float[][] rows = new float[test.size()][];
        for (int i = 0; i < test.size(); i++) {
            rows[i] = test.row(i);
        }
        assertArrayEquals(classes, model.predict(rows));
        assertArrayEquals(probabilities, model.predictProbability(rows), 1e-6f);
        for (int i = 0; i < test.size(); i++) {
            assertEquals(probabilities[i], model.predictProbability(rows[i]), 1e-6f);
            assertEquals(classes[i], model.predict(rows[i]));
            assertEquals(probabilities[i] >= 0.5f ? 1 : 0, classes[i]);
        }
    }

    @Test
    void aThirdClassNamesTheRowItFirstAppearsIn() {
        Dataset data = Dataset.fromRows(new float[][] {{1}, {2}, {3}}, new float[] {0, 1, 2});
        DataFormatException e = assertThrows(DataFormatException.class, () -> LogisticRegression.trainer().fit(data));
        assertTrue(e.getMessage().contains("row 2: label 'label' takes a third value, 2 (of [0, 1, 2]), but logistic"
                + " regression with the 'log' loss separates two classes"), e.getMessage());
    }

    @Test
    void aSingleClassIsAnError() {
        Dataset data = Dataset.fromRows(new float[][] {{1}, {2}, {3}}, new float[] {1, 1, 1});
        DataFormatException e = assertThrows(DataFormatException.class, () -> LogisticRegression.trainer().fit(data));
        assertTrue(e.getMessage().contains("every label 'label' is 1: logistic regression needs examples of both classes"),
                e.getMessage());
    }

    @Test
    void aBadLabelInACsvNamesItsLine() throws IOException {
        Dataset data = CsvDatasetReader.withLabelColumn(null)
                .read(new java.io.StringReader("x,label\n1,0\n2,1\n3,-1\n"), "labels.csv");
        DataFormatException e = assertThrows(DataFormatException.class, () -> LogisticRegression.trainer().fit(data));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().startsWith("labels.csv line 4: label 'label' takes a third value, -1"), e.getMessage());
    }

    @Test
    void aDimensionMismatchAtPredictIsAnError() throws IOException {
        LogisticRegression model = LogisticRegression.trainer().maxEpochs(5).fit(TestData.breastCancerTrain());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.predict(new float[29]));
        assertTrue(e.getMessage().contains("has 29 features, but the model was trained on 30"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> model.predictProbability(Dataset.fromRows(new float[][] {{1, 2}}, new float[] {0})));
        float[] nan = new float[30];
        nan[3] = Float.NaN;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.predict(nan)).getMessage()
                .contains("feature 3 ('mean_area') is NaN"));
    }
}
