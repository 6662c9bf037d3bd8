package dev.soma.engine.train;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LinearRegression;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.testing.TestData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.plugins.Options;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CancellationAndClippingTest {

    @Test
    void aCancellationCheckStopsTrainingAndKeepsTheWeights() throws IOException {
        AtomicInteger steps = new AtomicInteger();
        Dataset train = TestData.breastCancerTrain();
        LogisticRegression model = LogisticRegression.trainer()
                .optimizer("minibatch", Options.of("batchSize", 100))
                .maxEpochs(1000).costTolerance(0).gradientTolerance(0)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochReport report) {
                    }

                    @Override
                    public void onStep(StepReport report) {
                        steps.incrementAndGet();
                    }
                })
                .cancelWhen(() -> steps.get() >= 7)
                .fit(train);
        assertEquals(StopReason.CANCELLED, model.summary().stopReason());
        assertFalse(model.summary().converged());
        assertEquals(7, steps.get(), "it stops right after the step that saw the cancellation");
        assertEquals(2, model.summary().epochs());
        assertTrue(model.evaluate(TestData.breastCancerTest()).accuracy() > 0.8, "the weights trained so far are kept");
    }

    @Test
    void anInterruptStopsTrainingAndTheFlagStaysSet() throws IOException {
        Dataset train = TestData.breastCancerTrain();
        try {
            LogisticRegression model = LogisticRegression.trainer()
                    .maxEpochs(1000).costTolerance(0).gradientTolerance(0)
                    .listener(report -> {
                        if (report.epoch() == 3) {
                            Thread.currentThread().interrupt();
                        }
                    })
                    .fit(train);
            assertEquals(StopReason.CANCELLED, model.summary().stopReason());
            assertEquals(3, model.summary().epochs(), "an interrupt from the epoch's listener stops before the next step");
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void clippingBoundsEveryStep() {
        Dataset data = TestData.linear(300, new float[] {50f, -80f}, 100f, 1.0, 4);
        LinearRegression model = LinearRegression.trainer()
                .optimizer("batch", Options.of("learningRate", 1.0))
                .standardize(false)
                .clipGradientNorm(1e-3)
                .maxEpochs(5).costTolerance(0).gradientTolerance(0)
                .fit(data);
        double norm = Math.sqrt(model.weights()[0] * model.weights()[0] + model.weights()[1] * model.weights()[1]
                + model.bias() * model.bias());
        assertTrue(norm <= 5e-3 * (1 + 1e-5), "five steps of length at most 1e-3 from zero: " + norm);
        assertTrue(norm >= 4.9e-3, "each step used its full clipped length: " + norm);
    }
}
