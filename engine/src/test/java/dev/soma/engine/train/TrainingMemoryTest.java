package dev.soma.engine.train;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.plugins.PluginRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training a linear model holds no copy of the design matrix — standardisation happens as the kernels read the
 * rows — and what it does hold beyond the data stays under a tenth of it. Measured as the live heap (after a
 * full collection) in the middle of training, against the live heap with the data alone.
 */
class TrainingMemoryTest {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    @ParameterizedTest
    @ValueSource(strings = {"batch", "lbfgs", "sgd", "minibatch", "adam"})
    void standardisedTrainingHoldsLessThanATenthOfTheDataBeyondIt(String optimizer) {
        int n = 200_000;
        int d = 40;
        Random random = new Random(5);
        float[] x = new float[n * d];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double z = 0;
            for (int j = 0; j < d; j++) {
                float v = (float) (3 + j + 2 * random.nextGaussian());
                x[i * d + j] = v;
                z += (j % 3 - 1) * (v - 3 - j) / 2;
            }
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        Dataset data = Dataset.fromRowMajor(x, d, y);
        x = null;
        PluginRegistry plugins = PluginRegistry.discover();
        long withDataAlone = liveHeap();
        long[] duringTraining = {0};
        LogisticRegression model = LogisticRegression.trainer()
                .plugins(plugins)
                .optimizer(optimizer)
                .maxEpochs(2)
                .listener(report -> duringTraining[0] = Math.max(duringTraining[0], liveHeap()))
                .fit(data);
        long beyond = duringTraining[0] - withDataAlone;
        long dataBytes = (long) n * d * Float.BYTES + (long) n * Float.BYTES;
        System.out.printf(java.util.Locale.ROOT, "%s: %d bytes held beyond %d bytes of data (%.2f %%)%n", optimizer,
                beyond, dataBytes, 100.0 * beyond / dataBytes);
        assertTrue(beyond < dataBytes / 10, "training held " + beyond + " bytes beyond " + dataBytes
                + " bytes of data (" + 100.0 * beyond / dataBytes + " %)");
        assertTrue(model.summary().meanLoss() < 0.69, "it trained: " + model.summary());
    }

    private static long liveHeap() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
