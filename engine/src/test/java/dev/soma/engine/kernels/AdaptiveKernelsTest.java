package dev.soma.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.network.Architecture;
import dev.soma.engine.train.EpochReport;
import dev.soma.engine.train.TrainingListener;
import dev.soma.plugins.Options;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a user of the default ({@code auto}) kernels relies on: a model is the same bits whether its fit ran on the
 * plain twin, on the compiled vector kernels, or switched from one to the other in the middle — and in a JVM with a
 * JIT the warm-up does switch, so that large fits get the vector speed.
 */
class AdaptiveKernelsTest {

    private static Kernels vector;
    private static Dataset data;
    private static Dataset classes;

    @BeforeAll
    static void setUp() {
        vector = VectorUnderTest.load();
        SplittableRandom random = new SplittableRandom(5);
        int n = 700;
        int d = 2 * vector.lanes() + 5;
        float[][] rows = new float[n][d];
        float[] labels = new float[n];
        float[] three = new float[n];
        for (int i = 0; i < n; i++) {
            double z = 0;
            for (int j = 0; j < d; j++) {
                rows[i][j] = (float) (random.nextGaussian() * (j + 1) + j);
                z += (j % 3 - 1) * (rows[i][j] - j) / (j + 1);
            }
            labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
            three[i] = z < -0.7 ? 0 : z < 0.7 ? 1 : 2;
        }
        data = Dataset.fromRows(rows, labels);
        classes = Dataset.fromRows(rows, three);
        // Full passes over this one are large calls, which go to the vector kernels, while its minibatches are
        // small ones, which go to the twin: one fit mixes both.
        int large = AdaptiveKernels.LARGE_CALL / d + 50;
        float[][] more = new float[large][];
        float[] moreLabels = new float[large];
        for (int i = 0; i < large; i++) {
            more[i] = rows[i % n].clone();
            more[i][0] += (float) random.nextGaussian();
            moreLabels[i] = labels[i % n];
        }
        mixed = Dataset.fromRows(more, moreLabels);
    }

    private static Dataset mixed;

    @Test
    void aFitThatMixesLargeAndSmallCallsIsTheSameBitsAsOnTheVectorKernels() {
        for (String optimizer : new String[] {"minibatch", "lbfgs"}) {
            var trainer = LogisticRegression.trainer().optimizer(optimizer).l2(1e-3).maxEpochs(3);
            LogisticRegression onVector = trainer.kernels(vector).fit(mixed);
            LogisticRegression adaptive = trainer.kernels(new AdaptiveKernels(vector)).fit(mixed);
            assertSameBits(onVector.weights(), adaptive.weights(), optimizer + " weights");
            assertEquals(Float.floatToRawIntBits(onVector.bias()), Float.floatToRawIntBits(adaptive.bias()));
        }
    }

    /** Switches the adaptive kernels to vector at the end of the given epoch. */
    private record SwitchAt(AdaptiveKernels kernels, int epoch) implements TrainingListener {
        @Override
        public void onEpoch(EpochReport report) {
            if (report.epoch() == epoch) {
                kernels.switchToVector();
            }
        }
    }

    private static float[] logistic(Kernels kernels, TrainingListener listener, String optimizer) {
        var trainer = LogisticRegression.trainer().optimizer(optimizer, Options.of("learningRate", 0.05)).l2(1e-3)
                .maxEpochs(12).kernels(kernels);
        if (listener != null) {
            trainer.listener(listener);
        }
        LogisticRegression model = trainer.fit(data);
        float[] out = java.util.Arrays.copyOf(model.weights(), model.weights().length + 1);
        out[out.length - 1] = model.bias();
        return out;
    }

    private static float[] mlp(Kernels kernels, TrainingListener listener) {
        var trainer = MlpClassifier.trainer(Architecture.hidden(9)).optimizer("adam").maxEpochs(6).seed(3)
                .kernels(kernels);
        if (listener != null) {
            trainer.listener(listener);
        }
        float[][] p = trainer.fit(classes).predictProbabilities(classes);
        float[] flat = new float[p.length * p[0].length];
        for (int i = 0; i < p.length; i++) {
            System.arraycopy(p[i], 0, flat, i * p[0].length, p[0].length);
        }
        return flat;
    }

