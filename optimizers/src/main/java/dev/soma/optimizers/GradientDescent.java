package dev.soma.optimizers;

import dev.soma.plugins.StepContext;

/**
 * Plain gradient descent, {@code θ ← θ − ε·ĝ}, with a fixed batch size m. The three variants of the theory
 * differ only in m: 1 (stochastic), k (minibatch) or every example (batch). The update is one SIMD
 * {@code axpy}; there is no state but the step count.
 */
final class GradientDescent extends BaseOptimizer {

    GradientDescent(String name, int batchSize, double learningRate) {
        super(name, batchSize, learningRate);
    }

    @Override
    String[] bufferNames() {
        return new String[0];
    }

    @Override
    void update(float[] parameters, float[] gradient, float rate, long t, StepContext context) {
        ops().axpy(-rate, gradient, parameters);
    }

    /** {@code θ ← θ − (float) (ε·f)·ĝ}, no state but the step count: the engine may fuse it. */
    @Override
    public boolean plainGradientDescent() {
        return true;
    }

    @Override
    BaseOptimizer sameConfiguration() {
        return new GradientDescent(name(), batchSize(), learningRate());
    }
}
