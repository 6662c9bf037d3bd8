package dev.soma.engine.train;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LinearRegression;
import dev.soma.engine.model.LogisticRegression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.soma.plugins.Options;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Data-parallel full passes give the same model, bit for bit, for any number of threads. */
class ThreadsTest {

    private static Dataset logistic(int n, int d, long seed) {
        Random random = new Random(seed);
        float[][] rows = new float[n][d];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double z = 0.2;
            for (int j = 0; j < d; j++) {
                rows[i][j] = (float) random.nextGaussian();
                z += (j % 3 - 1) * rows[i][j];
            }
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        return Dataset.fromRows(rows, y);
    }

    @Test
    void theModelIsTheSameForOneTwoAndThreeThreads() {
        Dataset data = logistic(20_000, 16, 5); // five chunks of up to 4096 rows
        float[] one = null;
        for (int threads = 1; threads <= 3; threads++) {
            for (String optimizer : new String[] {"batch", "lbfgs"}) {
                LogisticRegression model = LogisticRegression.trainer()
                        .optimizer(optimizer, Options.of("learningRate", 1.0))
                        .l2(1e-3).maxEpochs(8).costTolerance(0).gradientTolerance(0)
                        .threads(threads)
                        .fit(data);
                if (optimizer.equals("batch")) {
                    if (one == null) {
                        one = model.weights();
                    }
                    assertArrayEquals(one, model.weights(), 0f, threads + " threads");
                }
                assertEquals(8, model.summary().epochs());
            }
        }
        LinearRegression linear1 = LinearRegression.trainer().optimizer("lbfgs").maxEpochs(5).threads(1)
                .fit(logistic(9000, 4, 6));
        LinearRegression linear2 = LinearRegression.trainer().optimizer("lbfgs").maxEpochs(5).threads(2)
                .fit(logistic(9000, 4, 6));
        assertArrayEquals(linear1.weights(), linear2.weights(), 0f, "the generic (non-fused) path too");
    }

    @Test
    void zeroThreadsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.trainer().threads(0));
    }
}
