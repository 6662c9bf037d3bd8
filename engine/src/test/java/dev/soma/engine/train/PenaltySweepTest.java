package dev.soma.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.model.SoftmaxRegression;
import dev.soma.engine.testing.TestData;
import dev.soma.plugins.Options;
import dev.soma.plugins.OptimizerState;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PenaltySweep}: fits at one penalty after another on data prepared once, the optimizer carried in memory —
 * each fit the one a warm-started {@link Trainer#fit} makes from the same start and optimizer state.
 */
class PenaltySweepTest {

    private static final double[] LAMBDAS = {0.5, 0.1, 0.02, 0.004};

    private static Trainer<LogisticRegression> trainer(String optimizer) {
        Trainer<LogisticRegression> t = optimizer.equals("newton-cholesky")
                ? LogisticRegression.trainer().optimizer("newton", Options.of("solver", "cholesky"))
                : LogisticRegression.trainer().optimizer(optimizer);
        return t.gradientTolerance(1e-6).costTolerance(0).maxEpochs(500);
    }

    /**
     * The chain a sweep replaces: each fit a {@link Trainer#fit} warm-started from the last model, its optimizer's
     * final state and parameters. Both optimizers' states hold their numbers exactly (newton's doubles
     * as three floats each), so the sweep must give the same bits —
     * parameters, epochs and passes (its own, not the sweep's running total).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"newton-cholesky", "lbfgs"})
    void eachFitIsTheWarmStartedFitOfAChainBitForBit(String optimizer) throws IOException {
        Dataset data = TestData.breastCancerTrain();
        OptimizerState[] state = new OptimizerState[1];
        float[][] parameters = new float[1][];
        Trainer<LogisticRegression> chain = trainer(optimizer).finalOptimizerState(s -> state[0] = s)
                .finalParameters(p -> parameters[0] = p);
        try (PenaltySweep<LogisticRegression> sweep = trainer(optimizer).penaltySweep(data)) {
            LogisticRegression first = null;
            for (double lambda : LAMBDAS) {
                LogisticRegression swept = sweep.fit(lambda);
                LogisticRegression chained = chain.l2(lambda).fit(data);
                chain.initialModel(chained).initialOptimizerState(state[0]).initialParameters(parameters[0]);
                assertArrayEquals(chained.weights(), swept.weights(), 0f, "λ " + lambda);
                assertEquals(chained.bias(), swept.bias(), 0f);
                assertEquals(chained.summary().epochs(), swept.summary().epochs());
                assertEquals(chained.summary().passes(), swept.summary().passes(), 0);
                assertEquals(lambda, swept.summary().l2(), 0);
                assertArrayEquals(parameters[0], sweep.parameters(), 0f);
                if (first == null) {
                    first = swept;
                } else if (optimizer.equals("newton-cholesky")) { // L-BFGS's warm fits are not always cheaper here
                    assertTrue(swept.summary().passes() < first.summary().passes(), "a warm fit took "
                            + swept.summary().passes() + " passes, the cold first " + first.summary().passes());
                }
            }
        }
    }

    /**
     * Softmax regression trains a network objective, which cannot change its penalty: the sweep makes a new one for
     * each fit and still carries the optimizer — the chained warm fits' bits again.
     */
    @Test
    void anObjectiveThatCannotChangeItsPenaltyIsMadeAgainForEachFit() throws IOException {
        Dataset data = TestData.digitsTrain();
        OptimizerState[] state = new OptimizerState[1];
        Trainer<MlpClassifier> chain = softmax().finalOptimizerState(s -> state[0] = s);
        try (PenaltySweep<MlpClassifier> sweep = softmax().penaltySweep(data)) {
            for (double lambda : new double[] {0.1, 0.01}) {
                MlpClassifier swept = sweep.fit(lambda);
                MlpClassifier chained = chain.l2(lambda).fit(data);
                chain.initialModel(chained).initialOptimizerState(state[0]);
                assertEquals(lambda, swept.summary().l2(), 0);
                assertEquals(chained.summary().cost(), swept.summary().cost(), 0, "λ " + lambda);
                assertEquals(chained.summary().epochs(), swept.summary().epochs());
            }
        }
    }

    private static Trainer<MlpClassifier> softmax() {
        return SoftmaxRegression.trainer().optimizer("lbfgs").gradientTolerance(1e-4).costTolerance(0).maxEpochs(60);
    }

    /** Whatever the optimizer, each fit of a sweep reaches the optimum a cold fit at its penalty reaches. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lbfgs", "newton", "newton-cholesky", "batch"})
    void eachFitReachesTheColdFitsOptimum(String optimizer) throws IOException {
        Dataset data = TestData.breastCancerTrain();
        int maxEpochs = optimizer.equals("batch") ? 20 : 500;
        try (PenaltySweep<LogisticRegression> sweep = trainer(optimizer).maxEpochs(maxEpochs).penaltySweep(data)) {
            for (double lambda : LAMBDAS) {
                LogisticRegression swept = sweep.fit(lambda);
                LogisticRegression cold = trainer(optimizer).maxEpochs(maxEpochs).l2(lambda).fit(data);
                if (optimizer.equals("batch")) {
                    // Twenty gradient steps from another start: not the optimum, only the fit of that start.
                    assertEquals(maxEpochs, swept.summary().epochs());
                    continue;
                }
                assertEquals(StopReason.GRADIENT_TOLERANCE, swept.summary().stopReason());
                assertEquals(cold.summary().cost(), swept.summary().cost(), 1e-8, "λ " + lambda);
                assertTrue(swept.summary().passes() <= cold.summary().passes(),
                        "λ " + lambda + ": warm " + swept.summary().passes() + " passes, cold " + cold.summary().passes());
            }
        }
    }

    @Test
    void aGivenStartReplacesTheLastOptimumAndBadInputIsRefused() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        try (PenaltySweep<LogisticRegression> sweep = trainer("lbfgs").threads(2).penaltySweep(data)) {
            float[] zeros = sweep.parameters(); // the first fit's start: zeros for a linear model
            assertArrayEquals(new float[data.dimension() + 1], zeros);
            LogisticRegression first = sweep.fit(0.1);
            LogisticRegression again = sweep.fit(0.1, zeros);
            assertEquals(first.summary().cost(), again.summary().cost(), 1e-8);
            assertTrue(again.summary().epochs() > 5, "from zeros: " + again.summary().epochs() + " epochs");
            assertThrows(IllegalArgumentException.class, () -> sweep.fit(-1));
            assertThrows(IllegalArgumentException.class, () -> sweep.fit(Double.NaN));
            IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                    () -> sweep.fit(0.1, new float[3]));
            assertTrue(wrong.getMessage().contains("3 parameters"), wrong.getMessage());
        }
    }
}
