package dev.soma.engine.train.internal;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.Standardizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.kernels.Kernels;
import dev.soma.engine.kernels.Rows;
import dev.soma.engine.plugins.PluginRegistry;
import dev.soma.plugins.Loss;
import dev.soma.plugins.Options;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gradient the trainer follows is the gradient of the cost it reports: a central-difference check of
 * {@code ∇J} (L1 and L2 included, with and without sample weights) for the built-in losses, over a full range
 * and a shuffled minibatch, on both kernel paths. Hinge has kinks; with random data no score sits within h of one
 * often enough to matter at this tolerance, and the seed is fixed.
 */
class LinearObjectiveTest {

    @ParameterizedTest(name = "{0} loss, {1} kernels, weighted {2}, standardised {3}")
    @CsvSource({"log, scalar, false, false", "log, active, false, false", "mse, scalar, false, false",
        "mse, active, false, false", "log, active, true, false", "huber, active, true, false",
        "hinge, scalar, false, false", "log, active, false, true", "log, scalar, false, true",
        "mse, active, true, true", "hinge, active, false, true"})
    void theGradientPassesANumericalCheck(String lossName, String kernelChoice, boolean weighted,
                                          boolean standardised) {
        Kernels kernels = kernelChoice.equals("scalar") ? KernelSelection.scalar() : KernelSelection.active();
        Loss loss = PluginRegistry.discover().loss(lossName, Options.empty());
        Random random = new Random(11);
        int n = 300;
        int d = 13;
        float[][] rows = new float[n][d];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                // Standardised runs get features far from mean 0 and scale 1: the objective centres and scales
                // them as it reads them, and must match the definition on the standardised values.
                rows[i][j] = (float) (standardised ? 50 + j + 10 * random.nextGaussian() : random.nextGaussian());
            }
            boolean classes = lossName.equals("log") || lossName.equals("hinge");
            y[i] = classes ? (random.nextBoolean() ? 1 : 0) : (float) random.nextGaussian();
        }
        Dataset data = Dataset.fromRows(rows, y);
        Penalty penalty = new Penalty(0.02, 0.05);
        float[] weights = null;
        if (weighted) {
            weights = new float[n];
            for (int i = 0; i < n; i++) {
                weights[i] = (float) (0.5 + random.nextDouble());
            }
        }
        Standardizer standardizer = standardised ? Standardizer.fit(data) : null;
        LinearObjective objective = new LinearObjective(data, standardizer, loss, penalty, weights, kernels, null, 1);
        float[] theta = new float[d + 1];
        for (int j = 0; j <= d; j++) {
            double v = random.nextGaussian() * 0.5;
            theta[j] = (float) (v + Math.copySign(0.1, v)); // away from L1's kink at 0
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (i * 7) % n; // a permutation, as a shuffled minibatch would be
        }
        // The full batch, a chunk-path minibatch, a small-batch-path minibatch and SGD's single row.
        for (Rows batch : new Rows[] {Rows.range(0, n), Rows.indexed(order, 10, 110), Rows.indexed(order, 10, 74),
            Rows.indexed(order, 5, 6)}) {
            float[] gradient = new float[d + 1];
            objective.evaluate(theta, batch, gradient);
            for (int j = 0; j <= d; j++) {
                double h = 1e-4; // the reference cost is in double, so a small step is exact enough
                double plus = cost(data, standardizer, loss, penalty, weights, batch, theta, j, h);
                double minus = cost(data, standardizer, loss, penalty, weights, batch, theta, j, -h);
                double numerical = (plus - minus) / (2 * h);
                assertEquals(numerical, gradient[j], 2e-4 + 1e-3 * Math.abs(numerical), batch + " ∂J/∂θ" + j);
            }
        }
    }

    /** J at θ with θ_j moved by h, in double from the definition (no kernels), on standardised features if given. */
    private static double cost(Dataset data, Standardizer standardizer, Loss loss, Penalty penalty, float[] weights,
                               Rows rows, float[] theta, int j, double h) {
        int d = data.dimension();
        double[] t = new double[d + 1];
        for (int k = 0; k <= d; k++) {
            t[k] = theta[k];
        }
        t[j] += h;
        double sum = 0;
        for (int k = 0; k < rows.size(); k++) {
            int r = rows.row(k);
            double z = t[d];
            for (int c = 0; c < d; c++) {
                double feature = data.feature(r, c);
                if (standardizer != null) {
                    feature = (feature - standardizer.means()[c]) / standardizer.scales()[c];
                }
                z += t[c] * feature;
            }
            double label = data.label(r);
            double value = switch (loss.name()) {
                case "log" -> Math.max(z, 0) - label * z + Math.log1p(Math.exp(-Math.abs(z)));
                case "mse" -> (z - label) * (z - label);
                case "huber" -> Math.abs(z - label) <= 1 ? 0.5 * (z - label) * (z - label) : Math.abs(z - label) - 0.5;
                case "hinge" -> Math.max(0, 1 - (2 * label - 1) * z);
                default -> throw new IllegalArgumentException(loss.name());
            };
            sum += (weights == null ? 1 : weights[r]) * value;
        }
        double abs = 0;
        double squares = 0;
        for (int c = 0; c < d; c++) {
            abs += Math.abs(t[c]);
            squares += t[c] * t[c];
        }
        return sum / rows.size() + penalty.l1() * abs + 0.5 * penalty.l2() * squares;
    }
}
