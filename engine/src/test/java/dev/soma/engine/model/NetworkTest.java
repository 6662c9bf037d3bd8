package dev.soma.engine.model;

import dev.soma.engine.data.DataFormatException;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.metrics.ClassificationMetrics;
import dev.soma.engine.network.Activation;
import dev.soma.engine.network.Architecture;
import dev.soma.engine.network.Network;
import dev.soma.engine.testing.TestData;
import dev.soma.engine.train.internal.NetworkObjective;
import dev.soma.engine.train.internal.Penalty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.kernels.Kernels;
import dev.soma.engine.kernels.Rows;
import dev.soma.plugins.Options;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NetworkTest {

    /**
     * Backprop through dense layers, every activation and the softmax cross-entropy passes a numerical gradient
     * check against an independent forward pass in double: relative error under 1e-3 for every parameter.
     */
    @ParameterizedTest(name = "{0}, {1} kernels")
    @CsvSource({"SIGMOID, scalar", "SIGMOID, active", "TANH, active", "RELU, active", "RELU, scalar", "IDENTITY, active"})
    void backpropPassesANumericalGradientCheck(Activation activation, String kernelChoice) {
        Kernels kernels = kernelChoice.equals("scalar") ? KernelSelection.scalar() : KernelSelection.active();
        Random random = new Random(8);
        int n = 40;
        int d = 11;
        int k = 3;
        float[][] rows = new float[n][d];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = (float) random.nextGaussian();
            }
            labels[i] = random.nextInt(k);
        }
        Dataset data = Dataset.fromRows(rows, labels);
        Architecture architecture = Architecture.hidden(9, 5).activation(activation);
        Network network = new Network(d, architecture, k);
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = (int) labels[i];
        }
        Penalty penalty = new Penalty(0, 0.01);
        NetworkObjective objective = new NetworkObjective(network, data, classes, penalty, null, kernels);
        float[] theta = network.initialParameters(3);
        for (int p = 0; p < theta.length; p++) {
            theta[p] += (float) (random.nextGaussian() * 0.1); // biases off zero too
        }
        float[] gradient = new float[theta.length];
        Rows batch = Rows.range(0, n);
        double cost = objective.evaluate(theta, batch, gradient);
        assertEquals(reference(network, architecture, data, classes, theta, penalty), cost, 1e-5 * Math.abs(cost));
        for (int p = 0; p < theta.length; p++) {
            double h = 1e-3;
            double[] t = toDouble(theta);
            t[p] += h;
            double plus = reference(network, architecture, data, classes, t, penalty);
            t[p] -= 2 * h;
            double minus = reference(network, architecture, data, classes, t, penalty);
            double numerical = (plus - minus) / (2 * h);
            double error = Math.abs(numerical - gradient[p]) / Math.max(1e-3, Math.abs(numerical) + Math.abs(gradient[p]));
            assertTrue(error < 1e-3, "parameter " + p + ": numerical " + numerical + ", backprop " + gradient[p]);
        }
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static double reference(Network network, Architecture a, Dataset data, int[] classes, float[] theta,
                                    Penalty penalty) {
        return reference(network, a, data, classes, toDouble(theta), penalty);
    }

    /** The mean cross-entropy plus L2 on the weights, by a plain double-precision forward pass. */
    private static double reference(Network network, Architecture a, Dataset data, int[] classes, double[] theta,
                                    Penalty penalty) {
        int[] sizes = new int[a.hiddenSizes().length + 2];
        sizes[0] = data.dimension();
        System.arraycopy(a.hiddenSizes(), 0, sizes, 1, a.hiddenSizes().length);
        sizes[sizes.length - 1] = network.outputs();
        double loss = 0;
        for (int i = 0; i < data.size(); i++) {
            double[] act = new double[sizes[0]];
            for (int j = 0; j < sizes[0]; j++) {
                act[j] = data.feature(i, j);
            }
            int offset = 0;
            for (int l = 1; l < sizes.length; l++) {
                double[] next = new double[sizes[l]];
                int biases = offset + sizes[l] * sizes[l - 1];
                for (int o = 0; o < sizes[l]; o++) {
                    double z = theta[biases + o];
                    for (int j = 0; j < sizes[l - 1]; j++) {
                        z += theta[offset + o * sizes[l - 1] + j] * act[j];
                    }
                    boolean hidden = l < sizes.length - 1;
                    next[o] = !hidden ? z : switch (a.activation()) {
                        case SIGMOID -> 1 / (1 + Math.exp(-z));
                        case TANH -> Math.tanh(z);
                        case RELU -> Math.max(z, 0);
                        case IDENTITY -> z;
                    };
                }
                offset = biases + sizes[l];
                act = next;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (double z : act) {
                max = Math.max(max, z);
            }
            double total = 0;
            for (double z : act) {
                total += Math.exp(z - max);
            }
            loss += Math.log(total) + max - act[classes[i]];
        }
        double squares = 0;
        int offset = 0;
        for (int l = 1; l < sizes.length; l++) {
            for (int p = 0; p < sizes[l] * sizes[l - 1]; p++) {
                squares += theta[offset + p] * theta[offset + p];
            }
            offset += sizes[l] * sizes[l - 1] + sizes[l];
        }
        return loss / data.size() + 0.5 * penalty.l2() * squares;
    }

    @Test
    void xorNeedsTheHiddenLayerAndGetsAllFourRight() {
        float[][] rows = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        float[] labels = {0, 1, 1, 0};
        Dataset xor = Dataset.fromRows(rows, labels);
        MlpClassifier mlp = MlpClassifier.trainer(Architecture.hidden(4).activation(Activation.TANH))
                .optimizer("adam", Options.of("learningRate", 0.05, "batchSize", 0))
                .maxEpochs(1000).costTolerance(0).gradientTolerance(1e-4)
                .seed(1)
                .fit(xor);
        assertArrayEquals(labels, mlp.predict(xor));
        assertEquals(1.0, mlp.evaluate(xor).accuracy());
        MlpClassifier linear = SoftmaxRegression.trainer()
                .optimizer("adam", Options.of("learningRate", 0.05, "batchSize", 0))
                .maxEpochs(1000).seed(1).fit(xor);
        assertTrue(linear.evaluate(xor).accuracy() <= 0.75, "a linear model cannot separate XOR");
    }

    @Test
    void anMlpReachesAtLeast096OnTheDigitsSplit() throws IOException {
        MlpClassifier mlp = MlpClassifier.trainer(Architecture.hidden(64).activation(Activation.TANH))
                .optimizer("adam", Options.of("learningRate", 0.005))
                .l2(1e-4)
                .maxEpochs(60)
                .seed(7)
                .fit(TestData.digitsTrain());
        ClassificationMetrics test = mlp.evaluate(TestData.digitsTest());
        assertTrue(test.accuracy() >= 0.96, "MLP digits test accuracy " + test + " " + mlp.summary());
        assertEquals(10, mlp.classes().length);
        System.out.println("digits MLP: " + test + ", " + mlp.summary().epochs() + " epochs");
    }

    @Test
    void softmaxRegressionReachesAtLeast094OnTheDigitsSplit() throws IOException {
        MlpClassifier softmax = SoftmaxRegression.trainer()
                .optimizer("lbfgs")
                .l2(1e-3)
                .maxEpochs(300)
                .fit(TestData.digitsTrain());
        ClassificationMetrics test = softmax.evaluate(TestData.digitsTest());
        assertTrue(test.accuracy() >= 0.94, "softmax digits test accuracy " + test + " " + softmax.summary());
        System.out.println("digits softmax regression: " + test + ", " + softmax.summary().epochs() + " epochs");
    }

    @Test
    void classesAreTheLabelValuesInOrder() {
        float[][] rows = {{0, 0}, {5, 5}, {10, 10}, {0.5f, 0}, {5, 5.5f}, {10, 9.5f}};
        float[] labels = {3, 7, 10, 3, 7, 10};
        MlpClassifier model = SoftmaxRegression.trainer().optimizer("lbfgs").maxEpochs(200)
                .fit(Dataset.fromRows(rows, labels));
        assertArrayEquals(new float[] {3, 7, 10}, model.classes());
        assertEquals(7f, model.predict(new float[] {5, 5.2f}));
        float[] p = model.predictProbabilities(new float[] {10, 10});
        assertEquals(1.0, p[0] + p[1] + p[2], 1e-6);
        assertTrue(p[2] > 0.5);
    }

    @Test
    void badUseIsAClearError() throws IOException {
        Dataset oneClass = Dataset.fromRows(new float[][] {{1}, {2}}, new float[] {4, 4});
        assertTrue(assertThrows(DataFormatException.class, () -> SoftmaxRegression.trainer().fit(oneClass))
                .getMessage().contains("a classifier needs at least two classes"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SoftmaxRegression.trainer().loss("mse", Options.empty()).fit(TestData.breastCancerTrain()))
                .getMessage().contains("takes no loss plugin"));
        MlpClassifier model = SoftmaxRegression.trainer().maxEpochs(2).fit(TestData.breastCancerTrain());
        assertThrows(IllegalArgumentException.class, () -> model.predict(new float[3]));
        assertThrows(IllegalArgumentException.class, () -> Architecture.hidden(4, 0));
    }
}
