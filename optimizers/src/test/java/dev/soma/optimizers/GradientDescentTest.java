package dev.soma.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.soma.plugins.Optimizer;
import dev.soma.plugins.OptimizerProvider;
import dev.soma.plugins.Options;
import dev.soma.plugins.VectorOps;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GradientDescentTest {

    /** Plain-Java ops: enough to run the update rule without the engine. */
    static final class PlainOps implements VectorOps {
        @Override public String name() { return "plain"; }
        @Override public int lanes() { return 1; }
        @Override public float dot(float[] a, int ao, float[] b, int bo, int n) {
            float s = 0;
            for (int i = 0; i < n; i++) {
                s += a[ao + i] * b[bo + i];
            }
            return s;
        }
        @Override public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
            for (int i = 0; i < n; i++) {
                y[yo + i] += alpha * x[xo + i];
            }
        }
        @Override public void scale(float alpha, float[] x, int off, int n) {
            for (int i = 0; i < n; i++) {
                x[off + i] *= alpha;
            }
        }
        @Override public void hadamard(float[] a, float[] b, float[] out, int n) {
            for (int i = 0; i < n; i++) {
                out[i] = a[i] * b[i];
            }
        }
    }

    private static final Map<String, OptimizerProvider> PROVIDERS = ServiceLoader.load(OptimizerProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .collect(Collectors.toMap(OptimizerProvider::name, Function.identity()));

    @Test
    void theThreeVariantsAreListedAndDifferOnlyInBatchSize() {
        assertEquals(1, PROVIDERS.get("sgd").create(Options.empty()).batchSize());
        assertEquals(32, PROVIDERS.get("minibatch").create(Options.empty()).batchSize());
        assertEquals(7, PROVIDERS.get("minibatch").create(Options.of("batchSize", 7)).batchSize());
        assertEquals(Optimizer.FULL_BATCH, PROVIDERS.get("batch").create(Options.empty()).batchSize());
        for (OptimizerProvider p : PROVIDERS.values()) {
            assertEquals(0.1, p.create(Options.empty()).learningRate());
            assertEquals(0.5, p.create(Options.of("learningRate", 0.5)).learningRate());
            assertEquals(p.name(), p.create(Options.empty()).name());
        }
    }

    @Test
    void aStepMovesAgainstTheGradientByTheLearningRate() {
        Optimizer sgd = PROVIDERS.get("sgd").create(Options.of("learningRate", 0.5));
        sgd.initialise(3, new PlainOps());
        float[] theta = {1f, -2f, 0f};
        sgd.step(theta, new float[] {2f, 2f, -4f});
        assertArrayEquals(new float[] {0f, -3f, 2f}, theta);
        assertEquals(1, sgd.steps());
    }

    @Test
    void theUpdateGoesThroughTheEnginesSimdOps() {
        VectorOps ops = mock(VectorOps.class);
        Optimizer batch = PROVIDERS.get("batch").create(Options.of("learningRate", 0.25));
        batch.initialise(2, ops);
        float[] theta = new float[2];
        float[] gradient = {1f, 1f};
        batch.step(theta, gradient);
        verify(ops).axpy(-0.25f, gradient, theta);
    }

    @Test
    void minimisesAConvexQuadratic() {
        // J(θ) = ½ Σ a_i (θ_i − c_i)², gradient a ⊙ (θ − c).
        float[] a = {1f, 4f, 0.5f};
        float[] c = {3f, -1f, 2f};
        Optimizer batch = PROVIDERS.get("batch").create(Options.of("learningRate", 0.2));
        batch.initialise(3, new PlainOps());
        float[] theta = new float[3];
        for (int step = 0; step < 500; step++) {
            float[] g = new float[3];
            for (int i = 0; i < 3; i++) {
                g[i] = a[i] * (theta[i] - c[i]);
            }
            batch.step(theta, g);
        }
        assertArrayEquals(c, theta, 1e-4f);
    }

    @Test
    void copyResetAndInitialiseManageTheState() {
        Optimizer sgd = PROVIDERS.get("sgd").create(Options.empty());
        sgd.initialise(1, new PlainOps());
        sgd.step(new float[1], new float[1]);
        Optimizer copy = sgd.copy();
        assertNotSame(sgd, copy);
        assertEquals(1, copy.steps());
        copy.step(new float[1], new float[1]);
        assertEquals(1, sgd.steps(), "the copy is independent");
        sgd.reset();
        assertEquals(0, sgd.steps());
        assertEquals(2, copy.steps());
    }

    @Test
    void aStepBeforeInitialiseIsAnError() {
        Optimizer sgd = PROVIDERS.get("sgd").create(Options.empty());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sgd.step(new float[1], new float[1]));
        assertEquals("the 'sgd' optimizer was not initialised before its first step", e.getMessage());
    }
}
