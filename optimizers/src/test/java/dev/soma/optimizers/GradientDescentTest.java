package dev.soma.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.soma.plugins.CostFunction;
import dev.soma.plugins.Optimizer;
import dev.soma.plugins.OptimizerProvider;
import dev.soma.plugins.Options;
import dev.soma.plugins.StepContext;
import dev.soma.plugins.VectorOps;
import dev.soma.testkit.PlainVectorOps;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** The update rules, step by step against their formulas. */
class GradientDescentTest {

    private static final Map<String, OptimizerProvider> PROVIDERS = ServiceLoader.load(OptimizerProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .collect(Collectors.toMap(OptimizerProvider::name, Function.identity()));

    private static Optimizer make(String name, Options options, int parameters) {
        Optimizer optimizer = PROVIDERS.get(name).create(options);
        optimizer.initialise(parameters, new PlainVectorOps());
        return optimizer;
    }

    @Test
    void allElevenAreListed() {
        assertEquals(java.util.Set.of("sgd", "minibatch", "batch", "momentum", "nesterov", "adagrad", "rmsprop", "adam",
                "adamw", "lbfgs", "newton"), PROVIDERS.keySet());
    }

    @Test
    void theThreeVariantsDifferOnlyInBatchSize() {
        assertEquals(1, PROVIDERS.get("sgd").create(Options.empty()).batchSize());
        assertEquals(32, PROVIDERS.get("minibatch").create(Options.empty()).batchSize());
        assertEquals(7, PROVIDERS.get("minibatch").create(Options.of("batchSize", 7)).batchSize());
        assertEquals(Optimizer.FULL_BATCH, PROVIDERS.get("batch").create(Options.empty()).batchSize());
    }

    @Test
    void theAdaptiveRulesTakeAnyBatchSize() {
        for (String name : new String[] {"momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"}) {
            assertEquals(32, PROVIDERS.get(name).create(Options.empty()).batchSize(), name);
            assertEquals(1, PROVIDERS.get(name).create(Options.of("batchSize", 1)).batchSize(), name);
            assertEquals(Optimizer.FULL_BATCH, PROVIDERS.get(name).create(Options.of("batchSize", 0)).batchSize(), name);
        }
    }

    @Test
    void gradientDescentMovesAgainstTheGradientScaledByTheSchedule() {
        Optimizer sgd = make("sgd", Options.of("learningRate", 0.5), 3);
        float[] theta = {1f, -2f, 0f};
        sgd.step(theta, new float[] {2f, 2f, -4f}, factor(0.5));
        assertArrayEquals(new float[] {0.5f, -2.5f, 1f}, theta);
        assertEquals(1, sgd.steps());
    }

    @Test
    void momentumAndNesterovFollowTheirFormulas() {
        Optimizer momentum = make("momentum", Options.of("learningRate", 0.1, "momentum", 0.5), 1);
        float[] theta = {0f};
        momentum.step(theta, new float[] {1f}, StepContext.simple());   // v = 1, θ = −0.1
        momentum.step(theta, new float[] {1f}, StepContext.simple());   // v = 1.5, θ = −0.25
        assertEquals(-0.25f, theta[0], 1e-7f);
        Optimizer nesterov = make("nesterov", Options.of("learningRate", 0.1, "momentum", 0.5), 1);
        float[] phi = {0f};
        nesterov.step(phi, new float[] {1f}, StepContext.simple());     // v = 1, θ = −0.1·(1 + 0.5)
        assertEquals(-0.15f, phi[0], 1e-7f);
    }

    @Test
    void adamsFirstStepIsTheLearningRateTimesTheSign() {
        // With bias correction, m̂ = g and v̂ = g² at t = 1, so the step is −ε·g/(|g| + eps) ≈ −ε·sign(g).
        Optimizer adam = make("adam", Options.of("learningRate", 0.01), 2);
        float[] theta = {0f, 0f};
        adam.step(theta, new float[] {3f, -0.2f}, StepContext.simple());
        assertArrayEquals(new float[] {-0.01f, 0.01f}, theta, 1e-6f);
    }

    @Test
    void adamwDecaysTheParametersBeforeItsStep() {
        Optimizer adamw = make("adamw", Options.of("learningRate", 0.1, "weightDecay", 0.5), 1);
        float[] theta = {2f};
        adamw.step(theta, new float[] {0f}, StepContext.simple());       // g = 0: only the decay, θ·(1 − 0.05)
        assertEquals(1.9f, theta[0], 1e-6f);
    }

    @Test
    void adagradAndRmspropDivideByTheRootMeanSquare() {
        Optimizer adagrad = make("adagrad", Options.of("learningRate", 1.0, "epsilon", 1e-10), 1);
        float[] theta = {0f};
        adagrad.step(theta, new float[] {2f}, StepContext.simple());     // G = 4, step 2/2 = 1
        adagrad.step(theta, new float[] {2f}, StepContext.simple());     // G = 8, step 2/√8
        assertEquals(-1 - 2 / Math.sqrt(8), theta[0], 1e-6);
        Optimizer rmsprop = make("rmsprop", Options.of("learningRate", 1.0, "rho", 0.75).with("epsilon", 1e-10), 1);
        float[] phi = {0f};
        rmsprop.step(phi, new float[] {2f}, StepContext.simple());       // G = 0.25·4 = 1, step 2
        assertEquals(-2f, phi[0], 1e-6f);
    }

    @Test
    void theUpdateGoesThroughTheEnginesSimdOps() {
        VectorOps ops = mock(VectorOps.class);
        Optimizer adam = PROVIDERS.get("adam").create(Options.empty());
        adam.initialise(2, ops);
        float[] theta = new float[2];
        float[] gradient = {1f, 1f};
        adam.step(theta, gradient, StepContext.simple());
        InOrder order = inOrder(ops);
        order.verify(ops).axpby(org.mockito.ArgumentMatchers.eq(0.1f), org.mockito.ArgumentMatchers.same(gradient),
                org.mockito.ArgumentMatchers.eq(0.9f), org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.eq(2));
        order.verify(ops).squareAxpby(org.mockito.ArgumentMatchers.anyFloat(), org.mockito.ArgumentMatchers.same(gradient),
                org.mockito.ArgumentMatchers.anyFloat(), org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.eq(2));
        order.verify(ops).divSqrtAxpy(org.mockito.ArgumentMatchers.anyFloat(), org.mockito.ArgumentMatchers.any(),
                org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.anyFloat(),
                org.mockito.ArgumentMatchers.same(theta), org.mockito.ArgumentMatchers.eq(2));
        Optimizer batch = PROVIDERS.get("batch").create(Options.of("learningRate", 0.25));
        batch.initialise(2, ops);
        batch.step(theta, gradient, StepContext.simple());
        verify(ops).axpy(-0.25f, gradient, theta);
    }

    @Test
    void lbfgsSolvesAQuadraticInAFewSteps() {
        // J = ½ Σ a_i (θ_i − c_i)², badly scaled: plain gradient descent would need hundreds of steps.
        float[] a = {1f, 100f, 0.01f};
        float[] c = {1f, -2f, 3f};
        CostFunction quadratic = (theta, g) -> {
            double j = 0;
            for (int i = 0; i < a.length; i++) {
                double r = theta[i] - c[i];
                j += 0.5 * a[i] * r * r;
                g[i] = (float) (a[i] * r);
            }
            return j;
        };
        Optimizer lbfgs = make("lbfgs", Options.empty(), 3);
        float[] theta = new float[3];
        float[] gradient = new float[3];
        for (int step = 0; step < 25; step++) {
            double cost = quadratic.evaluate(theta, gradient);
            lbfgs.step(theta, gradient, context(cost, quadratic));
        }
        assertArrayEquals(c, theta, 1e-3f);
    }

    @Test
    void aStepBeforeInitialiseIsAnError() {
        Optimizer sgd = PROVIDERS.get("sgd").create(Options.empty());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> sgd.step(new float[1], new float[1], StepContext.simple()));
        assertEquals("the 'sgd' optimizer was not initialised before its first step", e.getMessage());
    }

    @Test
    void aParameterCountOtherThanInitialisedIsAnError() {
        Optimizer adam = make("adam", Options.empty(), 3);
        assertThrows(IllegalArgumentException.class, () -> adam.step(new float[4], new float[4], StepContext.simple()));
    }

    private static StepContext factor(double f) {
        return context(Double.NaN, f, null);
    }

    private static StepContext context(double cost, CostFunction function) {
        return context(cost, 1, function);
    }

    private static StepContext context(double cost, double factor, CostFunction function) {
        return StepContext.of(cost, factor, 1, function);
    }
}
