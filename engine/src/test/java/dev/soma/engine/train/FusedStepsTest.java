package dev.soma.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.testing.TestData;
import dev.soma.plugins.Options;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused steps of a plain optimizer ({@code sgd}, {@code minibatch}: the engine applies θ ← θ − ε·f·g itself
 * when no step listener, clipping or step recording needs the optimizer's own step) give the same model, bit for
 * bit, as the optimizer's steps: a do-nothing step listener forces the unfused path, and both runs must agree.
 */
class FusedStepsTest {

    /** A listener that watches steps, so that the loop calls the optimizer's step() for every batch. */
    private static final class StepCounter implements TrainingListener {
        long steps;

        @Override
        public void onStep(StepReport report) {
            steps++;
        }

        @Override
        public void onEpoch(EpochReport report) {
        }
    }

    private static Trainer<LogisticRegression> trainer(String optimizer, Options options) {
        return LogisticRegression.trainer().optimizer(optimizer, options).maxEpochs(4).gradientTolerance(0)
                .costTolerance(0).seed(5);
    }

    private static void assertSameModel(Trainer<LogisticRegression> fused, Trainer<LogisticRegression> unfused,
                                        Dataset data) {
        List<TrainingCheckpoint> fusedCheckpoints = new ArrayList<>();
        List<TrainingCheckpoint> unfusedCheckpoints = new ArrayList<>();
        StepCounter counter = new StepCounter();
        LogisticRegression a = fused.checkpoints(fusedCheckpoints::add).fit(data);
        LogisticRegression b = unfused.listener(counter).checkpoints(unfusedCheckpoints::add).fit(data);
        assertTrue(counter.steps > 0, "the unfused run took its steps through the optimizer");
        assertArrayEquals(b.weights(), a.weights(), 0f, "fused and unfused steps give the same weights, bit for bit");
        assertEquals(b.bias(), a.bias(), 0f);
        assertEquals(b.summary().cost(), a.summary().cost(), 0.0);
        assertEquals(b.summary().passes(), a.summary().passes(), 1e-12, "the fused steps count their rows");
        assertEquals(unfusedCheckpoints.size(), fusedCheckpoints.size());
        for (int i = 0; i < fusedCheckpoints.size(); i++) {
            assertEquals(unfusedCheckpoints.get(i).optimizerState().steps(),
                    fusedCheckpoints.get(i).optimizerState().steps(), "the optimizer counts the fused steps");
        }
        assertEquals(counter.steps, fusedCheckpoints.getLast().optimizerState().steps());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 32, 100})
    void fusedStepsGiveTheSameBitsAsTheOptimizersSteps(int batchSize) throws IOException {
        Dataset data = TestData.breastCancerTrain();
        String name = batchSize == 1 ? "sgd" : "minibatch";
        for (boolean standardize : new boolean[] {true, false}) {
            double rate = standardize ? 0.05 : 1e-7; // the raw features reach the thousands
            Options options = batchSize == 1 ? Options.of("learningRate", rate)
                    : Options.of("learningRate", rate, "batchSize", batchSize);
            for (UnaryOperator<Trainer<LogisticRegression>> setting : List.<UnaryOperator<Trainer<LogisticRegression>>>of(
                    t -> t, t -> t.l2(0.01), t -> t.l1(0.001),
                    t -> t.schedule(LearningRateSchedule.inverseTime(0.5)),
                    t -> t.schedule(LearningRateSchedule.reduceOnPlateau(0.5, 1, 1e-3, 0.01)))) {
                assertSameModel(setting.apply(trainer(name, options).standardize(standardize)),
                        setting.apply(trainer(name, options).standardize(standardize)), data);
            }
        }
    }

    @Test
    void otherLossesAndSampleWeightsToo() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        float[] weights = new float[data.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 0.5f + (i % 3);
        }
        Options sgd = Options.of("learningRate", 0.02);
        assertSameModel(trainer("sgd", sgd).sampleWeights(weights), trainer("sgd", sgd).sampleWeights(weights), data);
        assertSameModel(trainer("sgd", sgd).loss("hinge", Options.empty()),
                trainer("sgd", sgd).loss("hinge", Options.empty()), data);
    }
}
