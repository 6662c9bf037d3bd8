package dev.soma.engine.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.data.SparseRows;
import dev.soma.engine.data.Standardizer;
import dev.soma.engine.kernels.KernelSelection;
import dev.soma.engine.kernels.Rows;
import dev.soma.engine.plugins.PluginRegistry;
import dev.soma.plugins.Loss;
import dev.soma.plugins.Options;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TrainingObjective#changePenalty}: after it, an objective evaluates exactly as a new one made with the new
 * penalty would — also at the parameters and rows of its last evaluation, which it remembers (a sweep's next fit
 * starts where the last one ended).
 */
class ChangePenaltyTest {

    @ParameterizedTest(name = "sparse {0}")
    @ValueSource(booleans = {false, true})
    void anObjectiveGivenAnotherPenaltyEvaluatesAsANewOneMadeWithIt(boolean sparse) {
        Random random = new Random(5);
        int n = 200;
        int d = 7;
        float[][] rows = new float[n][d];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = sparse && random.nextInt(3) > 0 ? 0 : (float) random.nextGaussian();
            }
            y[i] = random.nextBoolean() ? 1 : 0;
        }
        float[] flat = new float[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        Dataset data = sparse ? Dataset.sparse(SparseRows.fromDense(flat, n, d), y) : Dataset.fromRows(rows, y);
        Loss loss = PluginRegistry.discover().loss("log", Options.empty());
        Standardizer standardizer = Standardizer.fit(data);
        Penalty before = new Penalty(0, 0.5);
        Penalty after = new Penalty(0, 0.01);
        TrainingObjective objective = make(sparse, data, standardizer, loss, before);
        TrainingObjective fresh = make(sparse, data, standardizer, loss, after);
        float[] theta = new float[d + 1];
        for (int j = 0; j <= d; j++) {
            theta[j] = (float) random.nextGaussian();
        }
        Rows all = Rows.range(0, n);
        float[] gradient = new float[d + 1];
        double costBefore = objective.evaluate(theta, all, gradient);

        assertTrue(objective.changePenalty(after));
        float[] changedGradient = new float[d + 1];
        double changed = objective.evaluate(theta, all, changedGradient); // same rows object, same θ as last time
        float[] freshGradient = new float[d + 1];
        double expected = fresh.evaluate(theta, all, freshGradient);

        assertFalse(changed == costBefore, "the cost of the old penalty was recalled");
        assertEquals(expected, changed, 0);
        assertArrayEquals(freshGradient, changedGradient, 0f);
        if (!sparse) { // the sparse objective does not say its penalty (no Hessian matrix to put it on)
            assertEquals(after.l2(), objective.over(all).l2Penalty(0), 0);
        }
    }

    private static TrainingObjective make(boolean sparse, Dataset data, Standardizer standardizer, Loss loss,
                                          Penalty penalty) {
        return sparse
                ? new SparseLinearObjective(data, standardizer, loss, penalty, null, KernelSelection.active())
                : new LinearObjective(data, standardizer, loss, penalty, null, KernelSelection.active(), null, 1);
    }
}