    private static void assertSameBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                    what + ": value " + i + " is " + actual[i] + ", on the vector kernels " + expected[i]);
        }
    }

    @Test
    void aModelIsTheSameBitsOnThePlainTwinTheVectorKernelsOrASwitchMidFit() {
        for (String optimizer : new String[] {"batch", "minibatch", "sgd", "lbfgs"}) {
            float[] onVector = logistic(vector, null, optimizer);
            // Without its warm-up: in a JVM whose C2 has compiled the vector kernels already (the full suite), a
            // warm-up started by this fit's small calls could finish, and switch, before the fit ends.
            AdaptiveKernels plainThroughout = new AdaptiveKernels(vector).withoutWarmUp();
            assertSameBits(onVector, logistic(plainThroughout, null, optimizer), optimizer + " on the plain twin");
            assertFalse(plainThroughout.onVector(), "no warm-up was started: the twin ran throughout");
            AdaptiveKernels switching = new AdaptiveKernels(vector);
            assertSameBits(onVector, logistic(switching, new SwitchAt(switching, 4), optimizer),
                    optimizer + " switched to vector after epoch 4");
            assertTrue(switching.onVector());
        }
        float[] onVector = mlp(vector, null);
        assertSameBits(onVector, mlp(new AdaptiveKernels(vector), null), "MLP on the plain twin");
        AdaptiveKernels switching = new AdaptiveKernels(vector);
        assertSameBits(onVector, mlp(switching, new SwitchAt(switching, 2)), "MLP switched after epoch 2");
    }

    @Test
    void theWarmUpSwitchesToTheCompiledVectorKernels() throws InterruptedException {
        AdaptiveKernels kernels = new AdaptiveKernels(vector).startWarmUp();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!kernels.onVector() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(kernels.onVector(), "the warm-up did not switch to the vector kernels within 60 s");
        assertEquals(vector.description(), kernels.description());
        assertArrayEquals(new int[] {vector.lanes(), vector.vectorBits()}, new int[] {kernels.lanes(), kernels.vectorBits()});
    }

    @Test
    void theWarmUpWaitsUntilSmallCallsHaveGoneOnForAWhile() throws InterruptedException {
        AdaptiveKernels kernels = new AdaptiveKernels(vector);
        float[] x = new float[8];
        float[] y = new float[8];
        // A short burst — many calls, but over in well under the threshold — does not start it...
        long start = System.nanoTime();
        for (int i = 0; i < 4 * AdaptiveKernels.MANY_CALLS; i++) {
            kernels.dot(x, 0, y, 0, x.length);
        }
        long burstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (burstMillis < AdaptiveKernels.TRAINING_MILLIS) {
            assertFalse(kernels.warmUpStarted(), "warm-up started after a burst of " + burstMillis + " ms");
        }
        // ...calls that go on past it do.
        Thread.sleep(AdaptiveKernels.TRAINING_MILLIS + 50);
        for (int i = 0; i < 1024; i++) {
            kernels.dot(x, 0, y, 0, x.length);
        }
        assertTrue(kernels.warmUpStarted(), "the warm-up did not start after " + AdaptiveKernels.TRAINING_MILLIS
                + " ms of small calls");
    }

    @Test
    void aHintOfLargeWorkStartsTheWarmUpAtOnce() {
        AdaptiveKernels kernels = new AdaptiveKernels(vector);
        assertFalse(kernels.warmUpStarted());
        KernelSelection.expectLargeWork(kernels);
        assertTrue(kernels.warmUpStarted() || Runtime.getRuntime().availableProcessors() < 2,
                "the warm-up starts when a reader announces a large file");
        KernelSelection.expectLargeWork(KernelSelection.scalar()); // other kernels: nothing to warm, no error
    }
}
