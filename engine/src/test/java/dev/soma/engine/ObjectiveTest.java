package dev.soma.engine;

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
 * {@code ∇J} for each built-in loss, over a full range and a shuffled minibatch, on both kernel paths.
 */
class ObjectiveTest {

    @ParameterizedTest(name = "{0} loss, {1} kernels")
    @CsvSource({"log, scalar", "log, active", "mse, scalar", "mse, active"})
    void theGradientPassesANumericalCheck(String lossName, String kernelChoice) {
        Kernels kernels = kernelChoice.equals("scalar") ? KernelSelection.scalar() : KernelSelection.active();
        Loss loss = PluginRegistry.discover().loss(lossName, Options.empty());
        Random random = new Random(11);
        int n = 300;
        int d = 13;
        float[][] rows = new float[n][d];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = (float) random.nextGaussian();
            }
            y[i] = lossName.equals("log") ? (random.nextBoolean() ? 1 : 0) : (float) random.nextGaussian();
        }
        Dataset data = Dataset.fromRows(rows, y);
        double l2 = 0.05;
        Objective objective = new Objective(data, loss, l2, kernels);
        float[] theta = new float[d + 1];
        for (int j = 0; j <= d; j++) {
            theta[j] = (float) (random.nextGaussian() * 0.5);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (i * 7) % n; // a permutation, as a shuffled minibatch would be
        }
        for (Rows batch : new Rows[] {Rows.range(0, n), Rows.of(order, 10, 74)}) {
            float[] gradient = new float[d + 1];
            objective.evaluate(theta, batch, gradient);
            for (int j = 0; j <= d; j++) {
                double h = 1e-2;
                double plus = cost(data, loss, l2, batch, theta, j, h);
                double minus = cost(data, loss, l2, batch, theta, j, -h);
                double numerical = (plus - minus) / (2 * h);
                assertEquals(numerical, gradient[j], 2e-4 + 1e-3 * Math.abs(numerical), batch + " ∂J/∂θ" + j);
            }
        }
    }

    /** J at θ with θ_j moved by h, in double from the definition (no kernels). */
    private static double cost(Dataset data, Loss loss, double l2, Rows rows, float[] theta, int j, double h) {
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
                z += t[c] * data.feature(r, c);
            }
            double label = data.label(r);
            sum += loss.name().equals("log")
                    ? Math.max(z, 0) - label * z + Math.log1p(Math.exp(-Math.abs(z)))
                    : (z - label) * (z - label);
        }
        double penalty = 0;
        for (int c = 0; c < d; c++) {
            penalty += t[c] * t[c];
        }
        return sum / rows.size() + 0.5 * l2 * penalty;
    }
}
