package dev.soma.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.SparseRows;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.select.RegularizationPath;
import dev.soma.engine.testing.TestData;
import dev.soma.plugins.Options;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code newton} with {@code solver=cholesky} (the whole Hessian built in one pass and factorised): the optimum of
 * L-BFGS and of {@code solver=cg} (cost to 1e-7) on breast cancer and on a random set, the same model for one and
 * two threads, a clear refusal on sparse data, and a warm-started regularisation path that needs far fewer passes
 * than cold fits (counted from the summaries; the time is JMH's, RegularizationPathBenchmark).
 */
class NewtonCholeskyTest {

    private static Trainer<LogisticRegression> trainer(String optimizer, String solver) {
        Trainer<LogisticRegression> t = LogisticRegression.trainer();
        t = solver == null ? t.optimizer(optimizer) : t.optimizer(optimizer, Options.of("solver", solver));
        return t.maxEpochs(2000).gradientTolerance(1e-6).costTolerance(0);
    }

    private static void sameOptimum(Dataset data, double l2) {
        TrainingSummary cholesky = trainer("newton", "cholesky").l2(l2).fit(data).summary();
        TrainingSummary cg = trainer("newton", "cg").l2(l2).fit(data).summary();
        TrainingSummary lbfgs = trainer("lbfgs", null).l2(l2).fit(data).summary();
        assertEquals(StopReason.GRADIENT_TOLERANCE, cholesky.stopReason(), cholesky.toString());
        assertEquals(cg.cost(), cholesky.cost(), 1e-7, "cholesky vs cg");
        assertEquals(lbfgs.cost(), cholesky.cost(), 1e-7, "cholesky vs lbfgs");
        // A matrix is one pass where conjugate gradients take several; reused factors add steps, not passes.
        assertTrue(cholesky.passes() < cg.passes(), cholesky.passes() + " passes vs cg's " + cg.passes());
    }

    private static Dataset random(int n, int d, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n * d];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double z = 0;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (3 + j + (1 + j % 4) * random.nextGaussian());
                z += (j % 3 - 1) * (x[i * d + j] - 3 - j) / (1 + j % 4);
            }
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        return Dataset.fromRowMajor(x, d, y);
    }

    @Test
    void breastCancerReachesTheOptimumOfLbfgsAndConjugateGradients() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        sameOptimum(data, 0.01);
        sameOptimum(data, 1e-4);
    }

    @Test
    void aRandomSetReachesTheOptimumOfLbfgsAndConjugateGradients() {
        sameOptimum(random(1500, 12, 7), 1e-3);
    }

    @Test
    void oneAndTwoThreadsTrainTheSameModel() {
        Dataset data = random(9000, 10, 3); // three chunks of 4,096 rows
        LogisticRegression one = trainer("newton", "cholesky").l2(1e-3).threads(1).fit(data);
        LogisticRegression two = trainer("newton", "cholesky").l2(1e-3).threads(2).fit(data);
        assertArrayEquals(one.weights(), two.weights());
        assertEquals(one.bias(), two.bias());
        assertEquals(one.summary().passes(), two.summary().passes());
    }

    @Test
    void sparseDataIsRefusedWithWhatToUseInstead() {
        Dataset dense = random(200, 5, 1);
        float[] x = new float[200 * 5];
        for (int i = 0; i < 200; i++) {
            for (int j = 0; j < 5; j++) {
                x[i * 5 + j] = dense.feature(i, j);
            }
        }
        Dataset sparse = Dataset.sparse(SparseRows.fromDense(x, 200, 5), dense.labelArray());
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> trainer("newton", "cholesky").standardize(false).fit(sparse));
        assertTrue(e.getMessage().contains("solver=cg"), e.getMessage());
        // auto falls back to the conjugate gradients there.
        assertEquals(StopReason.GRADIENT_TOLERANCE,
                trainer("newton", "auto").standardize(false).l2(0.01).fit(sparse).summary().stopReason());
    }

    @Test
    void aWarmPathNeedsFarFewerPassesThanColdFits() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        double[] cs = RegularizationPath.grid(1e-3, 10, 20);
        Trainer<LogisticRegression> t = trainer("newton", "cholesky").gradientTolerance(1e-5);
        List<RegularizationPath.Point<LogisticRegression>> path = RegularizationPath.ofC(t, cs).fit(data);
        double warm = 0;
        double cold = 0;
        long warmEpochs = 0;
        long coldEpochs = 0;
        for (RegularizationPath.Point<LogisticRegression> point : path) {
            TrainingSummary w = point.model().summary();
            TrainingSummary c = t.copy().l2(point.lambda()).fit(data).summary();
            assertEquals(StopReason.GRADIENT_TOLERANCE, w.stopReason());
            assertEquals(c.cost(), w.cost(), 1e-7, "the same optimum at C = " + point.value());
            warm += w.passes();
            cold += c.passes();
            warmEpochs += w.epochs();
            coldEpochs += c.epochs();
        }
        // Measured: 121 passes (85 steps, 16 matrices) warm against 272 (152, 100) cold, the carried matrix given
        // each fit's new penalty (CostFunction.l2Penalty); 114 (73, 21) with the old factor carried unchanged, 144
        // (99) without a carried factor, 167 (136) with it but reused after a 2-fold cut of the gradient. A pass is
        // 1 + steps + matrices per fit; a matrix costs about four passes' time here.
        double warmMatrices = warm - path.size() - warmEpochs;
        assertTrue(warm <= 0.5 * cold, "warm " + warm + " passes, cold " + cold);
        assertTrue(warmEpochs <= 0.6 * coldEpochs, "warm " + warmEpochs + " steps, cold " + coldEpochs);
        assertTrue(warmMatrices <= 0.85 * path.size(), "warm matrices " + warmMatrices + " over " + path.size()
                + " fits: most warm fits build none");
    }

    /**
     * {@link Trainer#finalOptimizerState} hears each fit once, at its end, with what the last checkpoint holds; with
     * newton's Cholesky solver that includes the factor, which the path hands to the next fit.
     */
    @Test
    void aFitHandsOverItsFinalStateOnce() throws IOException {
        Dataset data = TestData.breastCancerTrain();
        List<dev.soma.plugins.OptimizerState> finals = new java.util.ArrayList<>();
        List<TrainingCheckpoint> checkpoints = new java.util.ArrayList<>();
        trainer("newton", "cholesky").l2(0.01).finalOptimizerState(finals::add).checkpoints(checkpoints::add)
                .fit(data);
        assertEquals(1, finals.size());
        assertEquals(checkpoints.getLast().optimizerState(), finals.getFirst());
        assertTrue(finals.getFirst().bufferNames().contains("matrix.hi.0"), finals.getFirst().toString());
    }
}
