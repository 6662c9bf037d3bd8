package dev.soma.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.SparseRows;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.model.LinearModel;
import dev.soma.engine.model.LinearRegression;
import dev.soma.engine.model.LinearSvm;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.SoftmaxRegression;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The same data held dense and held sparse (CSR) trains the same model, within float rounding, for every built-in
 * optimizer: the sparse objective computes the same objective from the non-zeros alone.
 */
class SparseTrainingTest {

    private static final int N = 400;
    private static final int D = 60;

    /** A random sparse problem (about 10 % non-zeros) with labels from a sparse true weight vector. */
    private static float[] denseFeatures() {
        SplittableRandom random = new SplittableRandom(17);
        float[] x = new float[N * D];
        for (int i = 0; i < x.length; i++) {
            if (random.nextDouble() < 0.1) {
                x[i] = (float) (random.nextDouble() * 2 - 0.5);
            }
        }
        return x;
    }

    private static float[] labels(float[] x, boolean binary) {
        SplittableRandom random = new SplittableRandom(5);
        float[] w = new float[D];
        for (int j = 0; j < D; j += 3) {
            w[j] = (float) (random.nextDouble() * 4 - 2);
        }
        float[] y = new float[N];
        for (int i = 0; i < N; i++) {
            double z = 0.1;
            for (int j = 0; j < D; j++) {
                z += x[i * D + j] * w[j];
            }
            y[i] = binary ? (z + random.nextGaussian() * 0.3 > 0 ? 1 : 0) : (float) (z + random.nextGaussian() * 0.1);
        }
        return y;
    }

    private static <M extends LinearModel> void assertSameModel(Trainer<M> dense, Trainer<M> sparse, boolean binary) {
        float[] x = denseFeatures();
        float[] y = labels(x, binary);
        M a = dense.fit(Dataset.fromRowMajor(x, D, y));
        M b = sparse.fit(Dataset.sparse(SparseRows.fromDense(x, N, D), y));
        assertEquals(a.summary().epochs(), b.summary().epochs());
        assertArrayEquals(a.weights(), b.weights(), 2e-4f * (1 + maxAbs(a.weights())));
        assertEquals(a.bias(), b.bias(), 2e-4f * (1 + Math.abs(a.bias())));
        assertEquals(a.summary().meanLoss(), b.summary().meanLoss(), 1e-5 * (1 + a.summary().meanLoss()));
    }

    private static float maxAbs(float[] v) {
        float m = 0;
        for (float f : v) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }

    private static Trainer<LogisticRegression> logistic(String optimizer) {
        return LogisticRegression.trainer().optimizer(optimizer).l2(0.01).maxEpochs(15).costTolerance(0)
                .gradientTolerance(0).standardize(false).seed(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "minibatch", "batch", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw",
        "lbfgs", "newton"})
    void everyOptimizerTrainsTheSameLogisticRegressionOnSparseRows(String optimizer) {
        assertSameModel(logistic(optimizer), logistic(optimizer), true);
    }

    @Test
    void unpenalisedSgdStepsOnlyWhereTheRowHasNonZeros() {
        // The O(nnz) step: no penalty, one example at a time.
        Trainer<LogisticRegression> t = LogisticRegression.trainer().optimizer("sgd").maxEpochs(10).costTolerance(0)
                .gradientTolerance(0).standardize(false).seed(3);
        Trainer<LogisticRegression> u = LogisticRegression.trainer().optimizer("sgd").maxEpochs(10).costTolerance(0)
                .gradientTolerance(0).standardize(false).seed(3);
        assertSameModel(t, u, true);
    }

    @Test
    void linearRegressionAndTheSvmTrainOnSparseRowsToo() {
        assertSameModel(LinearRegression.trainer().optimizer("lbfgs").l2(0.01).maxEpochs(30).costTolerance(0)
                        .gradientTolerance(0).standardize(false),
                LinearRegression.trainer().optimizer("lbfgs").l2(0.01).maxEpochs(30).costTolerance(0)
                        .gradientTolerance(0).standardize(false), false);
        assertSameModel(LinearSvm.trainer().optimizer("minibatch").l2(0.01).maxEpochs(10).costTolerance(0)
                        .gradientTolerance(0).standardize(false).seed(2),
                LinearSvm.trainer().optimizer("minibatch").l2(0.01).maxEpochs(10).costTolerance(0)
                        .gradientTolerance(0).standardize(false).seed(2), true);
    }

