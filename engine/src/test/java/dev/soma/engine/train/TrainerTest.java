package dev.soma.engine.train;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.testing.TestData;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.soma.engine.plugins.UnknownPluginException;
import dev.soma.plugins.Options;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

class TrainerTest {

    @Test
    void theEpochBudgetStopsTraining() throws IOException {
        LogisticRegression model = LogisticRegression.trainer()
                .maxEpochs(3).gradientTolerance(0).costTolerance(0)
                .fit(TestData.breastCancerTrain());
        assertEquals(3, model.summary().epochs());
        assertEquals(StopReason.MAX_EPOCHS, model.summary().stopReason());
        assertFalse(model.summary().converged());
    }

    @Test
    void theCostToleranceStopsTrainingWhenTheCostStopsMoving() throws IOException {
        List<Double> costs = new ArrayList<>();
        LogisticRegression model = LogisticRegression.trainer()
                .l2(0.01).maxEpochs(10_000).gradientTolerance(0).costTolerance(1e-6).patience(1)
                .listener(r -> costs.add(r.cost()))
                .fit(TestData.breastCancerTrain());
        assertEquals(StopReason.COST_TOLERANCE, model.summary().stopReason());
        int last = costs.size() - 1;
        assertTrue(Math.abs(costs.get(last) - costs.get(last - 1)) <= 1e-6);
        for (int i = 1; i < last; i++) {
            assertTrue(Math.abs(costs.get(i) - costs.get(i - 1)) > 1e-6, "it should have stopped at epoch " + (i + 1));
        }
    }

    @Test
    void theGradientToleranceStopsTrainingAtTheFirstSmallEnoughGradient() throws IOException {
        List<Double> norms = new ArrayList<>();
        LogisticRegression model = LogisticRegression.trainer()
                .l2(0.01).maxEpochs(10_000).gradientTolerance(1e-3).costTolerance(0)
                .listener(r -> norms.add(r.gradientNorm()))
                .fit(TestData.breastCancerTrain());
        assertEquals(StopReason.GRADIENT_TOLERANCE, model.summary().stopReason());
        assertTrue(norms.getLast() <= 1e-3);
        assertTrue(norms.subList(0, norms.size() - 1).stream().allMatch(g -> g > 1e-3));
        assertEquals(norms.getLast(), model.summary().gradientNorm());
    }

    @Test
    void listenersHearEveryEpochInOrder() throws IOException {
        TrainingListener listener = mock(TrainingListener.class);
        LogisticRegression model = LogisticRegression.trainer()
                .optimizer("minibatch").maxEpochs(4).gradientTolerance(0).costTolerance(0)
                .listener(listener)
                .fit(TestData.breastCancerTrain());
        ArgumentCaptor<EpochReport> reports = ArgumentCaptor.forClass(EpochReport.class);
        verify(listener, times(4)).onEpoch(reports.capture());
        for (int i = 0; i < 4; i++) {
            EpochReport r = reports.getAllValues().get(i);
            assertEquals(i + 1, r.epoch());
            assertEquals(4, r.maxEpochs());
            assertTrue(r.cost() > 0 && r.cost() < Math.log(2), r.toString());
        }
        assertEquals(reports.getAllValues().getLast().cost(), model.summary().cost());
    }

    @Test
    void aListenerThatThrowsStopsTraining() throws IOException {
        TrainingListener listener = mock(TrainingListener.class);
        doThrow(new IllegalStateException("cancelled")).when(listener).onEpoch(any());
        Dataset data = TestData.breastCancerTrain();
        Trainer<LogisticRegression> trainer = LogisticRegression.trainer().listener(listener);
        assertEquals("cancelled", assertThrows(IllegalStateException.class, () -> trainer.fit(data)).getMessage());
        InOrder order = inOrder(listener);
        order.verify(listener).onEpoch(any());
        order.verifyNoMoreInteractions();
    }

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedAnother() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        Trainer<LogisticRegression> trainer = LogisticRegression.trainer().optimizer("sgd").maxEpochs(3).seed(42);
        float[] first = trainer.fit(data).weights();
        float[] second = trainer.fit(data).weights();
        assertArrayEquals(first, second, 0f);
        float[] other = trainer.seed(43).fit(data).weights();
        assertFalse(java.util.Arrays.equals(first, other));
    }

    @Test
    void columnArrangedDataTrainsTheSameModelAsRowArranged() throws IOException {
        Dataset rows = TestData.breastCancerTrain();
        float[][] columns = new float[rows.dimension()][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < rows.dimension(); j++) {
                columns[j][i] = rows.feature(i, j);
            }
        }
        Dataset byColumns = Dataset.fromColumns(columns, rows.labels());
        Trainer<LogisticRegression> trainer = LogisticRegression.trainer().l2(0.01).maxEpochs(50);
        assertArrayEquals(trainer.fit(rows).weights(), trainer.fit(byColumns).weights(), 0f);
    }

    @Test
    void anUnknownOptimizerListsTheAvailableOnes() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        UnknownPluginException e = assertThrows(UnknownPluginException.class,
                () -> LogisticRegression.trainer().optimizer("adamax").fit(data));
        assertTrue(e.getMessage().startsWith("there is no optimizer named 'adamax'; the available optimizers are adagrad, adam, adamw, batch, lbfgs, minibatch, momentum, nesterov, newton, rmsprop, sgd"),
                e.getMessage());
    }

    @Test
    void anUnknownLossListsTheAvailableOnes() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        UnknownPluginException e = assertThrows(UnknownPluginException.class,
                () -> LogisticRegression.trainer().loss("poisson", Options.empty()).fit(data));
        assertTrue(e.getMessage().contains("the available losses are hinge, huber, log, mse"), e.getMessage());
    }

    @Test
    void anUnknownOrInvalidOptionIsRejected() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.trainer().optimizer("batch", Options.of("batchSize", 8)).fit(data));
        assertEquals("'batch' has no option 'batchSize': its options are [learningRate]", unknown.getMessage());
        IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.trainer().optimizer("sgd", Options.of("learningRate", "-1")).fit(data));
        assertEquals("'sgd': option 'learningRate' must be a finite number > 0, but was '-1'", invalid.getMessage());
    }

    @Test
    void badSettingsAreRejectedWhenGiven() {
        Trainer<LogisticRegression> trainer = LogisticRegression.trainer();
        assertThrows(IllegalArgumentException.class, () -> trainer.l2(-1));
        assertThrows(IllegalArgumentException.class, () -> trainer.l2(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> trainer.maxEpochs(0));
        assertThrows(IllegalArgumentException.class, () -> trainer.gradientTolerance(-1e-3));
        assertThrows(IllegalArgumentException.class, () -> trainer.costTolerance(Double.POSITIVE_INFINITY));
    }
}
