package dev.soma.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.soma.plugins.Optimizer;
import dev.soma.plugins.Options;
import dev.soma.plugins.StepContext;
import dev.soma.testkit.PlainVectorOps;
import org.junit.jupiter.api.Test;

/** Details of the update rules that the convergence checks do not pin down. */
class UpdateDetailsTest {

    private static Optimizer make(Optimizer optimizer, int parameters) {
        optimizer.initialise(parameters, new PlainVectorOps());
        return optimizer;
    }

    @Test
    void adamsEpsilonIsAddedToTheBiasCorrectedRootMeanSquare() {
        // t = 1: m̂ = g, v̂ = g², so the step is ε·g/(|g| + eps); with g = 1 and eps = 1 that is ε/2, and with
        // g = 3 it is 3ε/4. Folding the correction into eps must not change that.
        Optimizer adam = make(new AdamProvider().create(Options.of("learningRate", 0.1, "epsilon", 1.0)), 2);
        float[] theta = {0f, 0f};
        adam.step(theta, new float[] {1f, 3f}, StepContext.simple());
        assertEquals(-0.05f, theta[0], 1e-6f);
        assertEquals(-0.075f, theta[1], 1e-6f);
        // t = 2, same gradient: m̂ = g and v̂ = g² again.
        adam.step(theta, new float[] {1f, 3f}, StepContext.simple());
        assertEquals(-0.1f, theta[0], 1e-6f);
        assertEquals(-0.15f, theta[1], 1e-6f);
    }

    @Test
    void adamWithoutWeightDecayDoesNotShrinkTheParameters() {
        Optimizer adamw = make(new AdamWProvider().create(Options.of("learningRate", 0.1, "weightDecay", 0.0)), 1);
        float[] theta = {2f};
        adamw.step(theta, new float[] {0f}, StepContext.simple());
        assertEquals(2f, theta[0]);
    }

    @Test
    void aDescriptionNamesTheRuleItsRateAndItsBatch() {
        assertEquals("sgd(learningRate=0.1, batchSize=1)", new SgdProvider().create(Options.empty()).toString());
        assertEquals("batch(learningRate=0.25, batchSize=all)",
                new BatchProvider().create(Options.of("learningRate", 0.25)).toString());
        assertEquals("adam(learningRate=0.001, batchSize=32)", new AdamProvider().create(Options.empty()).toString());
    }

    @Test
    void theProvidersDeclareTheirLearningRates() {
        assertEquals(0.1, new SgdProvider().create(Options.empty()).learningRate());
        assertEquals(0.01, new MomentumProvider().create(Options.empty()).learningRate());
        assertEquals(0.001, new AdamProvider().create(Options.empty()).learningRate());
        assertEquals(1.0, new LbfgsProvider().create(Options.empty()).learningRate());
    }

    @Test
    void initialisingAgainStartsAfreshForTheNewSize() {
        Optimizer momentum = make(new MomentumProvider().create(Options.of("learningRate", 0.1, "momentum", 0.5)), 1);
        momentum.step(new float[] {0f}, new float[] {1f}, StepContext.simple());
        momentum.initialise(2, new PlainVectorOps());
        assertEquals(0, momentum.steps());
        float[] theta = {0f, 0f};
        momentum.step(theta, new float[] {1f, 2f}, StepContext.simple());   // no velocity left: v = g
        assertEquals(-0.1f, theta[0], 1e-7f);
        assertEquals(-0.2f, theta[1], 1e-7f);
    }
}