    @Test
    void sparseStandardisationScalesWithoutCentring() {
        float[] x = denseFeatures();
        Dataset sparse = Dataset.sparse(SparseRows.fromDense(x, N, D), labels(x, true));
        Standardizer s = Standardizer.fit(sparse);
        assertTrue(s.isScaleOnly());
        // The scale is the population standard deviation of the column, zeros included.
        double mean = 0;
        double squares = 0;
        for (int i = 0; i < N; i++) {
            mean += x[i * D];
            squares += (double) x[i * D] * x[i * D];
        }
        mean /= N;
        assertEquals(Math.sqrt(squares / N - mean * mean), s.scales()[0], 1e-9);
        // Training with it scores the raw rows through folded weights, and keeps the rows sparse.
        LogisticRegression model = LogisticRegression.trainer().optimizer("lbfgs").l2(0.01).fit(sparse);
        assertEquals(model.summary().meanLoss(), model.evaluate(sparse).logLoss(), 1e-5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"softmax", "mlp"})
    void networksTrainTheSameOnSparseRows(String kind) {
        float[] x = denseFeatures();
        float[] y = labels(x, true);
        java.util.function.Supplier<Trainer<dev.soma.engine.model.MlpClassifier>> trainer = () ->
                (kind.equals("softmax") ? SoftmaxRegression.trainer()
                        : dev.soma.engine.model.MlpClassifier.trainer(dev.soma.engine.network.Architecture.hidden(8)))
                        .optimizer("adam").l2(0.001).maxEpochs(10).costTolerance(0).gradientTolerance(0)
                        .standardize(false).seed(4);
        var dense = trainer.get().fit(Dataset.fromRowMajor(x, D, y));
        var sparse = trainer.get().fit(Dataset.sparse(SparseRows.fromDense(x, N, D), y));
        assertArrayEquals(dense.parameters(), sparse.parameters(), 1e-4f);
        assertEquals(dense.summary().meanLoss(), sparse.summary().meanLoss(), 1e-6);
        float[][] pd = dense.predictProbabilities(Dataset.fromRowMajor(x, D, y));
        float[][] ps = sparse.predictProbabilities(Dataset.sparse(SparseRows.fromDense(x, N, D), y));
        assertArrayEquals(pd[7], ps[7], 1e-5f);
    }

    @Test
    void threadsSplitSparseRowsWithTheSameBitsForAnyCount() {
        int n = 20_000;
        int d = 300;
        SplittableRandom random = new SplittableRandom(9);
        int[] start = new int[n + 1];
        java.util.List<Integer> indices = new java.util.ArrayList<>();
        java.util.List<Float> values = new java.util.ArrayList<>();
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double z = 0;
            for (int j = 0; j < d; j++) {
                if (random.nextDouble() < 0.03) {
                    float v = (float) random.nextGaussian();
                    indices.add(j);
                    values.add(v);
                    z += (j % 7 - 3) * v;
                }
            }
            start[i + 1] = indices.size();
            y[i] = z + random.nextGaussian() > 0 ? 1 : 0;
        }
        float[] value = new float[values.size()];
        for (int k = 0; k < value.length; k++) {
            value[k] = values.get(k);
        }
        Dataset data = Dataset.sparse(SparseRows.of(start, indices.stream().mapToInt(Integer::intValue).toArray(), value,
                d), y);
        java.util.function.IntFunction<LogisticRegression> fit = threads -> LogisticRegression.trainer()
                .optimizer("lbfgs").l2(1e-3).maxEpochs(20).costTolerance(0).gradientTolerance(0).standardize(false)
                .threads(threads).fit(data);
        LogisticRegression one = fit.apply(1);
        LogisticRegression three = fit.apply(3);
        assertArrayEquals(one.weights(), three.weights(), 0f);
        assertEquals(one.bias(), three.bias(), 0f);
        assertEquals(one.summary().cost(), three.summary().cost(), 0);
    }
}
